"""The bundled court directory (resources/courts/): Chongqing's basic-level people's courts."""
from __future__ import annotations

import json

import pytest

from forms import courts
from forms.i18n import resources_dir
from forms.model import Application
from forms.validation import validate

COUNTIES = ["渝中", "大渡口", "江北", "沙坪坝", "九龙坡", "南岸", "北碚", "渝北", "巴南", "万州", "涪陵", "黔江", "长寿",
            "江津", "合川", "永川", "南川", "綦江", "大足", "璧山", "铜梁", "潼南", "荣昌", "开州", "梁平", "武隆", "城口",
            "丰都", "垫江", "忠县", "云阳", "奉节", "巫山", "巫溪", "石柱", "秀山", "酉阳", "彭水"]


def test_the_file_says_where_it_comes_from():
    data = json.loads((resources_dir() / "courts" / "chongqing.json").read_text(encoding="utf-8"))
    assert data["province"] == "重庆市" and data["source"] and data["as_of"]


def test_one_court_for_each_of_the_38_districts_and_counties():
    listed = courts.load_courts()
    assert len(listed) >= 38
    for county in COUNTIES:
        assert [c for c in listed if c.district.startswith(county)], county
    assert len({c.code for c in courts.load_courts(include_all=True)}) == len(courts.load_courts(include_all=True))


def test_names_codes_and_districts_are_well_formed():
    for court in courts.load_courts(include_all=True):
        assert court.name.endswith("人民法院"), court
        assert court.code.startswith("cq-") and court.code == court.code.lower() and " " not in court.code
        assert court.province == "重庆市"
        assert court.district[:2] in court.name
        if court.protection_orders:
            assert court.name == f"重庆市{court.district}人民法院"


def test_every_name_passes_validation():
    for court in courts.load_courts(include_all=True):
        app = Application(court=court.to_field())
        assert not [p for p in validate(app) if p.path == "court.name"], court.name


def test_tongnan_is_there():
    court = courts.find("cq-tongnan")
    assert court.name == "重庆市潼南区人民法院" and court.district == "潼南区"
    assert courts.find("CQ-TONGNAN ") == court
    assert courts.find("cq-nowhere") is None and courts.find("") is None and courts.find(None) is None
    assert court.to_field().model_dump() == {"name": "重庆市潼南区人民法院", "code": "cq-tongnan"}


@pytest.mark.parametrize("text", ["潼南", "潼南区", "潼南县", "潼南区法院", "重庆潼南", "重庆市潼南区人民法院", "tongnan",
                                  " 潼 南 ", "ＴＯＮＧＮＡＮ"])
def test_search_finds_tongnan_however_it_is_written(text):
    assert [c.code for c in courts.search(text)] == ["cq-tongnan"]


def test_search_by_former_names_and_ranking():
    assert [c.name for c in courts.search("开县")] == ["重庆市开州区人民法院"]
    assert [c.name for c in courts.search("万盛")] == ["重庆市綦江区人民法院"]
    assert [c.code for c in courts.search("江北")][:1] == ["cq-jiangbei"]  # 江北区 first; 渝北 was 江北县
    assert "cq-yubei" in [c.code for c in courts.search("江北")]
    assert courts.search("北京") == []
    assert courts.search("") == courts.load_courts() == courts.search("人民法院")


def test_liangjiang_court_is_known_but_not_offered_for_filing():
    court = courts.find("cq-liangjiang")
    assert court.name == "重庆两江新区人民法院" and "重庆自由贸易试验区人民法院" in court.aliases
    assert not court.protection_orders and court.note
    assert court not in courts.load_courts() and courts.search("两江") == []
    assert courts.search("自由贸易试验区", include_all=True) == [court]
