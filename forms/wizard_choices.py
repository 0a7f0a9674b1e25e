"""The choices the wizard's pages offer, in plain words with the legal term beside them.

Each :class:`Choice` has the value written into the application, the plain words a victim who does not
read well can follow ("They must not hit or hurt you"), and the legal term from :mod:`forms.labels`
("禁止实施家庭暴力"), shown together by :meth:`Choice.text`. Where the label in :mod:`forms.labels` is
already plain, it is used as is and no term is repeated. The order is the law's (the enums' order).

The English "they" and the Chinese 对方 stand for the respondent whatever their gender; "you" is the
person being protected, who sits beside the volunteer.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from forms.enums import (
    EvidenceKind, FiledByKind, Gender, IdType, IncidentKind, JurisdictionBasis, Measure, ProxyGround,
    ProxyKind, Relationship,
)
from forms.i18n import N_, translate
from forms.labels import label_msgid
from forms.wizard_steps import with_term

__all__ = [
    "Choice", "choices", "term_of", "FILED_BY", "MEASURES", "EVIDENCE_KINDS", "RELATIONSHIPS", "PROXY_KINDS",
    "PROXY_GROUNDS", "INCIDENT_KINDS", "JURISDICTION_BASES", "GENDERS", "ID_TYPES", "ORIGINAL_OR_COPY",
]


@dataclass(frozen=True)
class Choice:
    value: Any  # what is written into the application (an enum member, or True/False)
    plain: str  # msgid: the plain words
    term: str | None = None  # msgid: the legal term, when the plain words differ from it

    def text(self, lang: str | None = None) -> str:
        """"不准对方打你、伤害你（禁止实施家庭暴力）" / "They must not hit or hurt you (Prohibit …, 禁止…)"."""
        return with_term(self.plain, self.term, lang) if self.term else translate(self.plain, lang)


def _label(member: Enum) -> str:
    return label_msgid(member)


def _from_enum(enum: type[Enum], plain: dict[Any, str]) -> tuple[Choice, ...]:
    """One choice per member, in the enum's order; a member without plain words shows its label."""
    result = []
    for member in enum:
        term = _label(member)
        words = plain.get(member)
        result.append(Choice(member, words, term) if words and words != term else Choice(member, term))
    return tuple(result)


FILED_BY = _from_enum(FiledByKind, {
    FiledByKind.SELF: N_("I am asking for myself"),
    FiledByKind.PROXY: N_("Someone is asking for the person being hurt"),
})

# Art. 29 and SPC 2022 Art. 10.
MEASURES = _from_enum(Measure, {
    Measure.PROHIBIT_VIOLENCE: N_("They must not hit or hurt you"),
    Measure.PROHIBIT_HARASSMENT: N_("They must not bother or harass you"),
    Measure.PROHIBIT_STALKING: N_("They must not follow you or watch where you go"),
    Measure.PROHIBIT_CONTACT: N_("They must not come near you or meet you"),
    Measure.PROHIBIT_REMOTE_CONTACT: N_("They must not insult, threaten or contact you by phone, text or WeChat"),
    Measure.KEEP_AWAY_FROM_PLACES: N_("They must stay away from your home, school or work"),
    Measure.ORDER_MOVE_OUT: N_("They must move out of your home"),
    Measure.OTHER: N_("Something else you want the court to order"),
})

# SPC 2022 Art. 6 (1)–(11).
EVIDENCE_KINDS = _from_enum(EvidenceKind, {
    EvidenceKind.STATEMENT: N_("What you tell the court yourself"),
    EvidenceKind.POLICE_WARNING_OR_PENALTY: N_("A warning letter or fine from the police to them"),
    EvidenceKind.POLICE_RECORD: N_("Papers from calling the police (receipt, record)"),
    EvidenceKind.RESPONDENT_PLEDGE: N_("A note where they said sorry or promised to stop"),
    EvidenceKind.WITNESS_TESTIMONY: N_("What children, relatives, friends or neighbours saw or heard"),
    EvidenceKind.INJURY_ASSESSMENT: N_("A report on how badly you were hurt"),
    EvidenceKind.OTHER: N_("Anything else that shows what happened"),
})

