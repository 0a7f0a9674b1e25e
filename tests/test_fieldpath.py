"""Reading and writing an application's fields by the paths validation reports."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from forms.enums import Measure, ProxyGround
from forms.fieldpath import get_path, set_path, split_path
from forms.model import Application, Request


def test_split_path():
    assert split_path("requests.0.places") == ["requests", 0, "places"]
    assert split_path("") == []


def test_get_path_reads_nested_fields_and_lists():
    app = Application.from_json_dict({"applicant": {"name": "王秀英"}, "requests": [{"measure": "prohibit_violence",
                                                                                   "places": ["家"]}]})
    assert get_path(app, "applicant.name") == "王秀英"
    assert get_path(app, "requests.0.measure") is Measure.PROHIBIT_VIOLENCE
    assert get_path(app, "requests.0.places.0") == "家"
    assert get_path(app, "requests.5.measure", "none") == "none"
    assert get_path(app, "filed_by.proxy.name") is None  # no proxy yet
    assert get_path(app, "applicant.name.more") is None


def test_set_path_creates_what_is_missing_and_validates():
    app = Application()
    set_path(app, "filed_by.proxy.ground", "old_age")
    assert app.filed_by.proxy.ground is ProxyGround.OLD_AGE
    set_path(app, "requests.0.measure", "prohibit_contact")
    set_path(app, "requests.1.measure", Measure.ORDER_MOVE_OUT)
    assert [r.measure for r in app.requests] == [Measure.PROHIBIT_CONTACT, Measure.ORDER_MOVE_OUT]
    set_path(app, "requests.0.places.0", "学校")
    assert app.requests[0].places == ["学校"]
    set_path(app, "signature.place", "便民服务中心")
    assert app.signature.place == "便民服务中心"
    set_path(app, "applicant.name", "阿依古丽•买买提")  # normalised on assignment
    assert app.applicant.name == "阿依古丽·买买提"
    set_path(app, "requests", [{"measure": "other", "details": "x"}])
    assert isinstance(app.requests[0], Request) and app.requests[0].measure is Measure.OTHER
    assert app.to_json_dict()["filed_by"] == {"proxy": {"ground": "old_age"}}


def test_set_path_refuses_what_does_not_fit():
    app = Application()
    with pytest.raises(ValidationError):
        set_path(app, "urgent", "yes")
    assert app.urgent is False
    with pytest.raises(ValidationError):
        set_path(app, "requests.0.measure", "shout_loudly")
    with pytest.raises(IndexError):
        set_path(app, "incidents.3.date", "2026")
    with pytest.raises(KeyError):
        set_path(app, "applicant.name.first", "x")
    with pytest.raises(KeyError):
        set_path(app, "", "x")
