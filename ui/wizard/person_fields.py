"""The fields of a person (applicant or respondent), laid out in two calm columns."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout

from forms.i18n import N_
from forms.wizard_choices import GENDERS, ID_TYPES

from .page_base import WizardPage


def person_fields(page: WizardPage, prefix: str, *, full: bool = True) -> tuple[QHBoxLayout, QFormLayout, QFormLayout]:
    """Name, gender, birth date, ethnicity, ID, phone, addresses … bound under ``prefix``; returns the columns."""
    columns = QHBoxLayout()
    left, right = QFormLayout(), QFormLayout()
    columns.addLayout(left, 1)
    columns.addSpacing(24)
    columns.addLayout(right, 1)

    def add(form, msgid, widget, key):
        page.row(form, msgid, widget, f"{prefix}.{key}")

    add(left, N_("Name"), page.line(f"{prefix}.name", N_("Name")), "name")
    add(left, N_("Gender"), page.combo(f"{prefix}.gender", N_("Gender"), GENDERS), "gender")
    add(left, N_("Birth date"), page.line(f"{prefix}.birth_date", N_("Birth date"),
                                          placeholder=N_("e.g. 1986-03-14")), "birth_date")
    add(left, N_("Ethnic group"), page.line(f"{prefix}.ethnicity", N_("Ethnic group"),
                                            placeholder=N_("e.g. 汉族")), "ethnicity")
    if full:
        add(left, N_("Kind of ID"), page.combo(f"{prefix}.id_type", N_("Kind of ID"), ID_TYPES), "id_type")
    add(left, N_("ID number"), page.line(f"{prefix}.id_number", N_("ID number")), "id_number")
    add(right, N_("Phone"), page.line(f"{prefix}.phone", N_("Phone")), "phone")
    add(right, N_("Work or job"), page.line(f"{prefix}.occupation", N_("Work or job")), "occupation")
    if full:
        add(right, N_("Workplace"), page.line(f"{prefix}.workplace", N_("Workplace")), "workplace")
    add(right, N_("Registered address (hukou)"), page.line(f"{prefix}.registered_address",
                                                          N_("Registered address (hukou)")), "registered_address")
    add(right, N_("Where living now"), page.line(f"{prefix}.current_address", N_("Where living now")),
        "current_address")
    return columns, left, right
