"""What every wizard page shares: fields bound to the application by dotted path, problems shown beside them.

A page binds each input to one path of :class:`forms.model.Application` (the paths validation reports,
see :mod:`forms.fieldpath`). Typing writes the value straight into the model and emits ``sig_changed``
(the wizard autosaves); leaving a field emits ``sig_left`` (the wizard validates the step and calls
:meth:`WizardPage.show_problems`). Texts are registered with their msgid so :meth:`retranslate` can
switch language live.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget,
)

from forms.fieldpath import get_path, set_path
from forms.i18n import translate
from forms.problems import Problem, Severity

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5a00;"


class _FocusOut(QObject):
    """Calls ``callback`` when the watched widget loses focus (QPlainTextEdit has no editingFinished)."""

    def __init__(self, parent: QObject, callback: Callable[[], None]):
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


class Field:
    """One bound input: its widget, how to read and write it, and the label showing its problems."""

    def __init__(self, widget: QWidget, read: Callable[[], Any], write: Callable[[Any], None], note: QLabel):
        self.widget, self.read, self.write, self.note = widget, read, write, note


class WizardPage(QWidget):
    """Base of the ``*_page`` widgets. ``step_id`` is the :class:`forms.wizard_steps.Step` it renders."""

    step_id = ""
    sig_changed = Signal()  # a value in the application changed (autosave)
    sig_left = Signal()  # the user left a field (validate now)
    sig_flow_changed = Signal()  # an answer changed which steps are shown

    def __init__(self, context: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = context  # the WizardWidget: .app, .wizard, .session, .tasks, .draft_id
        self.fields: dict[str, Field] = {}
        self._texts: list[tuple[Callable[[str], None], str]] = []
        self._loading = False

    @property
    def app(self):
        return self.ctx.app

    # ---- texts ---------------------------------------------------------------------------------

    def tr_text(self, setter: Callable[[str], None], msgid: str) -> None:
        """Set a text now and again on every language switch."""
        self._texts.append((setter, msgid))
        setter(translate(msgid))

    def label(self, msgid: str, *, wrap: bool = True, style: str = "") -> QLabel:
        widget = QLabel()
        widget.setWordWrap(wrap)
        if style:
            widget.setStyleSheet(style)
        self.tr_text(widget.setText, msgid)
        return widget

    def retranslate(self) -> None:
        alive = []
        for setter, msgid in self._texts:
            try:
                setter(translate(msgid))
            except RuntimeError:  # the widget of a removed list item is gone
                continue
            alive.append((setter, msgid))
        self._texts = alive
        self.on_retranslate()
        self.refill_combos()

    def on_retranslate(self) -> None:
        """Pages with choice lists refill their texts here."""

    # ---- binding -------------------------------------------------------------------------------

    @staticmethod
    def scrolling_column(frame: bool = False) -> tuple[QScrollArea, QVBoxLayout]:
        """A scroll area holding one vertical column: (the area to place, the column to fill)."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        if not frame:
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        return scroll, QVBoxLayout(body)

    def _note(self) -> QLabel:
        note = QLabel()
        note.setWordWrap(True)
        note.hide()
        return note

    def _write(self, path: str, value: Any) -> None:
        if self._loading:
            return
        try:
            set_path(self.app, path, value)
        except (ValidationError, ValueError, TypeError):
            return  # the model refuses the value; validation shows why when the field is left
        self.sig_changed.emit()

    def left(self) -> None:
        """The user finished with a field: validate (not while the page is being filled)."""
        if not self._loading:
            self.sig_left.emit()

    def _register(self, path: str, widget: QWidget, read, write, accessible: str) -> Field:
        field = Field(widget, read, write, self._note())
        self.tr_text(widget.setAccessibleName, accessible)
        self.fields[path] = field
        return field

    def line(self, path: str, name: str, *, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        if placeholder:
            self.tr_text(edit.setPlaceholderText, placeholder)
        edit.textEdited.connect(lambda text, p=path: self._write(p, text.strip() or None))
        edit.editingFinished.connect(self.sig_left.emit)
        self._register(path, edit, edit.text, lambda v, e=edit: e.setText("" if v is None else str(v)), name)
        return edit

    def number(self, path: str, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaximumWidth(120)

        def write(text: str, p=path) -> None:
            text = text.strip()
            self._write(p, int(text) if text.isdigit() else None)

        edit.textEdited.connect(write)
        edit.editingFinished.connect(self.sig_left.emit)
        self._register(path, edit, edit.text, lambda v, e=edit: e.setText("" if v is None else str(v)), name)
        return edit

    def text(self, path: str, name: str, *, height: int = 70) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(height)
        edit.textChanged.connect(lambda e=edit, p=path: self._write(p, e.toPlainText().strip() or None))
        edit.installEventFilter(_FocusOut(edit, self.sig_left.emit))

        def load(v, e=edit) -> None:
            if e.toPlainText() != (v or ""):
                e.setPlainText(v or "")

        self._register(path, edit, edit.toPlainText, load, name)
        return edit

    def combo(self, path: str, name: str, options: tuple) -> QComboBox:
        """A choice from ``forms.wizard_choices`` (an empty first entry means "not given")."""
        box = QComboBox()
        # long plain-language choices must not widen the page past the screen: elide, show in full when open
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(16)
        box.setProperty("choices", options)
        self._fill_combo(box)

        def changed(index: int, p=path, b=box) -> None:
            self._write(p, b.itemData(index))
            self.left()

        box.currentIndexChanged.connect(changed)

        def load(v, b=box) -> None:
            index = b.findData(v.value if hasattr(v, "value") else v)
            b.setCurrentIndex(max(index, 0))

        self._register(path, box, lambda b=box: b.currentData(), load, name)
        return box

    def _fill_combo(self, box: QComboBox) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem("—", None)
        for choice in box.property("choices"):
            value = choice.value.value if hasattr(choice.value, "value") else choice.value
            box.addItem(choice.text(), value)
        box.setCurrentIndex(max(box.findData(current), 0))
        box.blockSignals(False)

    def refill_combos(self) -> None:
        for field in self.fields.values():
            if isinstance(field.widget, QComboBox) and field.widget.property("choices") is not None:
                self._fill_combo(field.widget)

    def check(self, path: str, msgid: str) -> QCheckBox:
        box = QCheckBox()
        self.tr_text(box.setText, msgid)
        box.toggled.connect(lambda on, p=path: (self._write(p, bool(on)), self.left()))
        self._register(path, box, box.isChecked, lambda v, b=box: b.setChecked(bool(v)), msgid)
        return box

    def row(self, form: QFormLayout, msgid: str, widget: QWidget, path: str | None = None) -> None:
        """A labelled row; the field's problem note sits right under the input."""
        label = self.label(msgid, wrap=False) if msgid else QLabel()
        label.setBuddy(widget)
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        if path and path in self.fields:
            box.addWidget(self.fields[path].note)
        form.addRow(label, cell)

    def drop_fields(self, prefix: str) -> None:
        """Forget the fields of a list that is being rebuilt (``"incidents"`` drops ``incidents.0.date``…)."""
        for path in [p for p in self.fields if p.startswith(prefix + ".")]:
            del self.fields[path]

    # ---- loading and problems ------------------------------------------------------------------

    def load(self) -> None:
        """Show the application's values in the inputs (on open, restore and language switch)."""
        self._loading = True
        try:
            for path, field in self.fields.items():
                field.write(get_path(self.app, path))
            self.on_load()
        finally:
            self._loading = False

    def on_load(self) -> None:
        """Pages with more than plain fields fill the rest here."""

    def note_for(self, path: str) -> QLabel | None:
        """The note of the field showing problems at ``path``: the field itself or its nearest parent."""
        while True:
            if path in self.fields:
                return self.fields[path].note
            if "." not in path:
                return None
            path = path.rsplit(".", 1)[0]

    def page_note(self) -> QLabel | None:
        """Where problems with no field of their own go (a page may provide one)."""
        return None

    def show_problems(self, problems: list[Problem]) -> None:
        for field in self.fields.values():
            field.note.hide()
            field.note.setText("")
        extra = self.page_note()
        if extra is not None:
            extra.hide()
            extra.setText("")
        for problem in problems:
            note = self.note_for(problem.path) or extra
            if note is None:
                continue
            error = problem.severity is Severity.ERROR
            text = ("⛔ " if error else "⚠ ") + problem.message()
            if note.text() and "⛔" in note.text() and not error:
                continue
            note.setText(text if not note.text() or error else note.text() + "\n" + text)
            note.setStyleSheet(ERROR_STYLE if "⛔" in note.text() else WARNING_STYLE)
            note.show()

    def focus_path(self, path: str) -> bool:
        """Put the cursor in the field at ``path`` (or its nearest parent); True when found."""
        while path:
            if path in self.fields:
                self.fields[path].widget.setFocus()
                return True
            path = path.rsplit(".", 1)[0] if "." in path else ""
        return False
