"""Step 6: the protection asked for (请求事项) in plain words, who else is protected, places and distance."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from forms.enums import Measure
from forms.i18n import N_
from forms.model import ProtectedRelative, Request
from forms.wizard_choices import MEASURES

from .page_base import Field, WizardPage

_KEYS = ("protects_relatives", "places", "distance_m", "details")


class ProtectionPage(WizardPage):
    step_id = "protection"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll, layout = self.scrolling_column()
        outer.addWidget(scroll)
        self.requests_note = self._note()
        layout.addWidget(self.requests_note)
        self.measure_checks: dict[Measure, QCheckBox] = {}
        self.extras: dict[Measure, dict[str, QWidget]] = {}
        self.extra_boxes: dict[Measure, QWidget] = {}
        self.notes: dict[Measure, dict[str, object]] = {}
        for choice in MEASURES:
            measure = choice.value
            check = QCheckBox(choice.text())
            check.setAccessibleName(choice.text())
            check.toggled.connect(lambda on, m=measure: self.on_measure(m, on))
            self.measure_checks[measure] = check
            layout.addWidget(check)
            layout.addWidget(self._extra(measure))

        self.relatives_box = QGroupBox()
        self.tr_text(self.relatives_box.setTitle, N_("Others to protect too, e.g. your children (optional)"))
        rel = QVBoxLayout(self.relatives_box)
        self.relatives_list = QVBoxLayout()
        rel.addLayout(self.relatives_list)
        self.relatives_note = self._note()
        rel.addWidget(self.relatives_note)
        add = QPushButton()
        self.tr_text(add.setText, N_("+ Add a person"))
        add.clicked.connect(self.on_add_relative)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        rel.addLayout(row)
        layout.addWidget(self.relatives_box)
        layout.addStretch(1)
        self.relative_rows: list[QWidget] = []

    def page_note(self):
        return self.requests_note

    # ---- measures --------------------------------------------------------------------------------

    def _extra(self, measure: Measure) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(28, 0, 0, 6)
        widgets: dict[str, QWidget] = {}
        relatives = QCheckBox()
        self.tr_text(relatives.setText, N_("Also protect the people listed below"))
        self.tr_text(relatives.setAccessibleName, N_("Also protect the people listed below"))
        relatives.toggled.connect(lambda on, m=measure: self._set(m, "protects_relatives", bool(on)))
        widgets["protects_relatives"] = relatives
        if measure is Measure.KEEP_AWAY_FROM_PLACES:
            places = QLineEdit()
            self.tr_text(places.setPlaceholderText, N_("e.g. my home; my daughter's school"))
            self.tr_text(places.setAccessibleName, N_("Which places (separate with ;)"))
            places.textEdited.connect(lambda t, m=measure: self._set(
                m, "places", [p.strip() for p in t.replace("；", ";").split(";") if p.strip()]))
            places.editingFinished.connect(self.left)
            widgets["places"] = places
            distance = QLineEdit()
            distance.setMaximumWidth(120)
            self.tr_text(distance.setAccessibleName, N_("How far away, in metres"))
            distance.textEdited.connect(lambda t, m=measure: self._set(
                m, "distance_m", int(t) if t.strip().isdigit() else None))
            distance.editingFinished.connect(self.left)
            widgets["distance_m"] = distance
        if measure is Measure.OTHER:
            details = QLineEdit()
            self.tr_text(details.setAccessibleName, N_("What else the court should order"))
            details.textEdited.connect(lambda t, m=measure: self._set(m, "details", t.strip() or None))
            details.editingFinished.connect(self.left)
            widgets["details"] = details
        labels = {"protects_relatives": "", "places": N_("Which places (separate with ;)"),
                  "distance_m": N_("How far away, in metres"), "details": N_("What else the court should order")}
        self.notes[measure] = {}
        for key, widget in widgets.items():
            note = self._note()
            self.notes[measure][key] = note
            cell = QWidget()
            cell_box = QVBoxLayout(cell)
            cell_box.setContentsMargins(0, 0, 0, 0)
            cell_box.addWidget(widget)
            cell_box.addWidget(note)
            form.addRow(self.label(labels[key], wrap=False) if labels[key] else QWidget(), cell)
        self.extras[measure] = widgets
        self.extra_boxes[measure] = box
        box.hide()
        return box

    def _index(self, measure: Measure) -> int | None:
        for index, request in enumerate(self.app.requests):
            if request.measure is measure:
                return index
        return None

    def _set(self, measure: Measure, key: str, value) -> None:
        index = self._index(measure)
        if self._loading or index is None:
            return
        try:
            setattr(self.app.requests[index], key, value)
        except ValueError:
            return
        self.sig_changed.emit()
        if key == "protects_relatives":
            self.left()

    def on_measure(self, measure: Measure, on: bool) -> None:
        self.extra_boxes[measure].setVisible(on)
        if self._loading:
            return
        index = self._index(measure)
        if on and index is None:
            self.app.requests.append(Request(measure=measure))
            order = list(Measure)
            self.app.requests.sort(key=lambda r: order.index(r.measure) if r.measure else len(order))
        elif not on and index is not None:
            del self.app.requests[index]
        self._rekey()
        self.sig_changed.emit()
        self.left()

    def _rekey(self) -> None:
        """Bind the request paths (``requests.<i>.places``) to the notes of the measure now at index i."""
        self.drop_fields("requests")
        for measure, widgets in self.extras.items():
            index = self._index(measure)
            if index is None:
                continue
            for key, widget in widgets.items():
                self.fields[f"requests.{index}.{key}"] = Field(widget, lambda: None, lambda v: None,
                                                               self.notes[measure][key])
            self.fields[f"requests.{index}.measure"] = Field(self.measure_checks[measure], lambda: None,
                                                             lambda v: None, self.notes[measure]["protects_relatives"])

    # ---- relatives -------------------------------------------------------------------------------

    def on_add_relative(self) -> None:
        self.app.protected_relatives.append(ProtectedRelative())
        self.rebuild_relatives()
        self.sig_changed.emit()
        self.fields[f"protected_relatives.{len(self.app.protected_relatives) - 1}.name"].widget.setFocus()

    def on_remove_relative(self, index: int) -> None:
        del self.app.protected_relatives[index]
        self.rebuild_relatives()
        self.sig_changed.emit()
        self.left()

    def rebuild_relatives(self) -> None:
        for row in self.relative_rows:
            row.setParent(None)
            row.deleteLater()
        self.relative_rows = []
        self.drop_fields("protected_relatives")
        for index in range(len(self.app.protected_relatives)):
            p = f"protected_relatives.{index}"
            row = QWidget()
            form = QHBoxLayout(row)
            form.setContentsMargins(0, 0, 0, 0)
            for key, msgid in (("name", N_("Name")), ("relation_to_applicant", N_("Who they are to you (e.g. 女儿)")),
                               ("birth_date", N_("Birth date"))):
                cell = QVBoxLayout()
                edit = self.line(f"{p}.{key}", msgid, placeholder=msgid)
                cell.addWidget(edit)
                cell.addWidget(self.fields[f"{p}.{key}"].note)
                form.addLayout(cell, 1)
            remove = QPushButton()
            self.tr_text(remove.setText, N_("Remove"))
            remove.clicked.connect(lambda _c=False, i=index: self.on_remove_relative(i))
            form.addWidget(remove)
            self.relative_rows.append(row)
            self.relatives_list.addWidget(row)
        self.load()

    def note_for(self, path: str):
        if path == "protected_relatives":
            return self.relatives_note
        return super().note_for(path)

    def on_load(self) -> None:
        if len(self.relative_rows) != len(self.app.protected_relatives):
            self._loading = False
            self.rebuild_relatives()
            self._loading = True
        chosen = {r.measure: r for r in self.app.requests}
        for measure, check in self.measure_checks.items():
            check.setChecked(measure in chosen)
            self.extra_boxes[measure].setVisible(measure in chosen)
            request = chosen.get(measure)
            widgets = self.extras[measure]
            widgets["protects_relatives"].setChecked(bool(request and request.protects_relatives))
            if "places" in widgets:
                widgets["places"].setText("; ".join(request.places) if request else "")
                widgets["distance_m"].setText(str(request.distance_m) if request and request.distance_m else "")
            if "details" in widgets:
                widgets["details"].setText((request.details or "") if request else "")
        self._rekey()

    def on_retranslate(self) -> None:
        for choice in MEASURES:
            self.measure_checks[choice.value].setText(choice.text())
            self.measure_checks[choice.value].setAccessibleName(choice.text())
