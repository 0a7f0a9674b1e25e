"""Step 5: what happened — each incident (when, where, what kind, injuries, police) and the narrative."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget,
)

from forms.enums import IncidentKind
from forms.i18n import N_, _
from forms.model import Incident
from forms.wizard_choices import INCIDENT_KINDS

from .page_base import WizardPage


class IncidentsPage(WizardPage):
    step_id = "incidents"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll, self.layout_ = self.scrolling_column()
        outer.addWidget(scroll)
        self.items = QVBoxLayout()
        self.layout_.addLayout(self.items)
        self.add_button = QPushButton()
        self.tr_text(self.add_button.setText, N_("+ Add a time it happened"))
        self.add_button.clicked.connect(self.on_add)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        facts_form = QFormLayout()
        facts = N_("Why you need protection now, in a few sentences")
        self.facts = self.text("facts", facts, height=110)
        self.row(facts_form, facts, self.facts, "facts")
        self.layout_.addLayout(facts_form)
        self.items_note = self._note()
        self.layout_.addWidget(self.items_note)
        self.layout_.addStretch(1)
        self.boxes: list[QGroupBox] = []
        self.kind_boxes: list[dict[str, QCheckBox]] = []

    def page_note(self):
        return self.items_note

    # ---- the list ------------------------------------------------------------------------------

    def on_add(self) -> None:
        self.app.incidents.append(Incident())
        self.rebuild()
        self.sig_changed.emit()
        self.fields[f"incidents.{len(self.app.incidents) - 1}.date"].widget.setFocus()

    def on_remove(self, index: int) -> None:
        del self.app.incidents[index]
        self.rebuild()
        self.sig_changed.emit()
        self.sig_left.emit()

    def on_kind(self, index: int, kind: IncidentKind, on: bool) -> None:
        if self._loading:
            return
        kinds = [k for k in self.app.incidents[index].kinds if k is not kind]
        if on:
            kinds.append(kind)
        order = list(IncidentKind)
        self.app.incidents[index].kinds = sorted(kinds, key=order.index)
        self.sig_changed.emit()
        self.sig_left.emit()

    def rebuild(self) -> None:
        for box in self.boxes:
            box.setParent(None)
            box.deleteLater()
        self.boxes, self.kind_boxes = [], []
        self.drop_fields("incidents")
        for index in range(len(self.app.incidents)):
            self.boxes.append(self._item(index))
            self.items.addWidget(self.boxes[-1])
        self.load()

    def _item(self, index: int) -> QGroupBox:
        box = QGroupBox(_("Time {number}").format(number=index + 1))
        grid = QHBoxLayout(box)
        left, right = QFormLayout(), QFormLayout()
        grid.addLayout(left, 1)
        grid.addLayout(right, 1)
        p = f"incidents.{index}"
        self.row(left, N_("When (year, month or day)"), self.line(
            f"{p}.date", N_("When (year, month or day)"), placeholder=N_("e.g. 2026, 2026-09 or 2026-11-20")), f"{p}.date")
        self.row(left, N_("Where"), self.line(f"{p}.place", N_("Where")), f"{p}.place")
        self.row(left, N_("What they did"), self.text(f"{p}.description", N_("What they did"), height=60),
                 f"{p}.description")
        self.row(left, N_("Injuries"), self.line(f"{p}.injuries", N_("Injuries")), f"{p}.injuries")
        police = self.check(f"{p}.police_called", N_("The police were called"))
        self.row(left, N_("Police"), police, f"{p}.police_called")
        self.row(left, N_("Police receipt number"), self.line(f"{p}.police_reference", N_("Police receipt number")),
                 f"{p}.police_reference")
        kinds = QGridLayout()
        boxes: dict[str, QCheckBox] = {}
        for n, choice in enumerate(INCIDENT_KINDS):
            check = QCheckBox(choice.text())
            check.setAccessibleName(choice.text())
            check.toggled.connect(lambda on, i=index, k=choice.value: self.on_kind(i, k, on))
            kinds.addWidget(check, n // 2, n % 2)
            boxes[choice.value.value] = check
        self.kind_boxes.append(boxes)
        kinds_cell = QWidget()
        kinds_cell.setLayout(kinds)
        self.row(right, N_("What kind"), kinds_cell)
        remove = QPushButton()
        self.tr_text(remove.setText, N_("Remove this time"))
        remove.clicked.connect(lambda _c=False, i=index: self.on_remove(i))
        right.addRow("", remove)
        return box

    def on_load(self) -> None:
        if len(self.boxes) != len(self.app.incidents):
            self._loading = False
            self.rebuild()
            self._loading = True
            return
        for index, incident in enumerate(self.app.incidents):
            chosen = {k.value for k in incident.kinds}
            for value, check in self.kind_boxes[index].items():
                check.setChecked(value in chosen)

    def on_retranslate(self) -> None:
        for index, box in enumerate(self.boxes):
            box.setTitle(_("Time {number}").format(number=index + 1))
            for choice in INCIDENT_KINDS:
                self.kind_boxes[index][choice.value.value].setText(choice.text())
