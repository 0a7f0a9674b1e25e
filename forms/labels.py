"""Human labels, Chinese and English, for every value of every enum in :mod:`forms.enums`.

Each label is an English msgid marked with ``N_()`` and translated in ``forms.po``; msgids are unique
across enums ("other relationship", "other measure", …) because one catalogue serves them all.

Relationship labels complete the sentence "被申请人系申请人的……" / "The respondent is the applicant's …".
:func:`relationship_label` picks a gendered word (丈夫, 母亲, …) when the respondent's gender is known.
"""
from __future__ import annotations

from enum import Enum

from forms.enums import (
    EvidenceKind, FiledByKind, Gender, IdType, IncidentKind, JurisdictionBasis, Measure, ProxyGround,
    ProxyKind, Relationship,
)
from forms.i18n import N_, translate

_PAIRS: list[tuple[Enum, str]] = [
    (FiledByKind.SELF, N_("Filed by the victim herself")),
    (FiledByKind.PROXY, N_("Filed on the victim's behalf")),
    (Gender.FEMALE, N_("female")),
    (Gender.MALE, N_("male")),
    (Gender.UNKNOWN, N_("gender not known")),
    (IdType.RESIDENT_ID, N_("resident identity card")),
    (IdType.PASSPORT, N_("passport")),
    (IdType.OTHER, N_("other identity document")),
    (JurisdictionBasis.APPLICANT_RESIDENCE, N_("where the applicant lives")),
    (JurisdictionBasis.RESPONDENT_RESIDENCE, N_("where the respondent lives")),
    (JurisdictionBasis.VIOLENCE_LOCATION, N_("where the violence happened")),
    (Relationship.SPOUSE, N_("spouse")),
    (Relationship.FORMER_SPOUSE, N_("former spouse")),
    (Relationship.PARENT, N_("father or mother")),
    (Relationship.CHILD, N_("son or daughter")),
    (Relationship.SIBLING, N_("brother or sister")),
    (Relationship.GRANDPARENT, N_("grandparent")),
    (Relationship.GRANDCHILD, N_("grandchild")),
    (Relationship.IN_LAW, N_("in-law")),
    (Relationship.COHABITANT, N_("person living with her (not family)")),
    (Relationship.GUARDIAN_OR_WARD, N_("guardian, ward, or foster or support relation")),
    (Relationship.DATING_PARTNER, N_("dating partner")),
    (Relationship.FORMER_DATING_PARTNER, N_("former dating partner")),
    (Relationship.OTHER, N_("other relationship")),
    (Measure.PROHIBIT_VIOLENCE, N_("Prohibit domestic violence")),
    (Measure.PROHIBIT_HARASSMENT, N_("Prohibit harassment")),
    (Measure.PROHIBIT_STALKING, N_("Prohibit stalking")),
    (Measure.PROHIBIT_CONTACT, N_("Prohibit contact")),
    (Measure.PROHIBIT_REMOTE_CONTACT, N_("Prohibit insults, threats or contact by phone, text or online")),
    (Measure.KEEP_AWAY_FROM_PLACES, N_("Keep away from home, school, workplace or other places")),
    (Measure.ORDER_MOVE_OUT, N_("Order to move out of the applicant's home")),
    (Measure.OTHER, N_("Other measure")),
    (ProxyKind.CLOSE_RELATIVE, N_("close relative")),
    (ProxyKind.POLICE, N_("police")),
    (ProxyKind.WOMENS_FEDERATION, N_("women's federation")),
    (ProxyKind.RESIDENTS_COMMITTEE, N_("residents' committee")),
    (ProxyKind.VILLAGERS_COMMITTEE, N_("villagers' committee")),
    (ProxyKind.RESCUE_AGENCY, N_("rescue and assistance agency")),
    (ProxyKind.CIVIL_AFFAIRS, N_("civil affairs department")),
    (ProxyKind.DISABLED_PERSONS_FEDERATION, N_("disabled persons' federation")),
    (ProxyKind.ELDERLY_ORGANIZATION, N_("elderly people's organisation")),
    (ProxyGround.NO_CAPACITY, N_("has no civil capacity")),
    (ProxyGround.LIMITED_CAPACITY, N_("has limited civil capacity")),
    (ProxyGround.COERCION, N_("is under coercion")),
    (ProxyGround.INTIMIDATION, N_("is intimidated")),
    (ProxyGround.OLD_AGE, N_("old age")),
    (ProxyGround.DISABILITY, N_("disability")),
    (ProxyGround.SERIOUS_ILLNESS, N_("serious illness")),
    (EvidenceKind.STATEMENT, N_("Statement of a party")),
    (EvidenceKind.POLICE_WARNING_OR_PENALTY, N_("Police warning letter or penalty decision")),
    (EvidenceKind.POLICE_RECORD, N_("Police call-out record, questioning record or call receipt")),
    (EvidenceKind.RESPONDENT_PLEDGE, N_("Apology or pledge written by the respondent")),
    (EvidenceKind.AUDIO_VIDEO, N_("Photos, audio or video recordings")),
    (EvidenceKind.COMMUNICATIONS, N_("Phone recordings, text messages, chats or e-mails")),
    (EvidenceKind.MEDICAL_RECORD, N_("Medical records")),
    (EvidenceKind.HELP_REQUEST_RECORD, N_("Records of asking for help (committee, women's federation, workplace)")),
    (EvidenceKind.WITNESS_TESTIMONY, N_("Testimony of children, relatives, friends or neighbours")),
    (EvidenceKind.INJURY_ASSESSMENT, N_("Injury assessment")),
    (EvidenceKind.OTHER, N_("Other evidence")),
    (IncidentKind.PHYSICAL, N_("beating or other physical violence")),
    (IncidentKind.PSYCHOLOGICAL, N_("mental abuse")),
    (IncidentKind.SEXUAL, N_("sexual violence")),
    (IncidentKind.ECONOMIC, N_("economic control")),
    (IncidentKind.RESTRICTION_OF_LIBERTY, N_("restricting personal freedom")),
    (IncidentKind.THREAT, N_("threats")),
    (IncidentKind.INSULT, N_("insults or abuse")),
    (IncidentKind.STALKING, N_("stalking")),
    (IncidentKind.HARASSMENT, N_("harassment")),
    (IncidentKind.NEGLECT, N_("freezing, starving or neglect")),
]
# Keyed by (enum type, value): the StrEnums share values ("other"), so the value alone is ambiguous.
LABELS: dict[tuple[type, Enum], str] = {(type(k), k): v for k, v in _PAIRS}

