"""Step 8: the court (受理法院), found in the bundled directory, and why this court (Art. 25)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QRadioButton, QVBoxLayout, QWidget,
)

from forms import courts
from forms.enums import JurisdictionBasis
from forms.i18n import N_, _
from forms.wizard_choices import JURISDICTION_BASES

from .page_base import Field, WizardPage


class CourtPage(WizardPage):
    step_id = "court"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.query = QLineEdit()
        self.tr_text(self.query.setPlaceholderText, N_("Type a district or county, e.g. 潼南"))
        self.tr_text(self.query.setAccessibleName, N_("Find a court"))
        self.query.textChanged.connect(self.on_search)
        self.row(form, N_("Find a court"), self.query)
        self.results = QListWidget()
        self.results.setMaximumHeight(200)
        self.tr_text(self.results.setAccessibleName, N_("Courts found"))
        self.results.itemActivated.connect(self.on_pick)
        self.results.itemClicked.connect(self.on_pick)
        self.row(form, "", self.results)
        self.chosen = QLabel()
        self.chosen.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.tr_text(self.chosen.setAccessibleName, N_("Chosen court"))
        self.fields["court.name"] = Field(self.chosen, self.chosen.text, lambda v: None, self._note())
        self.row(form, N_("Chosen court"), self.chosen, "court.name")
        layout.addLayout(form)

        layout.addWidget(self.label(N_("Why this court?")))
        self.basis_group = QButtonGroup(self)
        self.basis_buttons: dict[str, QRadioButton] = {}
        for choice in JURISDICTION_BASES:
            button = QRadioButton(choice.text())
            button.setAccessibleName(choice.text())
            button.toggled.connect(lambda on, v=choice.value: on and self.on_basis(v))
            self.basis_group.addButton(button)
            self.basis_buttons[choice.value.value] = button
            layout.addWidget(button)
        self.basis_note = self._note()
        self.fields["jurisdiction_basis"] = Field(self.basis_group.buttons()[0], lambda: None, lambda v: None,
                                                  self.basis_note)
        layout.addWidget(self.basis_note)
        layout.addStretch(1)
        self.on_search("")

    def on_search(self, text: str) -> None:
        self.results.clear()
        for court in courts.search(text):
            item = QListWidgetItem(f"{court.name}（{court.district}）")
            item.setData(Qt.ItemDataRole.UserRole, court.code)
            self.results.addItem(item)

    def on_pick(self, item: QListWidgetItem) -> None:
        court = courts.find(item.data(Qt.ItemDataRole.UserRole))
        if court is None or self._loading:
            return
        self.app.court = court.to_field()
        self.chosen.setText(court.name)
        self.sig_changed.emit()
        self.left()

    def on_basis(self, basis: JurisdictionBasis) -> None:
        if self._loading:
            return
        self.app.jurisdiction_basis = basis
        self.sig_changed.emit()
        self.left()

    def on_load(self) -> None:
        self.chosen.setText(self.app.court.name or _("None chosen yet"))
        basis = self.app.jurisdiction_basis
        self.basis_group.setExclusive(False)
        for value, button in self.basis_buttons.items():
            button.setChecked(basis is not None and basis.value == value)
        self.basis_group.setExclusive(True)

    def on_retranslate(self) -> None:
        for choice in JURISDICTION_BASES:
            self.basis_buttons[choice.value.value].setText(choice.text())
        self.on_load()
