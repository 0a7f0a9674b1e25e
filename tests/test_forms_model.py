"""The application model: reads the interchange format, keeps what it does not know, writes it back stably."""
from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import ValidationError

from forms import enums
from forms.labels import LABELS, label, relationship_label
from forms.model import (
    FORMAT, Application, Evidence, EvidenceFile, Person, Request, load_document,
)
from forms.problems import Severity

SPEC = Path(__file__).resolve().parent.parent.parent / "shared" / "spec"
EXAMPLES = ("self-filed", "proxy-filed")


def example(name: str) -> dict:
    return json.loads((SPEC / "examples" / name / "application.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads((SPEC / "application.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema_validator(schema) -> Draft202012Validator:
    checker = FormatChecker()

    # jsonschema checks "date-time" only with an optional package; check RFC 3339 here so the test bites.
    @checker.checks("date-time", raises=ValueError)
    def _datetime(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if "T" not in value.upper() or dt.datetime.fromisoformat(value).tzinfo is None:
            raise ValueError("not an RFC 3339 date-time")
        return True

    return Draft202012Validator(schema, format_checker=checker)


def schema_errors(validator: Draft202012Validator, document: dict) -> list[str]:
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


# ---- the examples ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", EXAMPLES)
def test_example_loads_and_round_trips(name, schema_validator):
    original = example(name)
    app = Application.from_json_dict(original)
    dumped = app.to_json_dict()
    assert Application.from_json_dict(dumped) == app
    assert dumped == original  # nothing lost, nothing added
    assert schema_errors(schema_validator, dumped) == []
    # and through real JSON text, as the CLI and the vault store it
    text = json.dumps(dumped, ensure_ascii=False)
    assert Application.from_json_dict(json.loads(text)).to_json_dict() == dumped


def test_example_values_are_typed():
    app = Application.from_json_dict(example("proxy-filed"))
    assert app.filed_by.kind is enums.FiledByKind.PROXY
    assert app.filed_by.proxy.ground is enums.ProxyGround.OLD_AGE
    assert app.respondent.relationship is enums.Relationship.CHILD
    assert [r.measure for r in app.requests] == [
        enums.Measure.PROHIBIT_VIOLENCE, enums.Measure.ORDER_MOVE_OUT, enums.Measure.KEEP_AWAY_FROM_PLACES,
    ]
    assert app.requests[2].distance_m == 200
    assert app.is_proxy_filing
    assert app.applicant.id_type is enums.IdType.RESIDENT_ID  # the schema's default


def test_schema_validator_is_not_toothless(schema_validator):
    bad = example("self-filed")
    bad["created_at"] = "2026-11-21 09:30"
    bad["id"] = "not-a-uuid"
    assert len(schema_errors(schema_validator, bad)) == 2


# ---- enums match the schema ----------------------------------------------------------------------------

def _schema_enums(schema: dict) -> dict[str, set[str]]:
    d = schema["$defs"]
    p = schema["properties"]
    return {
        "FiledByKind": set(p["filed_by"]["properties"]["kind"]["enum"]),
        "Gender": set(d["person"]["properties"]["gender"]["enum"]),
        "IdType": set(d["person"]["properties"]["id_type"]["enum"]),
        "JurisdictionBasis": set(p["jurisdiction_basis"]["enum"]),
        "Relationship": set(d["relationship"]["enum"]),
        "Measure": set(p["requests"]["items"]["properties"]["measure"]["enum"]),
        "ProxyKind": set(d["proxy"]["properties"]["kind"]["enum"]),
        "ProxyGround": set(d["proxy"]["properties"]["ground"]["enum"]),
        "EvidenceKind": set(d["evidence"]["properties"]["kind"]["enum"]),
        "IncidentKind": set(p["incidents"]["items"]["properties"]["kinds"]["items"]["enum"]),
    }


def test_enums_are_exactly_the_schemas(schema):
    for name, values in _schema_enums(schema).items():
        assert {m.value for m in getattr(enums, name)} == values, name


def test_every_enum_value_has_a_label_in_both_languages():
    for enum_cls in enums.ALL_ENUMS:
        for member in enum_cls:
            zh, en = label(member, "zh"), label(member, "en")
            assert zh and en and zh != en, member
    assert len(set(LABELS.values())) == len(LABELS)  # one catalogue: msgids must not collide


def test_labels_read_as_the_court_expects():
    assert label(enums.Measure.ORDER_MOVE_OUT, "zh") == "责令迁出申请人住所"
    assert label(enums.EvidenceKind.POLICE_RECORD, "zh").startswith("出警记录")
    assert relationship_label(enums.Relationship.SPOUSE, lang="zh") == "配偶"
    assert relationship_label(enums.Relationship.SPOUSE, enums.Gender.MALE, "zh") == "丈夫"
    assert relationship_label(enums.Relationship.CHILD, enums.Gender.MALE, "en") == "son"
    assert relationship_label(enums.Relationship.IN_LAW, enums.Gender.MALE, "zh") == "姻亲"


# ---- drafts: lenient on presence ------------------------------------------------------------------------

def test_new_application_has_id_and_format_and_nothing_else():
    app = Application()
    dumped = app.to_json_dict()
    assert dumped == {"format": FORMAT, "id": app.id}
    assert uuid.UUID(app.id).version == 4
    assert Application().id != app.id
    assert Application.from_json_dict(dumped) == app


def test_partial_draft_loads_and_saves():
    draft = {"format": FORMAT, "id": str(uuid.uuid4()), "applicant": {"name": "王秀英"}, "requests": []}
    app = Application.from_json_dict(draft)
    assert app.respondent.name is None and app.facts is None
    assert app.to_json_dict() == draft


def test_explicit_defaults_are_kept_and_absent_ones_not_added():
    doc = example("self-filed")
    assert doc["urgent"] is False and "protects_relatives" not in doc["requests"][0]
    dumped = Application.from_json_dict(doc).to_json_dict()
    assert dumped["urgent"] is False
    assert "protects_relatives" not in dumped["requests"][0]
    assert "address_confidential" not in dumped["applicant"]
    assert "id_type" not in dumped["respondent"]


def test_changes_to_a_new_draft_are_written():
    app = Application()
    app.applicant.name = "王秀英"
    app.requests.append(Request(measure=enums.Measure.PROHIBIT_VIOLENCE))
    app.urgent = False  # set explicitly: written although it is the default
    dumped = app.to_json_dict()
    assert dumped["applicant"] == {"name": "王秀英"}
    assert dumped["requests"] == [{"measure": "prohibit_violence"}]
    assert dumped["urgent"] is False


def test_unknown_fields_are_kept_everywhere():
    doc = example("self-filed")
    doc["x_kiosk"] = {"device": "K-17", "nested": [1, None, "二"]}
    doc["applicant"]["x_nickname"] = "秀秀"
    doc["evidence"][0]["files"][0]["x_pages"] = 2
    doc["x_null"] = None
    dumped = Application.from_json_dict(doc).to_json_dict()
    assert dumped == doc


def test_null_optional_fields_are_treated_as_absent():
    app = Application.from_json_dict({"applicant": {"name": "王秀英", "phone": None}, "signature": None})
    assert app.applicant.phone is None
    assert "phone" not in app.to_json_dict()["applicant"]
    assert "signature" not in app.to_json_dict()


# ---- strict on types ----------------------------------------------------------------------------------

@pytest.mark.parametrize("patch", [
    {"urgent": "yes"},
    {"urgent": 1},
    {"applicant": {"name": 5}},
    {"applicant": "王秀英"},
    {"requests": [{"measure": "ban"}]},
    {"requests": {"measure": "other"}},
    {"requests": [{"measure": "keep_away_from_places", "places": "申请人住所"}]},
    {"requests": [{"measure": "keep_away_from_places", "distance_m": "200"}]},
    {"requests": [{"measure": "keep_away_from_places", "distance_m": True}]},
    {"format": "onestop.application/2"},
    {"id": 12345},
])
def test_wrong_types_are_refused(patch):
    doc = example("self-filed")
    doc.update(patch)
    with pytest.raises(ValidationError):
        Application.from_json_dict(doc)


def test_integral_float_is_an_integer():
    assert Request.model_validate({"measure": "keep_away_from_places", "distance_m": 200.0}).distance_m == 200
    with pytest.raises(ValidationError):
        Request.model_validate({"measure": "keep_away_from_places", "distance_m": 200.5})


def test_assignment_is_checked_and_normalised():
    person = Person()
    person.name = " 阿依古丽•买买提 "
    assert person.name == "阿依古丽·买买提"
    with pytest.raises(ValidationError):
        person.gender = "woman"


# ---- normalisation on load ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("阿依古丽•买买提", "阿依古丽·买买提"),  # U+2022
    ("阿依古丽・买买提", "阿依古丽·买买提"),  # U+30FB
    ("阿依古丽･买买提", "阿依古丽·买买提"),  # U+FF65
    ("阿依古丽‧买买提", "阿依古丽·买买提"),  # U+2027
    ("阿依古丽∙买买提", "阿依古丽·买买提"),  # U+2219
    ("阿依古丽⋅买买提", "阿依古丽·买买提"),  # U+22C5
    ("阿依古丽\u0387买买提", "阿依古丽·买买提"),
    ("阿依古丽.买买提", "阿依古丽·买买提"),
    ("阿依古丽．买买提", "阿依古丽·买买提"),
    ("阿依古丽 · 买买提", "阿依古丽·买买提"),
    ("  王秀英\u3000", "王秀英"),
    ("John A. Smith", "John A. Smith"),  # an initial stays an initial
    ("吉\U00020BB7", "吉\U00020BB7"),  # 𠮷 outside the BMP, untouched
    ("Zoe\u0301", "Zoé"),  # NFC
    ("林\uf9f4", "林\uf9f4"),  # a CJK compatibility ideograph is not replaced by NFC
])
def test_names_are_normalised(raw, expected):
    app = Application.from_json_dict({"applicant": {"name": raw}, "respondent": {"name": raw},
                                      "filed_by": {"kind": "proxy", "proxy": {"name": raw}},
                                      "protected_relatives": [{"name": raw}]})
    assert app.applicant.name == expected
    assert app.respondent.name == expected
    assert app.filed_by.proxy.name == expected
    assert app.protected_relatives[0].name == expected


def test_rare_character_survives_json_round_trip():
    name = "\U00020BB7秀英"  # 𠮷秀英
    app = Application.from_json_dict({"applicant": {"name": name}})
    for text in (json.dumps(app.to_json_dict()), json.dumps(app.to_json_dict(), ensure_ascii=False)):
        again = Application.from_json_dict(json.loads(text))
        assert again.applicant.name == name
        assert len(again.applicant.name) == 3


def test_id_numbers_phones_ethnicity_and_digests_are_normalised():
    digest = "AB" * 32
    app = Application.from_json_dict({
        "applicant": {"id_number": " 11010519491231 002x ", "phone": "+86 138 0013 8000", "ethnicity": "汉"},
        "respondent": {"ethnicity": "维吾尔", "phone": "１３９００１３９０００"},
        "protected_relatives": [{"name": "李小雨", "id_number": "11010520150501002x"}],
        "evidence": [{"kind": "other", "title": "x", "files": [{"path": "a.pdf", "sha256": digest}]}],
    })
    assert app.applicant.id_number == "11010519491231002X"
    assert app.applicant.phone == "+8613800138000"
    assert app.applicant.ethnicity == "汉族"
    assert app.respondent.ethnicity == "维吾尔族"
    assert app.respondent.phone == "13900139000"
    assert app.protected_relatives[0].id_number == "11010520150501002X"
    assert app.evidence[0].files[0].sha256 == digest.lower()
    # normalised once, stable after
    assert Application.from_json_dict(app.to_json_dict()) == app
    assert Application.from_json_dict(app.to_json_dict()).to_json_dict() == app.to_json_dict()


def test_unknown_ethnicity_is_kept_as_written():
    app = Application.from_json_dict({"applicant": {"ethnicity": "穿青人"}})
    assert app.applicant.ethnicity == "穿青人"


def test_evidence_objects_build_in_code():
    item = Evidence(kind=enums.EvidenceKind.MEDICAL_RECORD, title="诊断证明",
                    files=[EvidenceFile(path="evidence/dx.pdf")])
    assert item.model_dump(mode="json") == {
        "kind": "medical_record", "title": "诊断证明", "files": [{"path": "evidence/dx.pdf"}],
    }


# ---- load_document never raises ------------------------------------------------------------------------

@pytest.mark.parametrize("data", [None, [], [1, 2], "application", 42, 3.5, True])
def test_load_document_refuses_non_objects(data):
    app, problems = load_document(data)
    assert app is None
    assert len(problems) == 1
    assert problems[0].path == "" and problems[0].severity is Severity.ERROR
    assert problems[0].message("zh") != problems[0].message("en")


def test_load_document_reports_every_wrong_type_with_its_path():
    doc = example("self-filed")
    doc["urgent"] = "no"
    doc["applicant"]["name"] = ["王", "秀英"]
    doc["requests"][0]["measure"] = "beat_up"
    doc["evidence"][1]["files"][1]["sha256"] = 7
    doc["incidents"][0]["kinds"] = ["physical", "shouting"]
    app, problems = load_document(doc)
    assert app is None
    by_path = {p.path: p for p in problems}
    assert set(by_path) == {
        "urgent", "applicant.name", "requests.0.measure", "evidence.1.files.1.sha256", "incidents.0.kinds.1",
    }
    assert all(p.severity is Severity.ERROR for p in problems)
    enum_problem = by_path["requests.0.measure"]
    assert "beat_up" in enum_problem.message("en") and "prohibit_violence" in enum_problem.message("en")
    assert "beat_up" in enum_problem.message("zh") and "不是允许的取值" in enum_problem.message("zh")
    assert " or " not in enum_problem.message("zh")


def test_load_document_accepts_the_examples():
    for name in EXAMPLES:
        app, problems = load_document(copy.deepcopy(example(name)))
        assert problems == [] and app is not None


def test_the_four_other_values_keep_their_own_labels():
    """StrEnum members equal their strings; labels must still tell the four 'other' apart."""
    assert {label(e.OTHER, "zh") for e in (enums.Measure, enums.Relationship, enums.EvidenceKind, enums.IdType)} \
        == {"其他措施", "其他关系", "其他证据", "其他证件"}
