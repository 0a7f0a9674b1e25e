"""Validation: what blocks filing (errors), what only warns, where, and what the volunteer reads."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from forms import i18n
from forms.model import Application
from forms.validation import EvidenceSource, Problem, Severity, can_file, errors, validate, warnings

SPEC = Path(__file__).resolve().parent.parent.parent / "shared" / "spec"
TODAY = dt.date(2026, 11, 30)
ERROR, WARNING = Severity.ERROR, Severity.WARNING


def example(name: str) -> dict:
    return json.loads((SPEC / "examples" / name / "application.json").read_text(encoding="utf-8"))


def load(doc: dict) -> Application:
    return Application.from_json_dict(doc)


def check(doc: dict, evidence: EvidenceSource | None = None) -> list[Problem]:
    return validate(load(doc), evidence, today=TODAY)


def at(problems: list[Problem], path: str) -> list[Problem]:
    return [p for p in problems if p.path == path]


def only(problems: list[Problem], path: str) -> Problem:
    found = at(problems, path)
    assert len(found) == 1, (path, [str(p) for p in problems])
    return found[0]


def minimal() -> dict:
    """The smallest application that can be filed."""
    return {
        "court": {"name": "重庆市潼南区人民法院"},
        "jurisdiction_basis": "applicant_residence",
        "applicant": {"name": "王秀英"},
        "filed_by": {"kind": "self"},
        "respondent": {"name": "李建国", "relationship": "spouse"},
        "requests": [{"measure": "prohibit_violence"}],
        "facts": "被申请人多次殴打申请人。",
        "evidence": [{"kind": "statement", "title": "申请人陈述"}],
    }


# ---- helpers, shared with test_forms_people and test_forms_evidence ---------------------------------

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def resident_id(area: str, born: str, seq: str) -> str:
    """GB 11643-1999: check = table[sum(digit_i * weight_i) mod 11], table "10X98765432"."""
    first17 = area + born + seq
    assert len(first17) == 17
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def wrong_check(number: str) -> str:
    return number[:17] + ("1" if number[17] != "1" else "2")


def with_applicant(**fields) -> dict:
    doc = minimal()
    doc["applicant"].update(fields)
    return doc


class FakeVault:
    """The vault will implement the same two methods."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files

    def exists(self, path: str) -> bool:
        return path in self.files

    def sha256(self, path: str) -> str | None:
        return hashlib.sha256(self.files[path]).hexdigest() if path in self.files else None


# ---- dates of events and of the document ----------------------------------------------------------

@pytest.mark.parametrize("date, severity", [
    ("2026", None), ("2026-11", None), ("2026-11-30", None), ("2026-12", WARNING), ("2027", WARNING),
    ("2026-12-01", WARNING), ("2026-13", ERROR), ("2026-02-30", ERROR), ("26-11-20", ERROR),
    ("2026/11/20", ERROR), ("去年冬天", ERROR), ("1850", ERROR),
])
def test_incident_dates(date, severity):
    doc = minimal()
    doc["incidents"] = [{"date": date, "description": "被申请人殴打申请人"}]
    found = at(check(doc), "incidents.0.date")
    assert [p.severity for p in found] == ([severity] if severity else [])


def test_incident_needs_date_and_description():
    doc = minimal()
    doc["incidents"] = [{"place": "家中"}]
    problems = check(doc)
    assert only(problems, "incidents.0.date").severity is ERROR
    assert only(problems, "incidents.0.description").severity is ERROR


@pytest.mark.parametrize("field", ["created_at", "signature.signed_at"])
@pytest.mark.parametrize("value, ok", [
    ("2026-11-21T10:05:00+08:00", True), ("2026-11-21T02:05:00Z", True), ("2026-11-21T10:05:00.5+08:00", True),
    ("2026-11-21T10:05:00", False), ("2026-11-21 10:05", False), ("2026-11-31T10:05:00+08:00", False),
    ("昨天", False),
])
def test_date_times(field, value, ok):
    doc = minimal()
    if field == "created_at":
        doc["created_at"] = value
    else:
        doc["signature"] = {"signed_at": value}
    found = at(check(doc), field)
    assert [p.severity for p in found] == ([] if ok else [ERROR])


def test_application_id_must_be_a_uuid():
    assert only(check(minimal() | {"id": "draft-1"}), "id").severity is ERROR
    assert only(check(minimal() | {"id": "0b7f9d421e6a4f0c8d3b5a9e2c1f7e64----"}), "id").severity is ERROR
    assert at(check(minimal() | {"id": "0B7F9D42-1E6A-4F0C-8D3B-5A9E2C1F7E64"}), "id") == []


