"""Validation of the people: resident ID numbers, phones, names, birth dates, ethnicity."""
from __future__ import annotations

import pytest

from test_forms_validation import (
    ERROR, TODAY, WARNING, at, check, example, load, minimal, only, resident_id, with_applicant, wrong_check,
)
from forms.validation import Problem, validate


def id_problems(number: str, **fields) -> list[Problem]:
    problems = check(with_applicant(id_number=number, **fields))
    return [p for p in problems if p.path.startswith("applicant.")]


def test_the_helper_reproduces_the_examples_numbers():
    for number in ("500152198603140122", "500152198307020118", "500152194802090123"):
        assert resident_id(number[:6], number[6:14], number[14:17]) == number


def test_valid_number_has_no_problem():
    assert id_problems(resident_id("110105", "19860314", "012")) == []


def test_examples_numbers_are_valid_although_python_stdnum_refuses_them():
    # 500152 (Tongnan district) is newer than these people; a number keeps its area code for life.
    from stdnum.cn import ric
    assert not ric.is_valid("500152198603140122")
    assert id_problems("500152198603140122") == []


def test_unknown_area_code_never_makes_a_number_invalid():
    number = resident_id("990101", "19860314", "012")
    from stdnum.cn import ric
    assert not ric.is_valid(number)  # the library would have refused it
    assert id_problems(number) == []


def test_lower_case_x_is_accepted_and_normalised():
    seq = next(s for s in (f"{i:03d}" for i in range(1000)) if resident_id("500152", "19860314", s).endswith("X"))
    number = resident_id("500152", "19860314", seq)
    app = load(with_applicant(id_number=number.lower()))
    assert app.applicant.id_number == number
    assert app.to_json_dict()["applicant"]["id_number"].endswith("X")
    assert [p for p in validate(app, today=TODAY) if p.path.startswith("applicant.")] == []


def test_wrong_check_character_is_an_error_naming_the_person():
    problem = only(id_problems(wrong_check(resident_id("500152", "19860314", "012"))), "applicant.id_number")
    assert problem.severity is ERROR
    assert problem.message("zh").startswith("申请人身份证号码校验位")
    assert "check character" in problem.message("en")


def test_respondent_and_relative_numbers_are_checked_too():
    doc = minimal()
    doc["respondent"]["id_number"] = wrong_check(resident_id("500152", "19830702", "011"))
    doc["protected_relatives"] = [{"name": "李小雨", "relation_to_applicant": "女儿",
                                   "id_number": wrong_check(resident_id("500152", "20150501", "002"))}]
    doc["requests"][0]["protects_relatives"] = True
    problems = check(doc)
    assert only(problems, "respondent.id_number").message("zh").startswith("被申请人身份证号码校验位")
    assert only(problems, "protected_relatives.0.id_number").severity is ERROR


@pytest.mark.parametrize("number, words_en, words_zh", [
    ("50015219860314012", "18 characters; it has 17", "应为18位，现在是17位"),
    ("5001521986031401222", "it has 19", "现在是19位"),
    ("50015219860314012A", "only digits", "只能是数字"),
    ("5001521986031401X2", "only digits", "只能是数字"),
    ("500152-98603140122", "only digits", "只能是数字"),
])
def test_length_and_characters_have_their_own_messages(number, words_en, words_zh):
    problem = only(id_problems(number), "applicant.id_number")
    assert problem.severity is ERROR
    assert words_en in problem.message("en")
    assert words_zh in problem.message("zh")


@pytest.mark.parametrize("born", ["19870229", "19861301", "19860431", "19860300", "18991231", "20261201"])
def test_impossible_birth_dates_in_the_number(born):
    number = resident_id("500152", born, "012")  # check character right: only the date is wrong
    problem = only(id_problems(number), "applicant.id_number")
    assert problem.severity is ERROR
    assert "birth date" in problem.message("en") and "出生日期" in problem.message("zh")


def test_leap_day_is_a_real_date():
    assert id_problems(resident_id("500152", "19880229", "012")) == []


def test_birth_date_and_gender_that_disagree_are_warnings():
    number = resident_id("500152", "19860314", "012")  # 2 = even: female
    problems = id_problems(number, birth_date="1986-03-15", gender="male")
    birth = only(problems, "applicant.birth_date")
    gender = only(problems, "applicant.gender")
    assert birth.severity is WARNING and gender.severity is WARNING
    assert "1986-03-14" in birth.message("en") and "1986-03-15" in birth.message("zh")
    assert "（女）" in gender.message("zh") and "(female)" in gender.message("en")
    assert id_problems(number, birth_date="1986-03-14", gender="female") == []
    assert id_problems(number, gender="unknown") == []


