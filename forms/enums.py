"""The closed vocabularies of the interchange format (``application.schema.json``), one ``StrEnum`` each.

Member values are exactly the schema's strings; member names are their upper-case spelling. Human
labels in Chinese and English live in :mod:`forms.labels`.
"""
from __future__ import annotations

from enum import StrEnum


class FiledByKind(StrEnum):
    """Who files: the victim herself, or someone on her behalf (代为申请, Art. 23)."""

    SELF = "self"
    PROXY = "proxy"


class Gender(StrEnum):
    """性别, after GB/T 2261.1."""

    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


class IdType(StrEnum):
    """The kind of identity document whose number is given."""

    RESIDENT_ID = "resident_id"
    PASSPORT = "passport"
    OTHER = "other"


class JurisdictionBasis(StrEnum):
    """Why this court (管辖, Art. 25)."""

    APPLICANT_RESIDENCE = "applicant_residence"
    RESPONDENT_RESIDENCE = "respondent_residence"
    VIOLENCE_LOCATION = "violence_location"


class Relationship(StrEnum):
    """The respondent's relationship to the applicant: "the respondent is the applicant's …"."""

    SPOUSE = "spouse"
    FORMER_SPOUSE = "former_spouse"
    PARENT = "parent"
    CHILD = "child"
    SIBLING = "sibling"
    GRANDPARENT = "grandparent"
    GRANDCHILD = "grandchild"
    IN_LAW = "in_law"
    COHABITANT = "cohabitant"
    GUARDIAN_OR_WARD = "guardian_or_ward"
    DATING_PARTNER = "dating_partner"
    FORMER_DATING_PARTNER = "former_dating_partner"
    OTHER = "other"


class Measure(StrEnum):
    """The protection asked for (Art. 29 and SPC 2022 Art. 10)."""

    PROHIBIT_VIOLENCE = "prohibit_violence"
    PROHIBIT_HARASSMENT = "prohibit_harassment"
    PROHIBIT_STALKING = "prohibit_stalking"
    PROHIBIT_CONTACT = "prohibit_contact"
    PROHIBIT_REMOTE_CONTACT = "prohibit_remote_contact"
    KEEP_AWAY_FROM_PLACES = "keep_away_from_places"
    ORDER_MOVE_OUT = "order_move_out"
    OTHER = "other"


class ProxyKind(StrEnum):
    """Who may file on the victim's behalf (Art. 23, SPC 2022 Art. 2)."""

    CLOSE_RELATIVE = "close_relative"
    POLICE = "police"
    WOMENS_FEDERATION = "womens_federation"
    RESIDENTS_COMMITTEE = "residents_committee"
    VILLAGERS_COMMITTEE = "villagers_committee"
    RESCUE_AGENCY = "rescue_agency"
    CIVIL_AFFAIRS = "civil_affairs"
    DISABLED_PERSONS_FEDERATION = "disabled_persons_federation"
    ELDERLY_ORGANIZATION = "elderly_organization"


class ProxyGround(StrEnum):
    """Why the victim cannot apply herself (Art. 23, SPC 2022 Art. 2)."""

    NO_CAPACITY = "no_capacity"
    LIMITED_CAPACITY = "limited_capacity"
    COERCION = "coercion"
    INTIMIDATION = "intimidation"
    OLD_AGE = "old_age"
    DISABILITY = "disability"
    SERIOUS_ILLNESS = "serious_illness"


class EvidenceKind(StrEnum):
    """The kinds of evidence of SPC 2022 Art. 6 (1)–(11), in the law's order."""

    STATEMENT = "statement"
    POLICE_WARNING_OR_PENALTY = "police_warning_or_penalty"
    POLICE_RECORD = "police_record"
    RESPONDENT_PLEDGE = "respondent_pledge"
    AUDIO_VIDEO = "audio_video"
    COMMUNICATIONS = "communications"
    MEDICAL_RECORD = "medical_record"
    HELP_REQUEST_RECORD = "help_request_record"
    WITNESS_TESTIMONY = "witness_testimony"
    INJURY_ASSESSMENT = "injury_assessment"
    OTHER = "other"


class IncidentKind(StrEnum):
    """Kinds of violence in one incident (Art. 2, SPC 2022 Art. 3)."""

    PHYSICAL = "physical"
    PSYCHOLOGICAL = "psychological"
    SEXUAL = "sexual"
    ECONOMIC = "economic"
    RESTRICTION_OF_LIBERTY = "restriction_of_liberty"
    THREAT = "threat"
    INSULT = "insult"
    STALKING = "stalking"
    HARASSMENT = "harassment"
    NEGLECT = "neglect"


ALL_ENUMS = (
    FiledByKind, Gender, IdType, JurisdictionBasis, Relationship, Measure,
    ProxyKind, ProxyGround, EvidenceKind, IncidentKind,
)