# "They are your …" (the respondent's relationship to the applicant).
RELATIONSHIPS = _from_enum(Relationship, {
    Relationship.SPOUSE: N_("Husband or wife"),
    Relationship.FORMER_SPOUSE: N_("Former husband or wife"),
    Relationship.GRANDPARENT: N_("Grandfather or grandmother"),
    Relationship.IN_LAW: N_("Mother-in-law, father-in-law or another in-law"),
    Relationship.GUARDIAN_OR_WARD: N_("Your guardian, or someone who looks after you or whom you look after"),
    Relationship.DATING_PARTNER: N_("Boyfriend or girlfriend"),
    Relationship.FORMER_DATING_PARTNER: N_("Former boyfriend or girlfriend"),
    Relationship.OTHER: N_("Someone else"),
})

# Art. 23, SPC 2022 Art. 2.
PROXY_KINDS = _from_enum(ProxyKind, {
    ProxyKind.CLOSE_RELATIVE: N_("A close family member: parent, grown-up child, brother or sister"),
})

PROXY_GROUNDS = _from_enum(ProxyGround, {
    ProxyGround.NO_CAPACITY: N_("Cannot understand or decide things on their own (e.g. a young child)"),
    ProxyGround.LIMITED_CAPACITY: N_("Can decide only some things on their own"),
    ProxyGround.COERCION: N_("Is being forced or held back by someone"),
    ProxyGround.INTIMIDATION: N_("Is too frightened: someone threatens them"),
    ProxyGround.OLD_AGE: N_("Is too old to come"),
    ProxyGround.DISABILITY: N_("Has a disability and cannot come"),
    ProxyGround.SERIOUS_ILLNESS: N_("Is seriously ill"),
})

# Art. 2, SPC 2022 Art. 3.
INCIDENT_KINDS = _from_enum(IncidentKind, {
    IncidentKind.PHYSICAL: N_("Hitting, kicking, pushing or tying up"),
    IncidentKind.PSYCHOLOGICAL: N_("Frightening or belittling you again and again"),
    IncidentKind.ECONOMIC: N_("Taking your money or giving you none"),
    IncidentKind.RESTRICTION_OF_LIBERTY: N_("Locking you in or not letting you go out"),
    IncidentKind.INSULT: N_("Insulting or cursing you"),
    IncidentKind.NEGLECT: N_("Leaving you cold or hungry, not caring for you"),
})

# Art. 25.
JURISDICTION_BASES = _from_enum(JurisdictionBasis, {
    JurisdictionBasis.APPLICANT_RESIDENCE: N_("Where you live"),
    JurisdictionBasis.RESPONDENT_RESIDENCE: N_("Where they live"),
    JurisdictionBasis.VIOLENCE_LOCATION: N_("Where it happened"),
})

GENDERS = _from_enum(Gender, {})
ID_TYPES = _from_enum(IdType, {})

# Evidence.original: 原件 (True) or 复印件 (False).
ORIGINAL_OR_COPY = (
    Choice(True, N_("The original one"), N_("original")),
    Choice(False, N_("A copy or a photo of it"), N_("copy")),
)

_BY_ENUM: dict[type[Enum], tuple[Choice, ...]] = {
    FiledByKind: FILED_BY, Measure: MEASURES, EvidenceKind: EVIDENCE_KINDS, Relationship: RELATIONSHIPS,
    ProxyKind: PROXY_KINDS, ProxyGround: PROXY_GROUNDS, IncidentKind: INCIDENT_KINDS,
    JurisdictionBasis: JURISDICTION_BASES, Gender: GENDERS, IdType: ID_TYPES,
}


def term_of(member: Enum) -> str:
    """The legal term (label msgid) of an enum member, right also for the "other" members."""
    return _label(member)


def choices(enum: type[Enum]) -> tuple[Choice, ...]:
    """The choices for one of the model's enums, in order; ``KeyError`` for another type."""
    return _BY_ENUM[enum]
