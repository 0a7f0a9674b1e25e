"""The filing wizard's flow, without Qt: steps and branching, safety screen, per-step rules, restore."""
from __future__ import annotations

import copy
import datetime as dt
import json
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

from forms.enums import FiledByKind, Measure
from forms.evidence import DirectoryEvidence
from forms.fieldpath import set_path
from forms.i18n import translate
from forms.model import Application, load_document
from forms.problems import Severity
from forms.validation import validate
from forms.wizard import ReviewItem, StepBlocked, Wizard, WizardError
from forms.wizard_steps import STEPS

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "spec" / "examples"
TODAY = dt.date(2026, 12, 1)
ALL_STEPS = ["who", "victim", "proxy", "respondent", "incidents", "protection", "evidence", "court", "review"]
SELF_STEPS = [s for s in ALL_STEPS if s != "proxy"]


def example(name: str) -> dict:
    return json.loads((EXAMPLES / name / "application.json").read_text(encoding="utf-8"))


def app_of(name: str) -> Application:
    return Application.from_json_dict(example(name))


def at(app: Application, step_id: str, **kw) -> Wizard:
    return Wizard.restore(app, {"current": step_id}, today=TODAY, **kw)


def paths(problems) -> set[str]:
    return {p.path for p in problems}


# ---- steps and branching --------------------------------------------------------------------------

def test_step_table_is_complete_and_in_order():
    assert [s.id for s in STEPS] == ALL_STEPS
    for step in STEPS:
        assert step.title and step.term and step.summary and step.help and step.owns
        assert translate(step.title, "zh") != step.title, step.id  # translated
        assert "（" in step.heading("zh") and translate(step.term, "zh") in step.heading("en")


def test_a_new_application_starts_at_who_with_the_proxy_step_hidden():
    wizard = Wizard(Application(), today=TODAY)
    assert wizard.current.id == "who" and wizard.is_first() and not wizard.can_go_back()
    assert wizard.step_ids == SELF_STEPS
    assert wizard.visited == ["who"]


def test_choosing_proxy_shows_the_proxy_step_after_the_victim():
    wizard = Wizard(Application(), today=TODAY)
    wizard.set_filed_by(FiledByKind.SELF)
    assert wizard.step_ids == SELF_STEPS
    wizard.set_filed_by("proxy")
    assert wizard.step_ids == ALL_STEPS
    assert wizard.app.filed_by.proxy is not None  # created empty, ready for kind and ground


def test_switching_from_proxy_to_self_hides_the_step_but_keeps_what_was_typed():
    app = app_of("proxy-filed")
    wizard = at(app, "proxy")
    assert wizard.current.id == "proxy"
    wizard.go("who")
    wizard.set_filed_by(FiledByKind.SELF)
    assert "proxy" not in wizard.step_ids
    assert app.filed_by.proxy.name == "潼南区双江镇妇女联合会"  # kept
    # … and the review page says they will not be used, linking to the question that decides it.
    stale = [item for item in wizard.review_items() if item.problem.path == "filed_by.proxy"]
    assert [(i.problem.severity, i.step.id) for i in stale] == [(Severity.WARNING, "who")]
    assert wizard.step_for_path("filed_by.proxy.name").id == "who"
    wizard.set_filed_by(FiledByKind.PROXY)
    assert wizard.step_ids == ALL_STEPS and app.filed_by.proxy.handler == "周丽"
    wizard.set_filed_by(FiledByKind.SELF)
    wizard.clear_proxy()
    assert app.filed_by.proxy is None and "filed_by.proxy" not in paths(wizard.problems())


def test_when_an_answer_hides_the_current_step_the_one_before_it_is_shown():
    app = app_of("proxy-filed")
    wizard = at(app, "proxy")
    app.filed_by.kind = FiledByKind.SELF  # changed elsewhere (e.g. a restored draft)
    assert wizard.current.id == "victim"
    assert wizard.next().id == "respondent"