def test_passport_numbers_get_only_a_sanity_check():
    assert id_problems("E12345678", id_type="passport") == []
    assert id_problems("ABC", id_type="other") == []
    assert only(id_problems("E1234\x005678", id_type="passport"), "applicant.id_number").severity is ERROR


# ---- phones -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("phone", [
    "13800138000", "+86 138 0013 8000", "008613800138000", "138-0013-8000", "19912345678",
    "14012345678",  # a prefix phonenumbers 9.0 does not know: the domain's pattern decides
    "023-44551234", "02344551234", "0851-1234567", "010-12345678", "(023)44551234", "023-44551234-806",
    "+86-23-44551234", "+852 9123 4567",
])
def test_valid_phones(phone):
    assert at(check(with_applicant(phone=phone)), "applicant.phone") == []


@pytest.mark.parametrize("phone", [
    "12800138000", "1380013800", "138001380001", "+8612800138000", "023-12345", "abc", "0000",
    "+852 1", "1380013800O",
])
def test_invalid_phones(phone):
    problem = only(check(with_applicant(phone=phone)), "applicant.phone")
    assert problem.severity is ERROR
    assert "申请人的电话号码" in problem.message("zh")


def test_landline_without_area_code_is_a_warning():
    assert only(check(with_applicant(phone="44551234")), "applicant.phone").severity is WARNING


def test_proxy_phone_is_checked():
    problems = check(example("proxy-filed") | {"filed_by": {"kind": "proxy", "proxy": {
        "kind": "womens_federation", "name": "双江镇妇联", "handler": "周丽", "ground": "old_age",
        "victim_wishes": "希望儿子搬出去", "phone": "023-4455"}}})
    assert only(problems, "filed_by.proxy.phone").severity is ERROR


# ---- names, dates, ethnicity ------------------------------------------------------------------------

def test_long_names():
    assert at(check(with_applicant(name="阿" * 50)), "applicant.name") == []
    assert at(check(with_applicant(name="阿" * 100)), "applicant.name") == []
    assert only(check(with_applicant(name="阿" * 101)), "applicant.name").severity is ERROR
    assert at(check(with_applicant(name="\U00020BB7" * 100)), "applicant.name") == []


def test_control_characters_in_names_are_refused():
    problem = only(check(with_applicant(name="王秀\x07英")), "applicant.name")
    assert problem.severity is ERROR and "控制字符" in problem.message("zh")


def test_missing_applicant_name():
    doc = minimal()
    doc["applicant"] = {}
    problem = only(check(doc), "applicant.name")
    assert problem.severity is ERROR and problem.message("zh") == "请填写申请人的姓名"


@pytest.mark.parametrize("birth_date, severity", [
    ("1986-03-14", None), ("1986-3-14", ERROR), ("19860314", ERROR), ("1986-02-29", ERROR),
    ("2026-12-01", ERROR), ("1899-12-31", ERROR), ("2026-11-30", None),
])
def test_birth_dates(birth_date, severity):
    found = at(check(with_applicant(birth_date=birth_date)), "applicant.birth_date")
    assert [p.severity for p in found] == ([severity] if severity else [])


def test_relative_birth_date_is_checked():
    doc = example("self-filed")
    doc["protected_relatives"][0]["birth_date"] = "2015-02-30"
    assert only(check(doc), "protected_relatives.0.birth_date").severity is ERROR


@pytest.mark.parametrize("value, severity", [("汉族", None), ("汉", None), ("土家族", None),
                                             ("外国血统中国籍人士", None),
                                             ("穿青人", WARNING), ("Han", WARNING)])
def test_ethnicity(value, severity):
    found = at(check(with_applicant(ethnicity=value)), "applicant.ethnicity")
    assert [p.severity for p in found] == ([severity] if severity else [])


def test_the_56_groups():
    from forms import ethnicity
    assert len(ethnicity.NAMES) == len(set(ethnicity.NAMES)) == 56
    assert all(name.endswith("族") for name in ethnicity.NAMES)
    assert ethnicity.code_of("土家族") == "15" and ethnicity.romanized("维吾尔族") == "Uygur"
