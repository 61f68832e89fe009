"""`python -m library.cli`: the same as the `hashiya` command."""

import sys

from library.cli import main

if __name__ == "__main__":  # not when a tool walks the package's modules
    sys.exit(main())
