"""The legal Chinese of the packet: person lines, relationships, measures, facts, dates.

The packet is a court filing and is always in Chinese, whatever the interface language; these
phrases are legal wording, not interface strings, so they are not in the translation catalogue.
Legal terms follow 反家庭暴力法 (Anti-Domestic Violence Law) and 法释〔2022〕17号 (SPC provisions).
"""
from __future__ import annotations

import datetime as dt
import re

CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (for 请求事项 numbering, 1–99)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


def cn_date(value: str | dt.date | dt.datetime | None) -> str:
    """'2026-11-20' → 2026年11月20日; '2026-09' → 2026年9月; '2026' → 2026年. Unparseable: as given."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:[T ].*)?", text)
    if not m:
        return text
    year, month, day = m.groups()
    out = f"{int(year)}年"
    if month:
        out += f"{int(month)}月"
        if day:
            out += f"{int(day)}日"
    return out


def date_sort_key(value: str) -> tuple[int, int, int]:
    """Incidents in date order; a month or year alone sorts before the days within it."""
    parts = [int(p) for p in re.findall(r"\d+", str(value))[:3]]
    return tuple(parts + [0] * (3 - len(parts)))  # type: ignore[return-value]


GENDER = {"female": "女", "male": "男"}

PROXY_KIND = {
    "close_relative": "近亲属",
    "police": "公安机关",
    "womens_federation": "妇女联合会",
    "residents_committee": "居民委员会",
    "villagers_committee": "村民委员会",
    "rescue_agency": "救助管理机构",
    "civil_affairs": "民政部门",
    "disabled_persons_federation": "残疾人联合会",
    "elderly_organization": "依法设立的老年人组织",
}

# Ground for filing on the victim's behalf, and the rule that allows it.
PROXY_GROUND = {
    "no_capacity": ("系无民事行为能力人", "《中华人民共和国反家庭暴力法》第二十三条第二款"),
    "limited_capacity": ("系限制民事行为能力人", "《中华人民共和国反家庭暴力法》第二十三条第二款"),
    "coercion": ("受到强制", "《中华人民共和国反家庭暴力法》第二十三条第二款"),
    "intimidation": ("受到威吓", "《中华人民共和国反家庭暴力法》第二十三条第二款"),
    "old_age": ("年老", "《最高人民法院关于办理人身安全保护令案件适用法律若干问题的规定》第二条"),
    "disability": ("残疾", "《最高人民法院关于办理人身安全保护令案件适用法律若干问题的规定》第二条"),
    "serious_illness": ("患有重病", "《最高人民法院关于办理人身安全保护令案件适用法律若干问题的规定》第二条"),
}

# The respondent is the applicant's <relationship>: (male, female, unknown gender) wording.
RELATIONSHIP = {
    "spouse": ("丈夫", "妻子", "配偶"),
    "former_spouse": ("前夫", "前妻", "前配偶"),
    "parent": ("父亲", "母亲", "父亲或母亲"),
    "child": ("儿子", "女儿", "子女"),
    "sibling": ("兄弟", "姐妹", "兄弟姐妹"),
    "grandparent": ("祖父（外祖父）", "祖母（外祖母）", "祖父母（外祖父母）"),
    "grandchild": ("孙子（外孙子）", "孙女（外孙女）", "孙子女（外孙子女）"),
    "in_law": ("姻亲", "姻亲", "姻亲"),
    "cohabitant": ("共同生活的人", "共同生活的人", "共同生活的人"),
    "guardian_or_ward": ("具有监护关系的人", "具有监护关系的人", "具有监护关系的人"),
    "dating_partner": ("恋爱对象", "恋爱对象", "恋爱对象"),
    "former_dating_partner": ("前恋爱对象", "前恋爱对象", "前恋爱对象"),
    "other": ("", "", ""),
}

INCIDENT_KIND = {
    "physical": "殴打等身体侵害",
    "psychological": "精神侵害",
    "sexual": "性暴力",
    "economic": "经济控制",
    "restriction_of_liberty": "限制人身自由",
    "threat": "威胁、恐吓",
    "insult": "辱骂、侮辱",
    "stalking": "跟踪",
    "harassment": "骚扰",
    "neglect": "冻饿等虐待",
}

EVIDENCE_KIND = {
    "statement": "当事人的陈述",
    "police_warning_or_penalty": "告诫书、行政处罚决定书",
    "police_record": "出警记录、报警回执等",
    "respondent_pledge": "悔过书、保证书",
    "audio_video": "视听资料",
    "communications": "电话录音、短信、即时通讯信息、电子邮件",
    "medical_record": "诊疗记录",
    "help_request_record": "求助记录",
    "witness_testimony": "证人证言",
    "injury_assessment": "伤情鉴定意见",
    "other": "其他证据",
}

JURISDICTION = {
    "applicant_residence": "申请人居住地",
    "respondent_residence": "被申请人居住地",
    "violence_location": "家庭暴力发生地",
}


def _v(value) -> str:
    """An enum member or a plain string, as its value."""
    return getattr(value, "value", value) or ""


def relationship_words(relationship, gender, detail: str | None = None) -> str:
    key = _v(relationship)
    if key == "other" or key not in RELATIONSHIP:
        return detail or "其他关系"
    male, female, unknown = RELATIONSHIP[key]
    words = {"male": male, "female": female}.get(_v(gender), unknown)
    return f"{words}（{detail}）" if detail else words


def person_line(person, *, hide_current_address: bool) -> str:
    """申请人/被申请人 line: name, gender, birth, ethnicity, ID, work, addresses, phone."""
    bits = [person.name or "（姓名不详）"]
    if _v(person.gender) in GENDER:
        bits.append(GENDER[_v(person.gender)])
    if person.birth_date:
        bits.append(f"{cn_date(person.birth_date)}出生")
    if person.ethnicity:
        bits.append(person.ethnicity)
    if person.id_number:
        label = {"passport": "护照号码", "other": "证件号码"}.get(_v(person.id_type), "公民身份号码")
        bits.append(f"{label}{person.id_number}")
    work = "，".join(x for x in (person.occupation, person.workplace) if x)
    if work:
        bits.append(work)
    if person.registered_address:
        bits.append(f"户籍地{person.registered_address}")
    if person.current_address:
        bits.append("现住址另页保密提供（仅供法院使用）" if hide_current_address else f"现住{person.current_address}")
    if person.phone:
        bits.append(f"联系电话{person.phone}")
    return "，".join(bits) + "。"


def _protected(app, request) -> str:
    """'申请人王秀英' or '申请人王秀英及其女儿李小雨'."""
    who = f"申请人{app.applicant.name or ''}"
    relatives = app.protected_relatives or []
    if request.protects_relatives and relatives:
        who += "及其" + "、".join(f"{r.relation_to_applicant}{r.name}" for r in relatives)
    return who


def measure_sentence(app, request) -> str:
    """One 请求事项, in legal wording, naming the respondent and whom it protects (Art. 29; SPC 2022 Art. 10)."""
    resp = f"被申请人{app.respondent.name or ''}"
    who = _protected(app, request)
    measure = _v(request.measure)
    if measure == "prohibit_violence":
        return f"禁止{resp}对{who}实施家庭暴力"
    if measure == "prohibit_harassment":
        return f"禁止{resp}骚扰{who}"
    if measure == "prohibit_stalking":
        return f"禁止{resp}跟踪{who}"
    if measure == "prohibit_contact":
        return f"禁止{resp}接触{who}"
    if measure == "prohibit_remote_contact":
        return f"禁止{resp}以电话、短信、即时通讯工具、电子邮件等方式侮辱、诽谤、威胁、联系{who}"
    if measure == "keep_away_from_places":
        places = "、".join(request.places or []) or "住所、学校、工作单位等经常出入场所"
        distance = f"周边{request.distance_m}米" if request.distance_m else "一定范围"
        return f"禁止{resp}在{who}的{places}{distance}内活动"
    if measure == "order_move_out":
        return f"责令{resp}迁出{who}的住所"
    details = (request.details or "").strip().rstrip("。；;")
    return f"{details}（保护{who}人身安全的其他措施）" if details else f"采取保护{who}人身安全的其他措施"


def incident_paragraph(incident) -> str:
    """One incident for 事实和理由: date, place, what happened, kinds, injuries, police."""
    head = cn_date(incident.date)
    if incident.place:
        head += f"，在{incident.place}"
    text = f"{head}，{(incident.description or '').strip().rstrip('。')}。"
    kinds = [INCIDENT_KIND.get(_v(k), _v(k)) for k in (incident.kinds or [])]
    if kinds:
        text += f"侵害方式：{'、'.join(kinds)}。"
    if incident.injuries:
        text += f"伤情：{incident.injuries.strip().rstrip('。')}。"
    if incident.police_called:
        text += "申请人已报警"
        text += f"（{incident.police_reference}）。" if incident.police_reference else "。"
    elif incident.police_reference:
        text += f"相关文书：{incident.police_reference}。"
    return text