def test_next_and_back_walk_the_shown_steps():
    wizard = Wizard(app_of("self-filed"), today=TODAY)
    seen = [wizard.current.id]
    while not wizard.is_last():
        seen.append(wizard.next().id)
    assert seen == SELF_STEPS and wizard.visited == SELF_STEPS
    with pytest.raises(WizardError):
        wizard.next()
    assert not wizard.can_advance()
    back = [wizard.back().id for _ in range(len(SELF_STEPS) - 1)]
    assert back == SELF_STEPS[-2::-1]
    with pytest.raises(WizardError):
        wizard.back()


# ---- the safety screen -----------------------------------------------------------------------------

def test_danger_marks_urgent_and_shows_call_110():
    app = Application()
    wizard = Wizard(app, today=TODAY)
    assert not wizard.danger_answered and not wizard.show_call_110
    wizard.set_danger(True, "  他说今晚回来打我  ")
    assert app.urgent is True and app.urgency_reason == "他说今晚回来打我"
    assert wizard.show_call_110 and wizard.danger_answered
    assert "urgency_reason" not in paths(wizard.problems_for("who"))
    assert app.to_json_dict()["urgent"] is True


def test_danger_without_a_reason_warns_on_the_first_step_but_never_blocks():
    wizard = Wizard(Application(), today=TODAY)
    wizard.set_filed_by(FiledByKind.SELF)
    wizard.set_danger(True)
    problems = wizard.problems_for("who")
    assert [(p.path, p.severity) for p in problems] == [("urgency_reason", Severity.WARNING)]
    assert wizard.can_advance()


def test_answering_no_danger_clears_urgency():
    app = app_of("proxy-filed")
    wizard = Wizard(app, today=TODAY)
    assert wizard.danger_answered and wizard.show_call_110  # the draft was already urgent
    wizard.set_danger(False, "ignored")
    assert app.urgent is False and app.urgency_reason is None and not wizard.show_call_110
    assert app.to_json_dict()["urgent"] is False


# ---- what stops "Next" -----------------------------------------------------------------------------

def _blank(app: Application, path: str) -> None:
    set_path(app, path, None)


BLOCKING = [
    # (example, step, how to break it, the blocking paths)
    ("self-filed", "who", lambda a: _blank(a, "filed_by.kind"), {"filed_by.kind"}),
    ("proxy-filed", "who", lambda a: _blank(a, "filed_by.proxy.kind"), {"filed_by.proxy.kind"}),
    ("proxy-filed", "who", lambda a: _blank(a, "filed_by.proxy.ground"), {"filed_by.proxy.ground"}),
    ("proxy-filed", "who", lambda a: _blank(a, "filed_by.proxy"), {"filed_by.proxy"}),
    ("self-filed", "victim", lambda a: _blank(a, "applicant.name"), {"applicant.name"}),
    ("self-filed", "victim", lambda a: set_path(a, "applicant.name", "王" * 101), {"applicant.name"}),
    ("proxy-filed", "proxy", lambda a: set_path(a, "filed_by.proxy.name", "  "), {"filed_by.proxy.name"}),
    ("self-filed", "respondent", lambda a: _blank(a, "respondent.name"), {"respondent.name"}),
    ("self-filed", "respondent", lambda a: _blank(a, "respondent.relationship"), {"respondent.relationship"}),
    ("self-filed", "protection", lambda a: set_path(a, "requests", []), {"requests"}),
    ("self-filed", "protection", lambda a: _blank(a, "requests.1.measure"), {"requests.1.measure"}),
    ("self-filed", "court", lambda a: _blank(a, "court.name"), {"court.name"}),
    ("self-filed", "court", lambda a: set_path(a, "court.name", "法院"), {"court.name"}),
]


@pytest.mark.parametrize("name, step_id, breaks, expected", BLOCKING)
def test_next_is_stopped_by_errors_on_what_the_step_needs(name, step_id, breaks, expected):
    app = app_of(name)
    wizard = at(app, step_id)
    assert wizard.can_advance()
    breaks(app)
    assert not wizard.can_advance()
    assert paths(wizard.blockers()) == expected
    with pytest.raises(StepBlocked) as caught:
        wizard.next()
    assert paths(caught.value.problems) == expected and caught.value.step.id == step_id
    assert wizard.current.id == step_id
    if not wizard.is_first():
        assert wizard.back().id != step_id  # going back is never stopped


