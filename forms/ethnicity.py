"""Ethnicity, 民族: the 56 groups of GB/T 3304-1991, with their codes and the standard's romanisation.

Codes 97 and 98 of the same standard (unidentified groups; Chinese citizens of foreign origin) are
recognised too. Anything else is kept as written and only warned about by validation: the packet
prints what the applicant says.
"""
from __future__ import annotations

import unicodedata

# (code, Chinese name, romanised name as in GB/T 3304-1991)
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("01", "汉族", "Han"), ("02", "蒙古族", "Mongol"), ("03", "回族", "Hui"),
    ("04", "藏族", "Zang"), ("05", "维吾尔族", "Uygur"), ("06", "苗族", "Miao"),
    ("07", "彝族", "Yi"), ("08", "壮族", "Zhuang"), ("09", "布依族", "Buyei"),
    ("10", "朝鲜族", "Chosen"), ("11", "满族", "Man"), ("12", "侗族", "Dong"),
    ("13", "瑶族", "Yao"), ("14", "白族", "Bai"), ("15", "土家族", "Tujia"),
    ("16", "哈尼族", "Hani"), ("17", "哈萨克族", "Kazak"), ("18", "傣族", "Dai"),
    ("19", "黎族", "Li"), ("20", "傈僳族", "Lisu"), ("21", "佤族", "Va"),
    ("22", "畲族", "She"), ("23", "高山族", "Gaoshan"), ("24", "拉祜族", "Lahu"),
    ("25", "水族", "Sui"), ("26", "东乡族", "Dongxiang"), ("27", "纳西族", "Naxi"),
    ("28", "景颇族", "Jingpo"), ("29", "柯尔克孜族", "Kirgiz"), ("30", "土族", "Tu"),
    ("31", "达斡尔族", "Daur"), ("32", "仫佬族", "Mulao"), ("33", "羌族", "Qiang"),
    ("34", "布朗族", "Blang"), ("35", "撒拉族", "Salar"), ("36", "毛南族", "Maonan"),
    ("37", "仡佬族", "Gelao"), ("38", "锡伯族", "Xibe"), ("39", "阿昌族", "Achang"),
    ("40", "普米族", "Pumi"), ("41", "塔吉克族", "Tajik"), ("42", "怒族", "Nu"),
    ("43", "乌孜别克族", "Uzbek"), ("44", "俄罗斯族", "Russ"), ("45", "鄂温克族", "Ewenki"),
    ("46", "德昂族", "Deang"), ("47", "保安族", "Bonan"), ("48", "裕固族", "Yugur"),
    ("49", "京族", "Gin"), ("50", "塔塔尔族", "Tatar"), ("51", "独龙族", "Derung"),
    ("52", "鄂伦春族", "Oroqen"), ("53", "赫哲族", "Hezhen"), ("54", "门巴族", "Monba"),
    ("55", "珞巴族", "Lhoba"), ("56", "基诺族", "Jino"),
)
OTHER_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("97", "其他未识别民族", "Unidentified ethnic group"),
    ("98", "外国血统中国籍人士", "Chinese citizen of foreign origin"),
)

NAMES: tuple[str, ...] = tuple(name for _code, name, _roman in GROUPS)
_KNOWN = frozenset(NAMES) | {name for _code, name, _roman in OTHER_CATEGORIES}
_BY_NAME = {name: (code, roman) for code, name, roman in GROUPS + OTHER_CATEGORIES}


def normalize_ethnicity(value: str) -> str:
    """Strip and NFC; complete a short form to the standard name ("汉" → "汉族", "维吾尔" → "维吾尔族").

    Only an exact match of one of the 56 names without its final 族 is completed, so nothing is guessed.
    """
    text = unicodedata.normalize("NFC", value).strip()
    if text and not text.endswith("族") and text + "族" in _KNOWN:
        return text + "族"
    return text


def is_known(value: str) -> bool:
    return value in _KNOWN


def code_of(value: str) -> str | None:
    """The two-digit GB/T 3304 code of a recognised name, e.g. ``"15"`` for 土家族."""
    entry = _BY_NAME.get(value)
    return entry[0] if entry else None


def romanized(value: str) -> str | None:
    """The standard's romanised name (for English output), e.g. ``"Tujia"``."""
    entry = _BY_NAME.get(value)
    return entry[1] if entry else None
