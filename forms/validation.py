"""Validation of an application: a list of problems, each with a field path, a severity and a message.

An ERROR blocks filing (:func:`can_file` is False); a WARNING is shown and does not. The rules follow
the Anti-Domestic Violence Law (反家庭暴力法) and the SPC provisions of 2022 (法释〔2022〕17号); see
``docs/domain.md``. People are checked in :mod:`forms.rules_people`, evidence in :mod:`forms.evidence`.

Decisions worth knowing:
- A resident ID's area code is never checked: the check character is the authority (domain.md).
- An incident date in the future is a WARNING (a kiosk's clock may be wrong; the volunteer can see it);
  a malformed incident date, and a birth date in the future or before 1900, are ERRORs.
- A measure that protects relatives when none is listed is an ERROR: the order would name nobody.
- Evidence without files is a WARNING, except a party's statement or witness testimony.
"""
from __future__ import annotations

import datetime as dt
import re

from forms.dates import EARLIEST_YEAR, parse_datetime, parse_partial_date, partial_date_after
from forms.enums import Measure
from forms.evidence import DirectoryEvidence, EvidenceSource, check_evidence, check_signature_image
from forms.i18n import N_
from forms.model import Application, Incident, Request
from forms.problems import Problem, Severity, Term, can_file
from forms.rules_people import check_applicant, check_filed_by, check_relatives, check_respondent

__all__ = [
    "Problem", "Severity", "Term", "EvidenceSource", "DirectoryEvidence", "validate", "can_file",
    "errors", "warnings",
]

ERROR, WARNING = Severity.ERROR, Severity.WARNING
COURT_SUFFIX = "人民法院"
_DATETIME_EXAMPLE = "2026-11-21T10:05:00+08:00"


def validate(
    app: Application, evidence: EvidenceSource | None = None, *, today: dt.date | None = None
) -> list[Problem]:
    """Every problem in ``app``, in the order of the printed application.

    ``evidence``: where to find the evidence files; without it, files are not looked at (paths and
    digests are still checked for form). ``today``: the date to judge "in the future" by (tests).
    """
    today = today or dt.date.today()
    problems = _check_document(app)
    problems += _check_court(app)
    problems += check_applicant(app.applicant, today)
    problems += check_filed_by(app.filed_by)
    problems += check_respondent(app.respondent, today)
    problems += check_relatives(app.protected_relatives, app.requests, today)
    problems += _check_requests(app)
    problems += _check_incidents(app.incidents, today)
    if not (app.facts or "").strip():
        problems.append(Problem("facts", ERROR,
                                N_("Write the facts and reasons: what happened, and why protection is needed")))
    problems += check_evidence(app.evidence, evidence)
    problems += _check_signature(app, evidence)
    return problems


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is ERROR]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is WARNING]


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _datetime_problem(value: str | None, path: str) -> list[Problem]:
    if value is None or parse_datetime(value) is not None:
        return []
    return [Problem(path, ERROR, N_("Must be a date and time with its time zone, like {example}"),
                    {"example": _DATETIME_EXAMPLE})]


def _check_document(app: Application) -> list[Problem]:
    problems = []
    if not _UUID.fullmatch(app.id):
        problems.append(Problem("id", ERROR, N_("The application number must be a UUID")))
    return problems + _datetime_problem(app.created_at, "created_at")


def _check_court(app: Application) -> list[Problem]:
    """The court (Art. 25: where the applicant or respondent lives, or where the violence happened)."""
    name = (app.court.name or "").strip()
    if not name:
        problems = [Problem("court.name", ERROR, N_("Fill in the name of the court"))]
    elif len(name) < len(COURT_SUFFIX):
        problems = [Problem("court.name", ERROR, N_("The court's name is incomplete"))]
    elif not name.endswith(COURT_SUFFIX):
        problems = [Problem("court.name", WARNING,
                            N_("A court's name ends with 人民法院, e.g. 重庆市潼南区人民法院; check it"))]
    else:
        problems = []
    if app.jurisdiction_basis is None:
        problems.append(Problem(
            "jurisdiction_basis", WARNING,
            N_("Choose why this court: where the applicant lives, where the respondent lives, "
               "or where the violence happened"),
        ))
    if app.urgent and not (app.urgency_reason or "").strip():
        problems.append(Problem("urgency_reason", WARNING,
                                N_("Say why it is urgent: the court then decides within 24 hours")))
    return problems


def _check_request(request: Request, prefix: str, has_relatives: bool) -> list[Problem]:
    problems = []
    if request.measure is None:
        problems.append(Problem(f"{prefix}.measure", ERROR, N_("Choose the measure asked for in this request")))
    elif request.measure is Measure.OTHER and not (request.details or "").strip():
        problems.append(Problem(f"{prefix}.details", ERROR,
                                N_("\"Other measure\" was chosen; write what the court should order")))
    elif request.measure is Measure.KEEP_AWAY_FROM_PLACES and not any(p.strip() for p in request.places):
        problems.append(Problem(f"{prefix}.places", ERROR,
                                N_("Name at least one place the respondent must keep away from (home, school, workplace)")))
    if request.distance_m is not None and request.distance_m < 1:
        problems.append(Problem(f"{prefix}.distance_m", ERROR, N_("The distance must be at least 1 metre")))
    if request.protects_relatives and not has_relatives:
        problems.append(Problem(f"{prefix}.protects_relatives", ERROR,
                                N_("This request also protects relatives, but no relative is listed")))
    return problems


def _check_requests(app: Application) -> list[Problem]:
    """请求事项 — Art. 27(2): a specific request; Art. 29 and SPC 2022 Art. 10 for the measures."""
    if not app.requests:
        return [Problem("requests", ERROR, N_("Add at least one request: the law asks for a specific request"))]
    problems = []
    for i, request in enumerate(app.requests):
        problems += _check_request(request, f"requests.{i}", bool(app.protected_relatives))
    return problems


def _check_incidents(incidents: list[Incident], today: dt.date) -> list[Problem]:
    problems = []
    for i, incident in enumerate(incidents):
        prefix = f"incidents.{i}"
        if not (incident.date or "").strip():
            problems.append(Problem(f"{prefix}.date", ERROR,
                                    N_("Give the date of this incident; the year alone is enough")))
        else:
            parts = parse_partial_date(incident.date)
            if parts is None or parts[0] < EARLIEST_YEAR:
                problems.append(Problem(f"{prefix}.date", ERROR,
                                        N_("Write the incident date like 2026, 2026-11 or 2026-11-20")))
            elif partial_date_after(parts, today):
                problems.append(Problem(
                    f"{prefix}.date", WARNING,
                    N_("The incident date {date} is after today; check it, and the computer's date"),
                    {"date": incident.date},
                ))
        if not (incident.description or "").strip():
            problems.append(Problem(f"{prefix}.description", ERROR, N_("Describe what happened in this incident")))
    return problems


def _check_signature(app: Application, source: EvidenceSource | None) -> list[Problem]:
    if app.signature is None:
        return []
    return _datetime_problem(app.signature.signed_at, "signature.signed_at") + check_signature_image(
        app.signature, source
    )
