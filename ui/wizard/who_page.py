"""Step 1: who is asking (self or proxy, with the proxy's kind and ground) and the safety screen."""
from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QFormLayout, QFrame, QRadioButton, QVBoxLayout, QWidget

from forms.enums import FiledByKind
from forms.i18n import N_
from forms.wizard_choices import FILED_BY, PROXY_GROUNDS, PROXY_KINDS
from forms.wizard_steps import CALL_110, CALL_110_DETAIL, DANGER_NO, DANGER_QUESTION, DANGER_YES, URGENCY_REASON_PROMPT, URGENT_MEANS

from .page_base import WizardPage

BANNER_STYLE = ("QFrame#call110 { background: #fdecea; border: 2px solid #c62828; border-radius: 6px; }"
                "QLabel#call110Title { color: #c62828; font-size: 22pt; font-weight: bold; }")


class WhoPage(WizardPage):
    step_id = "who"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        layout = QVBoxLayout(self)

        self.filed_group = QButtonGroup(self)
        self.filed_buttons: dict[str, QRadioButton] = {}
        for choice in FILED_BY:
            button = QRadioButton(choice.text())
            self.filed_buttons[choice.value.value] = button
            self.filed_group.addButton(button)
            layout.addWidget(button)
            button.toggled.connect(lambda on, v=choice.value: on and self.on_filed_by(v))
        self.filed_note = self._note()
        layout.addWidget(self.filed_note)

        self.proxy_box = QWidget()
        form = QFormLayout(self.proxy_box)
        form.setContentsMargins(24, 0, 0, 0)
        self.proxy_kind = self.combo("filed_by.proxy.kind", N_("Who is asking for her"), PROXY_KINDS)
        self.row(form, N_("Who is asking for her"), self.proxy_kind, "filed_by.proxy.kind")
        self.proxy_ground = self.combo("filed_by.proxy.ground", N_("Why she cannot ask herself"), PROXY_GROUNDS)
        self.row(form, N_("Why she cannot ask herself"), self.proxy_ground, "filed_by.proxy.ground")
        self.proxy_kind.currentIndexChanged.connect(lambda _i: self.sig_flow_changed.emit())
        layout.addWidget(self.proxy_box)

        helper = QFormLayout()
        self.assisted = self.line("filed_by.assisted_by", N_("Volunteer helping today (optional)"))
        self.row(helper, N_("Volunteer helping today (optional)"), self.assisted, "filed_by.assisted_by")
        layout.addLayout(helper)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        question = self.label(DANGER_QUESTION)
        question.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(question)
        self.danger_group = QButtonGroup(self)
        self.danger_yes = QRadioButton()
        self.danger_no = QRadioButton()
        for button, msgid, value in ((self.danger_yes, DANGER_YES, True), (self.danger_no, DANGER_NO, False)):
            self.tr_text(button.setText, msgid)
            self.tr_text(button.setAccessibleName, msgid)
            self.danger_group.addButton(button)
            layout.addWidget(button)
            button.toggled.connect(lambda on, v=value: on and self.on_danger(v))

        self.banner = QFrame()
        self.banner.setObjectName("call110")
        self.banner.setStyleSheet(BANNER_STYLE)
        banner = QVBoxLayout(self.banner)
        self.call_110 = self.label(CALL_110)
        self.call_110.setObjectName("call110Title")
        banner.addWidget(self.call_110)
        banner.addWidget(self.label(CALL_110_DETAIL))
        banner.addWidget(self.label(URGENT_MEANS))
        banner.addWidget(self.label(URGENCY_REASON_PROMPT))
        self.reason = self.text("urgency_reason", URGENCY_REASON_PROMPT, height=60)
        banner.addWidget(self.reason)
        banner.addWidget(self.fields["urgency_reason"].note)
        layout.addWidget(self.banner)
        layout.addStretch(1)

    def on_retranslate(self) -> None:
        for choice in FILED_BY:
            self.filed_buttons[choice.value.value].setText(choice.text())
            self.filed_buttons[choice.value.value].setAccessibleName(choice.text())

    def on_filed_by(self, kind: FiledByKind) -> None:
        if self._loading:
            return
        self.ctx.wizard.set_filed_by(kind)
        self.proxy_box.setVisible(kind is FiledByKind.PROXY)
        self.load_proxy()
        self.sig_changed.emit()
        self.sig_flow_changed.emit()
        self.sig_left.emit()

    def load_proxy(self) -> None:
        loading, self._loading = self._loading, True
        for path in ("filed_by.proxy.kind", "filed_by.proxy.ground"):
            from forms.fieldpath import get_path
            self.fields[path].write(get_path(self.app, path))
        self._loading = loading

    def on_danger(self, in_danger: bool) -> None:
        if self._loading:
            return
        reason = self.reason.toPlainText() if in_danger else None
        self.ctx.wizard.set_danger(in_danger, reason)
        self.banner.setVisible(in_danger)
        if not in_danger:
            self.reason.blockSignals(True)
            self.reason.clear()
            self.reason.blockSignals(False)
        self.sig_changed.emit()
        self.sig_left.emit()

    def on_load(self) -> None:
        kind = self.app.filed_by.kind
        for value, button in self.filed_buttons.items():
            button.setChecked(kind is not None and kind.value == value)
        if kind is None:
            self.filed_group.setExclusive(False)
            for button in self.filed_buttons.values():
                button.setChecked(False)
            self.filed_group.setExclusive(True)
        self.proxy_box.setVisible(kind is FiledByKind.PROXY)
        answered = self.ctx.wizard.danger_answered
        self.danger_group.setExclusive(False)
        self.danger_yes.setChecked(answered and self.app.urgent)
        self.danger_no.setChecked(answered and not self.app.urgent)
        self.danger_group.setExclusive(True)
        self.banner.setVisible(self.ctx.wizard.show_call_110)

    def note_for(self, path: str):
        if path in ("filed_by.kind", "filed_by.proxy"):
            return self.filed_note
        if path == "urgent":
            return self.fields["urgency_reason"].note
        return super().note_for(path)