# ---- Art. 27 and the requests -----------------------------------------------------------------------

def test_minimal_application_can_be_filed():
    problems = check(minimal())
    assert problems == []
    assert can_file(problems)


def test_an_application_without_errors_is_valid_under_the_schema():
    from jsonschema import Draft202012Validator, FormatChecker
    schema = json.loads((SPEC / "application.schema.json").read_text(encoding="utf-8"))
    doc = minimal() | {"urgent": True, "created_at": "2026-11-21T09:30:00+08:00"}
    doc["applicant"] |= {"name": "阿依古丽•买买提", "id_number": " " + resident_id("650102", "19900101", "024"),
                         "phone": "+86 138 0013 8000", "ethnicity": "维吾尔"}
    doc["requests"].append({"measure": "keep_away_from_places", "places": ["学校"], "distance_m": 100.0})
    app = load(doc)
    assert errors(validate(app, today=TODAY)) == []
    dumped = app.to_json_dict()
    assert list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(dumped)) == []
    assert dumped["applicant"]["name"] == "阿依古丽·买买提" and dumped["requests"][1]["distance_m"] == 100


def test_art_27_conditions():
    doc = minimal()
    doc["respondent"] = {}
    doc["requests"] = []
    doc["facts"] = "   "
    problems = check(doc)
    assert not can_file(problems)
    name = only(problems, "respondent.name")
    assert name.severity is ERROR and "明确的被申请人" in name.message("zh")
    assert only(problems, "respondent.relationship").severity is ERROR
    assert only(problems, "requests").severity is ERROR
    assert only(problems, "facts").severity is ERROR


def test_empty_draft_lists_what_is_missing():
    problems = validate(Application(), today=TODAY)
    assert {p.path for p in errors(problems)} == {
        "court.name", "applicant.name", "filed_by.kind", "respondent.name", "respondent.relationship",
        "requests", "facts",
    }
    assert {p.path for p in warnings(problems)} == {"jurisdiction_basis", "evidence"}


def test_other_relationship_wants_a_word():
    doc = minimal()
    doc["respondent"]["relationship"] = "other"
    assert only(check(doc), "respondent.relationship_detail").severity is WARNING
    doc["respondent"]["relationship_detail"] = "前夫的哥哥"
    assert at(check(doc), "respondent.relationship_detail") == []


def test_other_measure_needs_details():
    doc = minimal()
    doc["requests"].append({"measure": "other"})
    assert only(check(doc), "requests.1.details").severity is ERROR
    doc["requests"][1]["details"] = "禁止被申请人处分夫妻共同财产"
    assert at(check(doc), "requests.1.details") == []


def test_missing_measure():
    doc = minimal()
    doc["requests"].append({"protects_relatives": False})
    assert only(check(doc), "requests.1.measure").severity is ERROR


def test_keep_away_needs_a_place_and_a_positive_distance():
    doc = minimal()
    doc["requests"].append({"measure": "keep_away_from_places", "places": ["  "], "distance_m": 0})
    problems = check(doc)
    assert only(problems, "requests.1.places").severity is ERROR
    assert only(problems, "requests.1.distance_m").severity is ERROR


def test_protecting_relatives_needs_relatives_and_vice_versa():
    doc = minimal()
    doc["requests"][0]["protects_relatives"] = True
    assert only(check(doc), "requests.0.protects_relatives").severity is ERROR
    doc["requests"][0]["protects_relatives"] = False
    doc["protected_relatives"] = [{"name": "李小雨", "relation_to_applicant": "女儿"}]
    assert only(check(doc), "protected_relatives").severity is WARNING
    doc["protected_relatives"] = [{"name": "李小雨"}]
    assert only(check(doc), "protected_relatives.0.relation_to_applicant").severity is ERROR


def test_court_and_urgency():
    doc = minimal()
    doc["court"] = {"name": "潼南法院"}
    doc["urgent"] = True
    del doc["jurisdiction_basis"]
    problems = check(doc)
    assert only(problems, "court.name").severity is WARNING
    assert only(problems, "urgency_reason").severity is WARNING
    assert only(problems, "jurisdiction_basis").severity is WARNING
    assert can_file(problems)
    doc["court"] = {"name": "法院"}
    assert only(check(doc), "court.name").severity is ERROR


# ---- proxy filing (代为申请) ---------------------------------------------------------------------------

