"""Step 2: the victim, who is the applicant (申请人) also when someone asks for her."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from forms.i18n import N_

from .page_base import WizardPage
from .person_fields import person_fields


class VictimPage(WizardPage):
    step_id = "victim"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        columns, _left, right = person_fields(self, "applicant")
        secret = self.check("applicant.address_confidential",
                            N_("Keep my address secret from the other person (only the court sees it)"))
        self.row(right, N_("Address"), secret, "applicant.address_confidential")
        layout.addLayout(columns)
        layout.addStretch(1)
