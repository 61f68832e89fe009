"""Every file dialog of the reader, built so that it never opens the files it lists.

Qt's own file dialog names and draws each listed file from its type, which
`QAbstractFileIconProvider` asks `QMimeDatabase` for, and the database reads the file's
first bytes whenever the name alone does not settle it (`library.sqlite-wal`, `-shm`). A
platform's native dialog does the same in-process (GTK's file chooser, through GIO). A
dialog showing the open library's folder therefore opened and closed `library.sqlite`,
`-wal` and `-shm` in the reader's process, and on POSIX closing any descriptor of a file
drops every lock the process holds on it: the next `hashiya` command to close the library
deleted the WAL under the window, whose later writes were lost (DESIGN.md fact 11).

So the dialogs here are Qt's widget dialogs, never the native ones, and their icon
provider (`NameOnlyIcons`) tells a folder from a file and names a type from the file
name's suffix, without opening anything: listing a folder costs `stat` calls only.

Each dialog runs through a classmethod, which a test answers by patching it (or `exec`):

    paths = FileDialog.open_files(parent, caption, folder, filters)
    folder = FileDialog.folder(parent, caption, start)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QStyle, QWidget


class NameOnlyIcons(QAbstractFileIconProvider):
    """Icons and type names from what `stat` and the file name say, never the contents."""

    def __init__(self) -> None:
        super().__init__()
        self.setOptions(QAbstractFileIconProvider.Option.DontUseCustomDirectoryIcons)
        style = QApplication.style()
        pixmap = QStyle.StandardPixmap
        self._file = style.standardIcon(pixmap.SP_FileIcon)
        self._folder = style.standardIcon(pixmap.SP_DirIcon)
        self._link = style.standardIcon(pixmap.SP_FileLinkIcon)
        by_kind = QAbstractFileIconProvider.IconType
        self._kinds = {
            by_kind.Computer: style.standardIcon(pixmap.SP_ComputerIcon),
            by_kind.Desktop: style.standardIcon(pixmap.SP_DesktopIcon),
            by_kind.Trashcan: style.standardIcon(pixmap.SP_TrashIcon),
            by_kind.Network: style.standardIcon(pixmap.SP_DriveNetIcon),
            by_kind.Drive: style.standardIcon(pixmap.SP_DriveHDIcon),
            by_kind.Folder: self._folder,
            by_kind.File: self._file,
        }

    def icon(self, which: QFileInfo | QAbstractFileIconProvider.IconType) -> QIcon:
        if not isinstance(which, QFileInfo):
            return self._kinds.get(which, self._file)
        if which.isRoot():
            return self._kinds[QAbstractFileIconProvider.IconType.Drive]
        if which.isDir():
            return self._folder
        return self._link if which.isSymLink() else self._file

    def type(self, info: QFileInfo) -> str:
        translate = QCoreApplication.translate
        if info.isRoot():
            return translate("FileDialog", "Drive")
        if info.isDir():
            return translate("FileDialog", "Folder")
        suffix = info.suffix()
        if suffix:
            return translate("FileDialog", "%1 File").replace("%1", suffix.upper())
        return translate("FileDialog", "File")


class FileDialog(QFileDialog):
    """Qt's widget file dialog with `NameOnlyIcons`: it lists a folder without opening
    any file in it (see the module's docstring)."""

    def __init__(self, parent: QWidget | None, caption: str, start: str, filters: str = "") -> None:
        super().__init__(parent, caption)
        self.setObjectName("fileDialog")
        # Options first: they decide the widgets (and the model) the dialog is built with.
        self.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        self.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons, True)
        self.icons = NameOnlyIcons()  # kept: the dialog does not own its provider
        self.setIconProvider(self.icons)
        if filters:
            self.setNameFilter(filters)  # by name only: "*.sqlite" never reads a file
        place = Path(start).expanduser() if start else Path.home()
        if start and not place.is_dir():
            self.setDirectory(str(place.parent))
            self.selectFile(place.name)
        else:
            self.setDirectory(str(place))

    def _chosen(self) -> list[str]:
        try:
            if self.exec() != QDialog.DialogCode.Accepted:
                return []
            return self.selectedFiles()
        finally:
            self.deleteLater()  # and with it the model watching the folder

    @classmethod
    def open_file(cls, parent: QWidget | None, caption: str, start: str, filters: str) -> str:
        """An existing file's path, or "" if the user cancelled."""
        dialog = cls(parent, caption, start, filters)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        chosen = dialog._chosen()
        return chosen[0] if chosen else ""

    @classmethod
    def open_files(
        cls, parent: QWidget | None, caption: str, start: str, filters: str
    ) -> list[str]:
        """Existing files' paths; empty if the user cancelled."""
        dialog = cls(parent, caption, start, filters)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        return dialog._chosen()

    @classmethod
    def folder(cls, parent: QWidget | None, caption: str, start: str) -> str:
        """An existing folder's path, or "" if the user cancelled."""
        dialog = cls(parent, caption, start)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        chosen = dialog._chosen()
        return chosen[0] if chosen else ""

    @classmethod
    def save_file(
        cls,
        parent: QWidget | None,
        caption: str,
        start: str,
        filters: str,
        *,
        confirm_overwrite: bool = True,
    ) -> str:
        """A path to write to (it may exist), or "" if the user cancelled."""
        dialog = cls(parent, caption, start, filters)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
        chosen = dialog._chosen()
        return chosen[0] if chosen else ""