def proxy_doc(**proxy) -> dict:
    doc = example("proxy-filed")
    doc["filed_by"] = {"kind": "proxy", "proxy": proxy} if proxy else {"kind": "proxy"}
    return doc


def test_proxy_without_details():
    assert only(check(proxy_doc()), "filed_by.proxy").severity is ERROR


def test_proxy_needs_kind_name_ground_and_should_record_wishes():
    problems = check(proxy_doc(phone="023-44551234"))
    for field in ("kind", "name", "ground"):
        assert only(problems, f"filed_by.proxy.{field}").severity is ERROR
    wishes = only(problems, "filed_by.proxy.victim_wishes")
    assert wishes.severity is WARNING and "意愿" in wishes.message("zh")


def test_organisation_proxy_should_name_its_handler_but_a_relative_need_not():
    base = {"name": "双江镇妇联", "ground": "old_age", "victim_wishes": "希望儿子搬出去"}
    assert only(check(proxy_doc(kind="womens_federation", **base)), "filed_by.proxy.handler").severity is WARNING
    assert at(check(proxy_doc(kind="close_relative", **base | {"name": "赵小红"})), "filed_by.proxy.handler") == []


def test_self_filing_with_proxy_details_warns():
    doc = minimal()
    doc["filed_by"] = {"kind": "self", "proxy": {"kind": "police", "name": "某派出所"}}
    assert only(check(doc), "filed_by.proxy").severity is WARNING


# ---- messages --------------------------------------------------------------------------------------

def everything_wrong() -> list[Problem]:
    doc = {
        "id": "x", "created_at": "now", "court": {"name": "法院"}, "urgent": True,
        "applicant": {"name": "王\x01", "birth_date": "1986-02-30", "ethnicity": "X", "phone": "123",
                      "id_number": "123"},
        "filed_by": {"kind": "proxy", "proxy": {"phone": "44551234"}},
        "respondent": {"relationship": "other", "id_number": resident_id("500152", "19830702", "011"),
                       "birth_date": "1983-07-03", "gender": "female"},
        "protected_relatives": [{"id_number": "x" * 18}],
        "requests": [{"measure": "other"}, {"measure": "keep_away_from_places", "distance_m": 0},
                     {"protects_relatives": True}],
        "incidents": [{"date": "2099"}, {"date": "bad"}, {}],
        "evidence": [{"files": [{"path": "/abs"}, {"path": ""}, {"path": "a", "sha256": "z"},
                                {"path": "missing"}]}],
        "signature": {"signed_at": "x"},
    }
    problems = validate(load(doc), FakeVault({}), today=TODAY)
    problems += validate(load(minimal() | {"court": {}, "requests": [], "respondent": {},
                                           "filed_by": {}, "evidence": []}), today=TODAY)
    problems += validate(load(minimal() | {"court": {"name": "潼南法院"},
                                           "filed_by": {"kind": "self", "proxy": {}}}), today=TODAY)
    problems += validate(load(minimal() | {"filed_by": {"kind": "proxy"},
                                           "protected_relatives": [{"name": "a" * 101}],
                                           "applicant": {"name": "王", "id_number": "50015219860314012A"}}),
                         today=TODAY)
    return problems


def test_every_message_exists_in_chinese_and_english():
    problems = everything_wrong()
    assert len({p.msgid for p in problems}) >= 40
    for p in problems:
        zh, en = p.message("zh"), p.message("en")
        assert zh != en, p.msgid
        assert "{" not in zh and "{" not in en, p.msgid  # every placeholder filled
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), p.msgid
        assert p.message_zh == zh and p.message_en == en


def test_str_is_path_and_message_in_the_current_language():
    problem = only(check(with_applicant(name="")), "applicant.name")
    before = i18n.current_language()
    try:
        i18n.set_language("zh")
        assert str(problem) == "applicant.name: 请填写申请人的姓名"
        i18n.set_language("en")
        assert str(problem) == "applicant.name: The applicant's name is required"
    finally:
        i18n.set_language(before)


def test_problems_are_values():
    a = Problem("facts", ERROR, "x", {"n": 1})
    assert a == Problem("facts", ERROR, "x", {"n": 1}) and hash(a) == hash(Problem("facts", ERROR, "x", {"n": 1}))
    with pytest.raises(AttributeError):
        a.path = "other"  # type: ignore[misc]


def test_can_file():
    assert can_file([])
    assert can_file([Problem("evidence", WARNING, "x")])
    assert not can_file([Problem("evidence", WARNING, "x"), Problem("facts", ERROR, "y")])
