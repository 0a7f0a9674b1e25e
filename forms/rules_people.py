"""Validation rules for the people in an application: applicant (申请人), respondent (被申请人),
proxy (代为申请人) and protected relatives (受保护的近亲属).

Each ``check_*`` function returns a list of :class:`~forms.problems.Problem`; paths are dotted
(``applicant.id_number``, ``protected_relatives.0.name``).
"""
from __future__ import annotations

import datetime as dt
import unicodedata

from forms import ethnicity
from forms.dates import EARLIEST_YEAR, parse_date
from forms.enums import FiledByKind, Gender, IdType, ProxyKind, Relationship
from forms.i18n import N_
from forms.idnumber import IdNumberError, InvalidIdNumber, parse_resident_id
from forms.labels import label_msgid
from forms.normalize import normalize_id_number
from forms.model import FiledBy, Person, ProtectedRelative, Request, Respondent
from forms.phones import PhoneKind, classify_phone
from forms.problems import Problem, Severity, Term

ERROR, WARNING = Severity.ERROR, Severity.WARNING
MAX_NAME_LENGTH = 100
MAX_DOCUMENT_NUMBER_LENGTH = 40

APPLICANT = Term(N_("applicant"))
RESPONDENT = Term(N_("respondent"))
PROXY = Term(N_("proxy"))
HANDLER = Term(N_("person handling it for the proxy"))
RELATIVE = Term(N_("protected relative"))

_ID_MESSAGES = {
    IdNumberError.LENGTH: N_("The {who}'s ID number must have 18 characters; it has {count}"),
    IdNumberError.CHARACTERS: N_("The {who}'s ID number may contain only digits, and X as the last character"),
    IdNumberError.BIRTH_DATE: N_("The {who}'s ID number does not contain a valid birth date (characters 7 to 14)"),
    IdNumberError.CHECK_CHARACTER: N_(
        "The {who}'s ID number has a wrong check character (the last one); compare it with the ID card digit by digit"
    ),
}


def _has_bad_characters(text: str) -> bool:
    """Control characters (Cc) and lone surrogates (Cs) cannot be printed or stored as UTF-8."""
    return any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)


def check_name(name: str | None, path: str, who: Term, required: bool = True) -> list[Problem]:
    if not name or not name.strip():
        if required:
            return [Problem(path, ERROR, N_("The {who}'s name is required"), {"who": who})]
        return []
    if len(name) > MAX_NAME_LENGTH:
        return [Problem(path, ERROR, N_("The {who}'s name is longer than {max} characters"),
                        {"who": who, "max": MAX_NAME_LENGTH})]
    if _has_bad_characters(name):
        return [Problem(path, ERROR, N_("The {who}'s name contains invisible control characters; type it again"),
                        {"who": who})]
    return []


def check_birth_date(value: str | None, path: str, who: Term, today: dt.date) -> list[Problem]:
    if value is None:
        return []
    born = parse_date(value)
    if born is None:
        return [Problem(path, ERROR, N_("The {who}'s birth date must be a date written like 1986-03-14"),
                        {"who": who})]
    if born > today:
        return [Problem(path, ERROR, N_("The {who}'s birth date is in the future"), {"who": who})]
    if born.year < EARLIEST_YEAR:
        return [Problem(path, ERROR, N_("The {who}'s birth date is before 1900"), {"who": who})]
    return []


def check_resident_id(
    number: str, prefix: str, who: Term, today: dt.date,
    birth_date: str | None = None, gender: Gender | None = None,
) -> list[Problem]:
    """18 characters, a real birth date, the right check character; the area code is never checked."""
    path = f"{prefix}.id_number"
    try:
        parsed = parse_resident_id(number, today)
    except InvalidIdNumber as exc:
        return [Problem(path, ERROR, _ID_MESSAGES[exc.reason], {"who": who, "count": len(normalize_id_number(number))})]
    problems = []
    stated = parse_date(birth_date) if birth_date else None
    if stated is not None and stated != parsed.birth_date:
        problems.append(Problem(
            f"{prefix}.birth_date", WARNING,
            N_("The {who}'s birth date {birth_date} differs from the one in the ID number ({id_birth_date})"),
            {"who": who, "birth_date": birth_date, "id_birth_date": parsed.birth_date.isoformat()},
        ))
    if gender in (Gender.FEMALE, Gender.MALE) and gender != parsed.gender:
        problems.append(Problem(
            f"{prefix}.gender", WARNING,
            N_("The {who}'s gender differs from the one the ID number shows ({id_gender})"),
            {"who": who, "id_gender": Term(label_msgid(parsed.gender))},
        ))
    return problems


def check_document_number(number: str, prefix: str, who: Term) -> list[Problem]:
    """Passports and other documents: only a sanity check, the formats are too many."""
    if len(number) > MAX_DOCUMENT_NUMBER_LENGTH or _has_bad_characters(number):
        return [Problem(f"{prefix}.id_number", ERROR,
                        N_("The {who}'s document number does not look like one"), {"who": who})]
    return []


def check_phone(value: str | None, path: str, who: Term) -> list[Problem]:
    if not value:
        return []
    kind = classify_phone(value)
    if kind is PhoneKind.INVALID:
        return [Problem(path, ERROR, N_("The {who}'s phone number {phone} is not a valid mobile or landline number"),
                        {"who": who, "phone": value})]
    if kind is PhoneKind.LOCAL_WITHOUT_AREA_CODE:
        return [Problem(path, WARNING, N_("The {who}'s landline number {phone} has no area code (e.g. 023)"),
                        {"who": who, "phone": value})]
    return []