NOT_BLOCKING = [
    # errors and warnings that are shown on the step and listed on review, but let her move on
    ("self-filed", "who", lambda a: set_path(a, "urgent", True)),  # warning: no reason
    ("self-filed", "victim", lambda a: set_path(a, "applicant.id_number", "500152198603140123")),  # error
    ("self-filed", "victim", lambda a: set_path(a, "applicant.phone", "12345")),  # error
    ("self-filed", "victim", lambda a: set_path(a, "applicant.birth_date", "2099-01-01")),  # error
    ("proxy-filed", "proxy", lambda a: _blank(a, "filed_by.proxy.victim_wishes")),  # warning
    ("self-filed", "respondent", lambda a: set_path(a, "respondent.id_number", "5001")),  # error
    ("self-filed", "incidents", lambda a: _blank(a, "facts")),  # error
    ("self-filed", "incidents", lambda a: set_path(a, "incidents.2.place", "村口")),  # error: no date, no description
    ("self-filed", "protection", lambda a: set_path(a, "requests.0.measure", Measure.OTHER)),  # error: no details
    ("self-filed", "protection", lambda a: set_path(a, "protected_relatives.0.relation_to_applicant", "")),
    ("self-filed", "evidence", lambda a: set_path(a, "evidence", [])),  # warning
    ("self-filed", "evidence", lambda a: _blank(a, "evidence.0.kind")),  # error
    ("self-filed", "court", lambda a: _blank(a, "jurisdiction_basis")),  # warning
]


@pytest.mark.parametrize("name, step_id, breaks", NOT_BLOCKING)
def test_other_problems_are_shown_on_the_step_but_do_not_stop_next(name, step_id, breaks):
    app = app_of(name)
    wizard = at(app, step_id)
    before = wizard.problems_for()
    breaks(app)
    shown = wizard.problems_for()
    assert len(shown) > len(before)
    assert wizard.can_advance() and wizard.blockers() == []
    assert wizard.next().id != step_id


def test_an_empty_application_stops_only_where_it_must():
    wizard = Wizard(Application(), today=TODAY)
    needed = {}
    for step_id in SELF_STEPS:
        needed[step_id] = paths(wizard.blockers(step_id))
    assert needed == {
        "who": {"filed_by.kind"}, "victim": {"applicant.name"}, "respondent": {"respondent.name", "respondent.relationship"},
        "incidents": set(), "protection": {"requests"}, "evidence": set(), "court": {"court.name"}, "review": set(),
    }
    assert not wizard.can_file()


def test_go_jumps_back_freely_and_forward_only_across_passable_steps():
    app = app_of("self-filed")
    wizard = Wizard(app, today=TODAY)
    assert wizard.go("review").id == "review"
    assert wizard.go("victim").id == "victim"
    app.respondent.name = None
    assert not wizard.can_go("court")
    with pytest.raises(StepBlocked) as caught:
        wizard.go("court")
    assert caught.value.step.id == "respondent"
    assert wizard.go("respondent").id == "respondent"  # to the blocked step itself: fine
    assert wizard.go("who").id == "who"
    with pytest.raises(WizardError):
        wizard.go("proxy")  # hidden for a self-filed application
    with pytest.raises(WizardError):
        wizard.go("nowhere")


# ---- problems, by step and on review ---------------------------------------------------------------

