"""The application, 人身安全保护令申请书, as a typed model of ``application.schema.json`` (format version 1).

Lenient on presence, strict on types. Every field the schema requires may be missing here, so that a
half-filled draft (the UI autosaves partial work) loads and saves; :func:`forms.validation.validate`
reports what is missing. A value of the wrong JSON type (a number for a name, ``"yes"`` for a boolean, an
unknown enum string) is refused on load. Fields this model does not know are kept (``extra="allow"``)
and written back unchanged, because the schema lets implementations add fields.

Loading normalises (see :mod:`forms.normalize`): names, ID numbers, phones, ethnicity, SHA-256 digests.
Dumping (:meth:`Application.to_json_dict`) writes a field when it was given or differs from its default,
and never writes ``None``; so load → dump → load is equal, and ``{"urgent": false}`` stays as it was.
"""
from __future__ import annotations

import json
import uuid
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, StrictStr,
    ValidationError, model_serializer,
)

from forms.enums import (
    EvidenceKind, FiledByKind, Gender, IdType, IncidentKind, JurisdictionBasis, Measure, ProxyGround,
    ProxyKind, Relationship,
)
from forms.ethnicity import normalize_ethnicity
from forms.i18n import N_
from forms.normalize import normalize_id_number, normalize_name, normalize_phone, normalize_sha256
from forms.problems import Problem, Severity

__all__ = [
    "FORMAT", "Application", "Court", "Person", "Respondent", "FiledBy", "Proxy", "ProtectedRelative",
    "Request", "Incident", "Evidence", "EvidenceFile", "Signature", "load_document",
    "EvidenceKind", "FiledByKind", "Gender", "IdType", "IncidentKind", "JurisdictionBasis", "Measure",
    "ProxyGround", "ProxyKind", "Relationship",
]

FORMAT = "onestop.application/1"


def _integral(value: Any) -> Any:
    """JSON Schema's "integer" includes 200.0; accept it as 200."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Text = StrictStr | None
Name = Annotated[StrictStr, AfterValidator(normalize_name)] | None
IdNumber = Annotated[StrictStr, AfterValidator(normalize_id_number)] | None
Phone = Annotated[StrictStr, AfterValidator(normalize_phone)] | None
Ethnicity = Annotated[StrictStr, AfterValidator(normalize_ethnicity)] | None
Sha256 = Annotated[StrictStr, AfterValidator(normalize_sha256)] | None
Integer = Annotated[StrictInt, BeforeValidator(_integral)] | None


class Record(BaseModel):
    """Base of every object in the document: extra fields kept, assignments checked and normalised."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)

    @model_serializer(mode="wrap")
    def _drop_absent(self, handler: Any) -> dict[str, Any]:
        data = handler(self)
        fields_set = self.model_fields_set
        for name, info in type(self).model_fields.items():
            if name not in data:
                continue
            value = getattr(self, name)
            if value is None or (
                name not in fields_set and value == info.get_default(call_default_factory=True)
            ):
                del data[name]
        return data


class Court(Record):
    """The court applied to, 受理法院 (a basic-level people's court, Art. 25)."""

    name: Text = None
    code: Text = None


class Person(Record):
    """A party: the applicant (申请人, the victim, also when a proxy files) or, via Respondent, 被申请人."""

    name: Name = None
    gender: Gender | None = None
    birth_date: Text = None  # YYYY-MM-DD; kept as text so a malformed draft still loads
    ethnicity: Ethnicity = None
    id_type: IdType = IdType.RESIDENT_ID
    id_number: IdNumber = None
    occupation: Text = None
    workplace: Text = None
    registered_address: Text = None  # 户籍地
    current_address: Text = None  # 现住址
    address_confidential: StrictBool = False  # print current_address only on the court-only sheet
    phone: Phone = None


class Respondent(Person):
    """The respondent, 被申请人: the person the order is against (Art. 27(1): a definite respondent)."""

    relationship: Relationship | None = None
    relationship_detail: Text = None


class Proxy(Record):
    """The one who files on the victim's behalf, 代为申请人 (Art. 23, SPC 2022 Art. 2)."""

    kind: ProxyKind | None = None
    name: Name = None  # organisation name, or the relative's name
    handler: Name = None  # 经办人
    phone: Phone = None
    address: Text = None
    ground: ProxyGround | None = None
    victim_wishes: Text = None  # 当事人意愿, as she expressed them


class FiledBy(Record):
    """Who files: the victim herself, or a proxy (代为申请)."""

    kind: FiledByKind | None = None
    proxy: Proxy | None = None
    assisted_by: Text = None  # the volunteer or clerk who helped fill the form


class ProtectedRelative(Record):
    """A close relative the measures also protect, 申请人的相关近亲属 (Art. 29(2))."""

    name: Name = None
    relation_to_applicant: Text = None  # e.g. 女儿
    birth_date: Text = None
    id_number: IdNumber = None


class Request(Record):
    """One request, 请求事项: a concrete measure (Art. 29; Art. 27(2): a specific request)."""

    measure: Measure | None = None
    protects_relatives: StrictBool = False
    places: list[StrictStr] = Field(default_factory=list)
    distance_m: Integer = None
    details: Text = None