def check_person(person: Person, prefix: str, who: Term, today: dt.date) -> list[Problem]:
    """Fields shared by the applicant and the respondent; the name is checked by the caller."""
    problems = check_birth_date(person.birth_date, f"{prefix}.birth_date", who, today)
    if person.id_number:
        if person.id_type is IdType.RESIDENT_ID:
            problems += check_resident_id(person.id_number, prefix, who, today, person.birth_date, person.gender)
        else:
            problems += check_document_number(person.id_number, prefix, who)
    if person.ethnicity and not ethnicity.is_known(person.ethnicity):
        problems.append(Problem(
            f"{prefix}.ethnicity", WARNING,
            N_("The {who}'s ethnicity \"{value}\" is not one of the 56 ethnic groups; check it (e.g. 汉族, 土家族)"),
            {"who": who, "value": person.ethnicity},
        ))
    problems += check_phone(person.phone, f"{prefix}.phone", who)
    return problems


def check_applicant(person: Person, today: dt.date) -> list[Problem]:
    return check_name(person.name, "applicant.name", APPLICANT) + check_person(person, "applicant", APPLICANT, today)


def check_respondent(respondent: Respondent, today: dt.date) -> list[Problem]:
    """Art. 27(1): a definite respondent — at least a name and the relationship to the applicant."""
    if not respondent.name or not respondent.name.strip():
        problems = [Problem("respondent.name", ERROR,
                            N_("The respondent's name is required: the law asks for a definite respondent"))]
    else:
        problems = check_name(respondent.name, "respondent.name", RESPONDENT)
    if respondent.relationship is None:
        problems.append(Problem("respondent.relationship", ERROR,
                                N_("Choose the respondent's relationship to the applicant")))
    elif respondent.relationship is Relationship.OTHER and not (respondent.relationship_detail or "").strip():
        problems.append(Problem("respondent.relationship_detail", WARNING,
                                N_("\"Other relationship\" was chosen; say what the relationship is")))
    return problems + check_person(respondent, "respondent", RESPONDENT, today)


def check_filed_by(filed_by: FiledBy) -> list[Problem]:
    """Self or proxy (代为申请); a proxy needs its kind, name and ground, and should record her wishes."""
    if filed_by.kind is None:
        return [Problem("filed_by.kind", ERROR,
                        N_("Choose who is filing: the victim herself, or someone on her behalf"))]
    proxy = filed_by.proxy
    if filed_by.kind is FiledByKind.SELF:
        if proxy is not None:
            return [Problem("filed_by.proxy", WARNING,
                            N_("Proxy details are filled in, but the victim files herself; they will not be used"))]
        return []
    if proxy is None:
        return [Problem("filed_by.proxy", ERROR,
                        N_("Fill in who files on the victim's behalf"))]
    problems = []
    if proxy.kind is None:
        problems.append(Problem("filed_by.proxy.kind", ERROR,
                                N_("Choose what kind of proxy files for the victim (relative, women's federation, …)")))
    if not proxy.name or not proxy.name.strip():
        problems.append(Problem("filed_by.proxy.name", ERROR,
                                N_("Fill in the proxy's name: the organisation, or the relative's name")))
    else:
        problems += check_name(proxy.name, "filed_by.proxy.name", PROXY)
    if proxy.ground is None:
        problems.append(Problem("filed_by.proxy.ground", ERROR,
                                N_("Choose why the victim cannot apply herself")))
    if not (proxy.victim_wishes or "").strip():
        problems.append(Problem("filed_by.proxy.victim_wishes", WARNING,
                                N_("Record the victim's own wishes: a proxy acts according to them")))
    if proxy.kind not in (None, ProxyKind.CLOSE_RELATIVE):
        if not (proxy.handler or "").strip():
            problems.append(Problem("filed_by.proxy.handler", WARNING,
                                    N_("Fill in the person handling the application for the organisation")))
        else:
            problems += check_name(proxy.handler, "filed_by.proxy.handler", HANDLER)
    problems += check_phone(proxy.phone, "filed_by.proxy.phone", PROXY)
    return problems


def check_relatives(relatives: list[ProtectedRelative], requests: list[Request], today: dt.date) -> list[Problem]:
    """Close relatives protected too (Art. 29(2)); listing them without a request covering them is a slip."""
    problems = []
    for i, relative in enumerate(relatives):
        prefix = f"protected_relatives.{i}"
        problems += check_name(relative.name, f"{prefix}.name", RELATIVE)
        if not (relative.relation_to_applicant or "").strip():
            problems.append(Problem(f"{prefix}.relation_to_applicant", ERROR,
                                    N_("Say how the protected relative is related to the applicant (e.g. daughter)")))
        problems += check_birth_date(relative.birth_date, f"{prefix}.birth_date", RELATIVE, today)
        if relative.id_number:
            problems += check_resident_id(relative.id_number, prefix, RELATIVE, today, relative.birth_date)
    if relatives and requests and not any(r.protects_relatives for r in requests):
        problems.append(Problem("protected_relatives", WARNING,
                                N_("Relatives are listed, but no request protects them; mark the requests that should")))
    return problems
