import subprocess
import sys
import textwrap


def test_library_imports_and_runs_with_pyside6_unimportable(tmp_path):
    code = textwrap.dedent(
        f"""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6."):
                    raise ImportError("Qt is not allowed in library/")
        sys.meta_path.insert(0, Block())
        import importlib, pkgutil, library
        for mod in pkgutil.walk_packages(library.__path__, "library."):
            importlib.import_module(mod.name)
        from library.cli import main
        sys.exit(main(["import", {str(tmp_path / "none")!r}, "--library", {str(tmp_path / "l.sqlite")!r}]))
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "Qt is not allowed" not in proc.stderr
    assert proc.returncode == 2, proc.stderr  # the missing path is bad input, cleanly
    assert "PySide6" not in proc.stderr
