"""Step 4: the respondent (被申请人) and how they are related to the applicant."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget

from forms.i18n import N_
from forms.wizard_choices import RELATIONSHIPS

from .page_base import WizardPage
from .person_fields import person_fields


class RespondentPage(WizardPage):
    step_id = "respondent"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        top = QFormLayout()
        relation = self.combo("respondent.relationship", N_("They are your"), RELATIONSHIPS)
        self.row(top, N_("They are your"), relation, "respondent.relationship")
        detail = self.line("respondent.relationship_detail", N_("In your own words (e.g. husband's brother)"))
        self.row(top, N_("In your own words (e.g. husband's brother)"), detail, "respondent.relationship_detail")
        columns, _left, _right = person_fields(self, "respondent", full=False)
        layout.addLayout(top)
        layout.addLayout(columns)
        layout.addStretch(1)
