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


def test_the_hashiya_command_loads_no_qt_for_its_sub_commands(tmp_path, samples):
    # The console script is reader.launch:main: importing it and running every command but
    # `gui` must not load PySide6 (nor need it installed); PDF export included.
    library = str(tmp_path / "l.sqlite")
    code = textwrap.dedent(
        f"""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6"):
                    raise ImportError("Qt is not allowed here")
        sys.meta_path.insert(0, Block())
        from reader.launch import main
        for argv in (["import", {str(samples)!r}], ["list"], ["search", "الطاقة"],
                     ["export", "--format", "markdown", "--output", {str(tmp_path / "n.md")!r}]):
            assert main([*argv, "--json", "--library", {library!r}]
                        if argv[0] != "export" else [*argv, "--library", {library!r}]) == 0, argv
        assert main(["export", "--format", "pdf", "--output", {str(tmp_path / "n.pdf")!r},
                     "--library", {library!r}]) == 0
        assert not [m for m in sys.modules if m.startswith(("PySide6", "shiboken6"))]
        # Without Qt, the window fails as one clear line, not a traceback.
        sys.exit(main(["gui", "--library", {library!r}]))
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert (tmp_path / "n.pdf").read_bytes().startswith(b"%PDF-")