class Incident(Record):
    """One event behind the facts: when, where, what kind of violence, injuries, police."""

    date: Text = None  # YYYY, YYYY-MM or YYYY-MM-DD
    place: Text = None
    kinds: list[IncidentKind] = Field(default_factory=list)
    description: Text = None
    injuries: Text = None
    police_called: StrictBool | None = None
    police_reference: Text = None  # 报警回执 / 告诫书 number


class EvidenceFile(Record):
    """One file of an evidence item; ``path`` is relative to the application JSON's folder."""

    path: Text = None
    sha256: Sha256 = None
    media_type: Text = None


class Evidence(Record):
    """One line of the evidence list, 证据清单 (kinds after SPC 2022 Art. 6)."""

    kind: EvidenceKind | None = None
    title: Text = None  # 证据名称
    source: Text = None  # 证据来源
    proves: Text = None  # 证明对象 / 证明目的
    original: StrictBool = False  # 原件 (True) or 复印件 (False)
    files: list[EvidenceFile] = Field(default_factory=list)


class Signature(Record):
    """Signature, 签名: when and where; ``image`` is the path of an on-screen signature PNG."""

    signed_at: Text = None
    place: Text = None
    image: Text = None


class Application(Record):
    """The whole application, 人身安全保护令申请: one document of format ``onestop.application/1``."""

    format: Literal["onestop.application/1"] = FORMAT
    id: StrictStr = Field(default_factory=lambda: str(uuid.uuid4()))
    created_at: Text = None
    court: Court = Field(default_factory=Court)
    jurisdiction_basis: JurisdictionBasis | None = None
    urgent: StrictBool = False  # 情况紧急: decide within 24 h of acceptance instead of 72 h
    urgency_reason: Text = None
    applicant: Person = Field(default_factory=Person)
    filed_by: FiledBy = Field(default_factory=FiledBy)
    respondent: Respondent = Field(default_factory=Respondent)
    protected_relatives: list[ProtectedRelative] = Field(default_factory=list)
    requests: list[Request] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)
    facts: Text = None  # 事实和理由
    evidence: list[Evidence] = Field(default_factory=list)
    signature: Signature | None = None

    def model_post_init(self, context: Any, /) -> None:
        # The format and the id are always written, also for a new, empty draft.
        self.__pydantic_fields_set__.update(("format", "id"))

    @classmethod
    def from_json_dict(cls, data: Any) -> Application:
        """Read a parsed JSON document; raises ``pydantic.ValidationError`` on wrong types or values."""
        return cls.model_validate(data)

    def to_json_dict(self) -> dict[str, Any]:
        """The document as JSON-ready data (``json.dumps(..., ensure_ascii=False)`` it as is)."""
        return self.model_dump(mode="json")

    @property
    def is_proxy_filing(self) -> bool:
        return self.filed_by.kind is FiledByKind.PROXY


# ---- loading with problems instead of exceptions (what the command line uses) ----------------------

_TYPE_MESSAGES = {
    "string_type": N_("Must be text"),
    "bool_type": N_("Must be true or false"),
    "int_type": N_("Must be a whole number"),
    "int_from_float": N_("Must be a whole number"),
    "list_type": N_("Must be a list"),
    "model_type": N_("Must be an object with named fields"),
    "model_attributes_type": N_("Must be an object with named fields"),
    "dict_type": N_("Must be an object with named fields"),
    "enum": N_("{value} is not one of the allowed values: {expected}"),
    "literal_error": N_("Unsupported format {value}; expected {expected}"),
    "missing": N_("Required"),
}
_FALLBACK = N_("Invalid value {value}")


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _choices(expected: str) -> str:
    """pydantic says "'a', 'b' or 'c'"; drop the English "or" so the list reads in any language."""
    return expected.replace("' or '", "', '")


def _problem_from_error(error: Any) -> Problem:
    kind = error.get("type", "")
    path = ".".join(str(part) for part in error.get("loc", ()))
    params = {"value": _short(error.get("input")), "expected": _choices((error.get("ctx") or {}).get("expected", ""))}
    return Problem(path, Severity.ERROR, _TYPE_MESSAGES.get(kind, _FALLBACK), params)


def load_document(data: object) -> tuple[Application | None, list[Problem]]:
    """Read a parsed JSON document without raising: ``(application, [])`` or ``(None, problems)``.

    Problems here are about types only (paths like ``requests.0.measure``); run
    :func:`forms.validation.validate` on the application for the content rules.
    """
    if not isinstance(data, dict):
        return None, [Problem("", Severity.ERROR, N_("The application must be a JSON object"))]
    try:
        return Application.from_json_dict(data), []
    except ValidationError as exc:
        return None, [_problem_from_error(err) for err in exc.errors(include_url=False)]
    except (TypeError, ValueError) as exc:  # a non-JSON Python object slipped in
        return None, [Problem("", Severity.ERROR, _FALLBACK, {"value": _short(str(exc))})]
