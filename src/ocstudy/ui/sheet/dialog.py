"""File, Revision sheet...: what to print (everything, a theme, an entry), with notes or not,
the learner's weak spots (on when there is review history), the paper size and the file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from ocstudy.services.sheet.model import ScopeKind, SheetRequest
from ocstudy.ui.common.file_dialogs import remember_folder, start_folder

DEFAULT_WEAK = 20


class SheetDialog(QDialog):
    def __init__(
        self,
        themes: Sequence[tuple[str, str]],
        entries: Sequence[tuple[str, str]],
        *,
        current_slug: str | None,
        current_theme: str | None,
        has_history: bool,
        folder: Path | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ):
        """The file is proposed in the folder last saved in (kept in ``settings``), else in
        ``folder``, else in Documents: never the folder the app was started from."""
        super().__init__(parent)
        self.setObjectName("sheetDialog")
        self.setWindowTitle("Revision sheet")
        self.setAccessibleName("Revision sheet")
        self.settings = settings
        self.folder = start_folder(settings, folder)

        self.scope_buttons = QButtonGroup(self)
        self.all_button = self._radio("&Everything", "sheetScopeAll")
        self.theme_button = self._radio("A &theme:", "sheetScopeTheme")
        self.entry_button = self._radio("An ent&ry:", "sheetScopeEntity")
        self.theme_box = self._combo("sheetTheme", "Theme", themes, current_theme)
        self.entry_box = self._combo("sheetEntity", "Entry", entries, current_slug)
        (self.entry_button if current_slug else self.all_button).setChecked(True)
        scope = QGridLayout()
        scope.addWidget(self.all_button, 0, 0)
        scope.addWidget(self.theme_button, 1, 0)
        scope.addWidget(self.theme_box, 1, 1)
        scope.addWidget(self.entry_button, 2, 0)
        scope.addWidget(self.entry_box, 2, 1)

        self.notes_box = QCheckBox("Include my &notes")
        self.notes_box.setObjectName("sheetWithNotes")
        self.weak_box = QCheckBox("Your weak s&pots:")
        self.weak_box.setObjectName("sheetWeak")
        self.weak_box.setChecked(has_history)
        self.weak_count = QSpinBox()
        self.weak_count.setObjectName("sheetWeakCount")
        self.weak_count.setAccessibleName("Number of weak spots")
        self.weak_count.setRange(1, 500)
        self.weak_count.setValue(DEFAULT_WEAK)
        self.weak_count.setSuffix(" cards")
        self.weak_count.setEnabled(has_history)
        self.weak_box.toggled.connect(self.weak_count.setEnabled)
        weak = QHBoxLayout()
        weak.addWidget(self.weak_box)
        weak.addWidget(self.weak_count)
        weak.addStretch()

        self.page_box = QComboBox()
        self.page_box.setObjectName("sheetPage")
        self.page_box.setAccessibleName("Paper size")
        self.page_box.addItem("A4", "a4")
        self.page_box.addItem("Letter", "letter")
        if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
            self.page_box.setCurrentIndex(1)

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("sheetPath")
        self.path_edit.setAccessibleName("Output file")
        self.path_edit.setMinimumWidth(360)
        browse = QPushButton("&Browse\u2026")
        browse.setObjectName("sheetBrowse")
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.write_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.write_button.setText("&Write PDF")
        self.write_button.setObjectName("sheetWrite")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow("Print:", scope)
        form.addRow("Add:", self.notes_box)
        form.addRow("", weak)
        form.addRow("Paper:", self.page_box)
        form.addRow("File:", path_row)
        form.addRow(self.buttons)
        for button in self.scope_buttons.buttons():
            button.toggled.connect(self._scope_changed)
        self.theme_box.currentIndexChanged.connect(self._scope_changed)
        self.entry_box.currentIndexChanged.connect(self._scope_changed)
        self.path_edit.textChanged.connect(self._update_write)
        self._scope_changed()

    def _radio(self, text: str, name: str) -> QRadioButton:
        button = QRadioButton(text)
        button.setObjectName(name)
        self.scope_buttons.addButton(button)
        return button

    def _combo(
        self, name: str, label: str, items: Sequence[tuple[str, str]], current: str | None
    ) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setAccessibleName(label)
        for key, text in items:
            box.addItem(text, key)
        if current is not None and box.findData(current) >= 0:
            box.setCurrentIndex(box.findData(current))
        return box

    # -- what the learner chose -------------------------------------------------------------

    def scope(self) -> tuple[ScopeKind, str | None]:
        if self.theme_button.isChecked():
            return "theme", self.theme_box.currentData()
        if self.entry_button.isChecked():
            return "entity", self.entry_box.currentData()
        return "all", None

    def request(self) -> SheetRequest:
        scope, key = self.scope()
        weak = self.weak_count.value() if self.weak_box.isChecked() else 0
        return SheetRequest(
            scope, key, self.notes_box.isChecked(), weak, self.page_box.currentData()
        )

    def path(self) -> Path:
        """The output file, with ``.pdf`` added when the name has no such ending; a bare name
        is in the dialog's folder."""
        path = self.folder / Path(self.path_edit.text().strip()).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(f"{path.name}.pdf")

    # -- reactions --------------------------------------------------------------------------

    def _scope_changed(self) -> None:
        self.theme_box.setEnabled(self.theme_button.isChecked())
        self.entry_box.setEnabled(self.entry_button.isChecked())
        _scope, key = self.scope()
        name = f"ocstudy-sheet-{key}.pdf" if key else "ocstudy-sheet.pdf"
        current = self.path_edit.text().strip()
        if not current or Path(current).name.startswith("ocstudy-sheet"):
            folder = Path(current).parent if current else self.folder
            self.path_edit.setText(str(folder / name))
        self._update_write()

    def _update_write(self) -> None:
        self.write_button.setEnabled(bool(self.path_edit.text().strip()))

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the revision sheet", str(self.path()), "PDF (*.pdf)"
        )
        if path:
            self.path_edit.setText(path)

    def accept(self) -> None:
        remember_folder(self.settings, self.path())
        super().accept()