def _leaves(value, prefix=""):
    """(path, value) of every leaf of a JSON document; lists of scalars are leaves."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for i, item in enumerate(value):
            yield from _leaves(item, f"{prefix}.{i}")
    else:
        yield prefix, value


def _without(doc: dict, path: str) -> dict:
    doc = copy.deepcopy(doc)
    *parents, last = path.split(".")
    node = doc
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    del node[last]
    return doc


INVALID = {  # path in the document → a value validation reports on
    "id": "not-a-uuid", "created_at": "2026-11-21", "court.name": "潼南法院", "applicant.id_number": "5001521986",
    "applicant.birth_date": "1986-02-30", "applicant.gender": "male", "applicant.ethnicity": "火星族",
    "applicant.phone": "0231234", "respondent.relationship": "other", "respondent.phone": "99",
    "protected_relatives.0.birth_date": "2015-13-01", "protected_relatives.0.id_number": "500152201505010000",
    "requests.0.measure": "keep_away_from_places", "requests.1.measure": "other", "requests.2.protects_relatives": True,
    "incidents.0.date": "2099-01", "incidents.1.date": "20-11-2026", "evidence.0.files.0.path": "/etc/passwd",
    "evidence.1.files.0.sha256": "ab", "evidence.1.files.1.sha256": "0" * 64, "evidence.0.files": [],
    "signature.signed_at": "yesterday", "signature.image": "evidence/signature.png", "urgent": True,
    "requests": [{"measure": "prohibit_violence"}], "respondent.birth_date": "1983-07-03",
    "respondent.id_number": "123",
}
PROXY_INVALID = {
    "filed_by.kind": "self", "filed_by.proxy": None,
    "filed_by.proxy.handler": "\u0007", "filed_by.proxy.phone": "1", "filed_by.proxy.name": "x" * 101,
    "requests.2.distance_m": 0, "requests.0.protects_relatives": True, "requests": [], "evidence": [],
}
OWNER = [  # written independently of the step table: where a person fixes each field
    ("filed_by.proxy.name", "proxy"), ("filed_by.proxy.handler", "proxy"), ("filed_by.proxy.phone", "proxy"),
    ("filed_by.proxy.address", "proxy"), ("filed_by.proxy.victim_wishes", "proxy"), ("filed_by*", "who"),
    ("urgency_reason", "who"), ("urgent", "who"), ("applicant.*", "victim"), ("respondent.*", "respondent"),
    ("incidents*", "incidents"), ("facts", "incidents"), ("requests*", "protection"),
    ("protected_relatives*", "protection"), ("evidence*", "evidence"), ("court.*", "court"),
    ("jurisdiction_basis", "court"), ("signature.*", "review"), ("id", "review"), ("created_at", "review"),
]


def _expected_owner(path: str) -> str:
    return next(step for pattern, step in OWNER if fnmatchcase(path, pattern))


def _reported(name: str, invalid: dict) -> set[str]:
    doc, found = example(name), set()
    variants = [_without(doc, path) for path, _ in _leaves(doc) if path not in ("format", "id")]
    for path, value in invalid.items():
        changed = copy.deepcopy(doc)
        app = Application.from_json_dict(changed)
        set_path(app, path, value)
        variants.append(app.to_json_dict())
    for variant in variants:
        app = Application.from_json_dict(variant)
        for problem in validate(app, DirectoryEvidence(EXAMPLES / name), today=TODAY):
            found.add(problem.path)
            wizard = Wizard(app, today=TODAY)
            assert wizard.step_for_path(problem.path).id == _expected_owner(problem.path), problem
    return found


def test_step_for_path_links_every_reported_problem_to_the_step_that_fixes_it():
    found = _reported("self-filed", INVALID) | _reported("proxy-filed", PROXY_INVALID)
    assert len(found) >= 55, sorted(found)  # the mutations really reach most rules
    assert {"filed_by.proxy", "filed_by.proxy.victim_wishes", "evidence", "evidence.0.files.0.path", "requests",
            "requests.0.protects_relatives", "protected_relatives", "signature.image", "id"} <= found


def test_step_for_path_of_the_whole_document_and_unknown_paths_is_review():
    wizard = Wizard(Application(), today=TODAY)
    _, problems = load_document([])
    assert problems[0].path == "" and wizard.step_for_path("").id == "review"
    assert wizard.step_for_path("something.new").id == "review"


def test_problems_for_a_step_are_its_own_and_review_lists_them_all():
    app = Application()
    wizard = Wizard(app, today=TODAY)
    wizard.set_filed_by(FiledByKind.PROXY)
    assert paths(wizard.problems_for("who")) == {"filed_by.proxy.kind", "filed_by.proxy.ground"}
    assert paths(wizard.problems_for("proxy")) == {"filed_by.proxy.name", "filed_by.proxy.victim_wishes"}
    assert paths(wizard.problems_for("victim")) == {"applicant.name"}
    assert paths(wizard.problems_for("review")) == set()
    items = wizard.review_items()
    assert all(isinstance(item, ReviewItem) for item in items)
    assert {item.problem for item in items} == set(wizard.problems())
    order = [wizard.step_ids.index(item.step.id) for item in items]
    assert order == sorted(order)
    wizard.set_filed_by(FiledByKind.SELF)
    assert wizard.problems_for("proxy") == []  # a hidden step shows nothing


def test_evidence_files_are_checked_only_where_they_matter(tmp_path):
    app = app_of("self-filed")
    wizard = at(app, "evidence", evidence=DirectoryEvidence(tmp_path))  # an empty folder: every file missing
    assert {p.path for p in wizard.problems_for() if p.is_error} == {
        "evidence.0.files.0.path", "evidence.1.files.0.path", "evidence.1.files.1.path"}
    assert wizard.can_advance()
    assert not wizard.can_file()
    wizard.evidence = DirectoryEvidence(EXAMPLES / "self-filed")
    assert wizard.can_file()


# ---- saving and restoring --------------------------------------------------------------------------

def test_state_round_trips_through_json():
    app = app_of("proxy-filed")
    wizard = Wizard(app, today=TODAY)
    for _ in range(3):
        wizard.next()
    wizard.back()
    state = json.loads(json.dumps(wizard.state_dict()))
    assert state == {"version": 1, "current": "proxy", "visited": ["who", "victim", "proxy", "respondent"],
                     "danger_answered": True}
    reopened = Wizard.restore(Application.from_json_dict(app.to_json_dict()), state, today=TODAY)
    assert reopened.current.id == "proxy" and reopened.visited == wizard.visited
    assert reopened.state_dict() == state


@pytest.mark.parametrize("state, current, visited", [
    (None, "who", ["who"]),
    ("garbage", "who", ["who"]),
    ({}, "who", ["who"]),
    ({"current": "nowhere", "visited": ["victim", 3, "nowhere"]}, "who", ["who", "victim"]),
    ({"current": "proxy", "visited": ["who", "victim", "proxy"]}, "victim", ["who", "victim", "proxy"]),
    ({"current": "court"}, "court", ["who", "court"]),
])
def test_restore_never_fails_on_a_bad_or_stale_state(state, current, visited):
    wizard = Wizard.restore(app_of("self-filed"), state, today=TODAY)
    assert wizard.current.id == current and wizard.visited == visited


def test_restore_keeps_the_answer_to_the_safety_question():
    wizard = Wizard(Application(), today=TODAY)
    wizard.set_danger(False)
    state = wizard.state_dict()
    assert Wizard.restore(Application(), state).danger_answered
    assert not Wizard.restore(Application(), {**state, "danger_answered": "yes"}).danger_answered


# ---- a full walk, as the pages would do it ---------------------------------------------------------

@pytest.mark.parametrize("name", ["self-filed", "proxy-filed"])
def test_full_walk_from_an_empty_application_to_review(name):
    doc = example(name)
    app = Application()
    wizard = Wizard(app, DirectoryEvidence(EXAMPLES / name), today=TODAY)
    leaves = list(_leaves(doc))
    done: list[str] = []
    while True:
        step = wizard.current
        if step.id == "who":
            wizard.set_filed_by(doc["filed_by"]["kind"])
            wizard.set_danger(doc.get("urgent", False), doc.get("urgency_reason"))
        for path, value in leaves:
            if wizard.step_for_path(path).id == step.id and path not in done:
                set_path(app, path, value)
                done.append(path)
        if wizard.is_last():
            break
        assert wizard.blockers() == [], step.id
        wizard.next()
    expected = [s for s in ALL_STEPS if name == "proxy-filed" or s != "proxy"]
    assert wizard.visited == expected and wizard.current.id == "review"
    assert sorted(done) == sorted(path for path, _ in leaves)  # every field belongs to a step
    assert app.to_json_dict() == doc
    assert wizard.can_file()
    assert not [item for item in wizard.review_items() if item.problem.is_error]
