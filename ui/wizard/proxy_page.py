"""Step 3 (only when someone asks for her): the proxy, 代为申请人, and what she herself wants."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget

from forms.i18n import N_

from .page_base import WizardPage


class ProxyPage(WizardPage):
    step_id = "proxy"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        for key, msgid in (("name", N_("Name of the person or organisation")),
                           ("handler", N_("Person handling it (for an organisation)")),
                           ("phone", N_("Phone")), ("address", N_("Address"))):
            path = f"filed_by.proxy.{key}"
            self.row(form, msgid, self.line(path, msgid), path)
        wishes = N_("What she herself wants, in her own words")
        self.row(form, wishes, self.text("filed_by.proxy.victim_wishes", wishes, height=90),
                 "filed_by.proxy.victim_wishes")
        layout.addLayout(form)
        layout.addStretch(1)