# Gendered words for the relationship sentence, by the respondent's gender.
_GENDERED: dict[tuple[Relationship, Gender], str] = {
    (Relationship.SPOUSE, Gender.MALE): N_("husband"),
    (Relationship.SPOUSE, Gender.FEMALE): N_("wife"),
    (Relationship.FORMER_SPOUSE, Gender.MALE): N_("former husband"),
    (Relationship.FORMER_SPOUSE, Gender.FEMALE): N_("former wife"),
    (Relationship.PARENT, Gender.MALE): N_("father"),
    (Relationship.PARENT, Gender.FEMALE): N_("mother"),
    (Relationship.CHILD, Gender.MALE): N_("son"),
    (Relationship.CHILD, Gender.FEMALE): N_("daughter"),
    (Relationship.DATING_PARTNER, Gender.MALE): N_("boyfriend"),
    (Relationship.DATING_PARTNER, Gender.FEMALE): N_("girlfriend"),
    (Relationship.FORMER_DATING_PARTNER, Gender.MALE): N_("former boyfriend"),
    (Relationship.FORMER_DATING_PARTNER, Gender.FEMALE): N_("former girlfriend"),
}


def label_msgid(value: Enum) -> str:
    """The untranslated label (msgid) of an enum value; KeyError for a value without one."""
    return LABELS[(type(value), value)]


def label(value: Enum, lang: str | None = None) -> str:
    """The label of an enum value in ``lang`` ("zh" or "en"), or in the current language."""
    return translate(label_msgid(value), lang)


def relationship_label(
    relationship: Relationship, respondent_gender: Gender | None = None, lang: str | None = None
) -> str:
    """The word for "the respondent is the applicant's …", gendered when that is known (丈夫, 母亲)."""
    msgid = _GENDERED.get((relationship, respondent_gender)) if respondent_gender else None
    return translate(msgid or label_msgid(relationship), lang)
