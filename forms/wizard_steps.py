"""The steps of the filing wizard: what each one asks, in plain words, and which fields it owns.

One :class:`Step` per page, in order. Each owns field paths by prefix (``"applicant"`` owns
``applicant.name`` and ``applicant.id_number``); when two prefixes match a path the longer wins, so
``filed_by.proxy.name`` belongs to ``proxy`` while ``filed_by.proxy.kind`` and ``filed_by.proxy`` itself
belong to ``who``. A path no step owns (``""``, the whole document) belongs to ``review``.

``needs`` are the few paths whose *errors* stop "Next" on that step: only what the later steps cannot do
without (who files, whose protection, against whom, what is asked, which court). Everything else —
warnings, and errors on the other fields — is shown on the step and listed again on the review page,
where an error blocks filing but never moving about. A frightened person must never be stuck on a page
because she does not remember an ID number. The patterns are matched with :mod:`fnmatch`
(``requests.*.measure``), exactly, not as prefixes.

Every text is an English msgid marked ``N_()``, translated in ``forms.po``: a plain title that a victim
who does not read well can follow, the legal term to show beside it (:func:`with_term`), a one-line
summary, and a longer "what does this mean".
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase

from forms.enums import FiledByKind
from forms.i18n import N_, current_language, translate
from forms.model import Application

__all__ = [
    "Step", "STEPS", "STEP_IDS", "FALLBACK_STEP", "step_by_id", "owner_of", "owns", "with_term",
    "EMERGENCY_NUMBER", "DANGER_QUESTION", "DANGER_YES", "DANGER_NO", "CALL_110", "CALL_110_DETAIL",
    "URGENCY_REASON_PROMPT", "URGENT_MEANS",
]


def _always(app: Application) -> bool:
    return True


def _proxy_files(app: Application) -> bool:
    return app.filed_by.kind is FiledByKind.PROXY


@dataclass(frozen=True)
class Step:
    id: str
    title: str  # plain words (msgid)
    term: str  # the legal term shown beside the title (msgid; translates to the Chinese term)
    summary: str  # one line under the title (msgid)
    help: str  # "what does this mean", shown on demand (msgid)
    owns: tuple[str, ...]  # field path prefixes
    needs: tuple[str, ...] = ()  # fnmatch patterns: errors here block "Next"
    when: Callable[[Application], bool] = _always  # the step is shown only when this holds
    decided_by: str | None = None  # the step whose answer shows or hides this one
    checks_files: bool = False  # its problems need the evidence files (hashing can be slow)

    def applies(self, app: Application) -> bool:
        return self.when(app)

    def heading(self, lang: str | None = None) -> str:
        """The title with its legal term: "伤害你的人（被申请人）" / "The person who hurt you (respondent, 被申请人)"."""
        return with_term(self.title, self.term, lang)

    def blocks(self, path: str) -> bool:
        """Whether an error at ``path`` stops "Next" on this step."""
        return any(fnmatchcase(path, pattern) for pattern in self.needs)


def with_term(plain: str, term: str, lang: str | None = None) -> str:
    """Plain words with the legal term beside them; in English the Chinese term is added too (domain.md)."""
    lang = lang or current_language()
    shown = translate(term, lang)
    if lang == "en":
        chinese = translate(term, "zh")
        if chinese != shown:
            shown = f"{shown}, {chinese}"
    return translate(N_("{plain} ({term})"), lang).format(plain=translate(plain, lang), term=shown)


STEPS: tuple[Step, ...] = (
    Step(
        id="who",
        title=N_("Who is asking, and are you safe now?"),
        term=N_("self or proxy filing"),
        summary=N_("Tell us who is asking the court for help. If you are in danger right now, call 110 first."),
        help=N_("You can ask the court yourself. If you cannot do it yourself — because of illness, old age, "
                "disability, or because someone forces or frightens you — a relative or an organisation such "
                "as the women's federation can ask for you. This is called applying on your behalf (代为申请). "
                "If you are in danger right now, the court can decide within 24 hours instead of 72."),
        owns=("filed_by", "urgent", "urgency_reason"),
        needs=("filed_by.kind", "filed_by.proxy", "filed_by.proxy.kind", "filed_by.proxy.ground"),
    ),
    Step(
        id="victim",
        title=N_("About you"),
        term=N_("applicant"),
        summary=N_("Your name and how to reach you. Only your name is needed now; fill in the rest if you can."),
        help=N_("The person who is being hurt is the applicant (申请人), also when someone else asks the court "
                "for them. The court needs their name. The ID number, birth date and address help the court "
                "and the police find the right person. If you have left home and do not want the other person "
                "to know where you live now, tick \"keep my address secret\": the address is then printed "
                "on a separate page that only the court sees."),
        owns=("applicant",),
        needs=("applicant.name",),
    ),
    Step(
        id="proxy",
        title=N_("Who is asking for you"),
        term=N_("proxy"),
        summary=N_("The relative or organisation that asks the court for you, and what you yourself want."),
        help=N_("When someone asks the court for you (代为申请), the court needs to know who they are and how to "
                "reach them. For an organisation, give the name of the person handling it (经办人). They must act "
                "as you wish, so write down in your own words what you want to happen."),
        owns=("filed_by.proxy.name", "filed_by.proxy.handler", "filed_by.proxy.phone", "filed_by.proxy.address",
              "filed_by.proxy.victim_wishes"),
        needs=("filed_by.proxy.name",),
        when=_proxy_files,
        decided_by="who",
    ),
    Step(
        id="respondent",
        title=N_("The person who hurt you"),
        term=N_("respondent"),
        summary=N_("Their name, and who they are to you. Fill in anything else you know."),
        help=N_("The order is made against one definite person, the respondent (被申请人). The court needs at "
                "least their name and how they are related to you, for example husband, son, or former boyfriend. "
                "The law also protects people who live with you but are not family, and people you dated. "
                "Anything else you know, such as where they live or their phone number, helps the police find them."),
        owns=("respondent",),
        needs=("respondent.name", "respondent.relationship"),
    ),
    Step(
        id="incidents",
        title=N_("What happened"),
        term=N_("facts and reasons"),
        summary=N_("Tell what they did, when and where, as well as you remember. The year alone is enough."),
        help=N_("The court needs to see that you were hurt or are in real danger of being hurt. For each time it "
                "happened, say roughly when, where, what they did, whether you were injured and whether the police "
                "came. Then say in a few sentences why you need protection now. Hitting, threats, insults, "
                "following you, locking you in, and leaving you cold or hungry all count as domestic violence."),
        owns=("incidents", "facts"),
    ),
    Step(
        id="protection",
        title=N_("The protection you ask for"),
        term=N_("requests"),
        summary=N_("Choose what the court should order. You can choose more than one."),
        help=N_("A protection order can forbid the other person to hurt you, to bother or follow you, to contact "
                "you, or to come near your home, school or work, and can order them to move out of your home. "
                "It can also protect your close relatives, such as your children. The law does not set a "
                "distance; you can ask for one, for example 200 metres."),
        owns=("requests", "protected_relatives"),
        needs=("requests", "requests.*.measure"),
    ),
    Step(
        id="evidence",
        title=N_("Proof of what happened"),
        term=N_("evidence"),
        summary=N_("Add any papers, photos or messages you have. It is fine to have none."),
        help=N_("The court decides whether it is quite likely that the violence happened. Your own account "
                "counts. Other things help: a police receipt or warning letter, hospital records, photos of "
                "injuries, threatening messages, a letter where the other person promised to stop, or what "
                "neighbours saw. Say where each came from and what it shows. Bring paper originals to the court."),
        owns=("evidence",),
        checks_files=True,
    ),
    Step(
        id="court",
        title=N_("Which court"),
        term=N_("court and jurisdiction"),
        summary=N_("Choose the court near where you live, where they live, or where it happened."),
        help=N_("You can apply to the basic-level people's court (基层人民法院) of the place where you live, "
                "where the other person lives, or where the violence happened. Choose the one that is easiest "
                "and safest for you. Applying costs nothing and needs no guarantee."),
        owns=("court", "jurisdiction_basis"),
        needs=("court.name",),
    ),
    Step(
        id="review",
        title=N_("Check and sign"),
        term=N_("review and signature"),
        summary=N_("Look over everything. Anything still missing is listed here; tap it to fix it."),
        help=N_("Read the application through with the volunteer. Some items must be fixed before the court can "
                "take it; the others are only advice. Then sign on the screen, or print and sign on paper. A person "
                "asking for you signs and stamps it for their organisation."),
        owns=("signature", "id", "created_at", "format"),
        checks_files=True,
    ),
)

STEP_IDS: tuple[str, ...] = tuple(step.id for step in STEPS)
_BY_ID = {step.id: step for step in STEPS}
FALLBACK_STEP = "review"  # owns every path no other step claims ("" = the whole document)


def step_by_id(step_id: str) -> Step:
    """The step with this id; ``KeyError`` for an unknown one."""
    return _BY_ID[step_id]


def owns(prefix: str, path: str) -> bool:
    return path == prefix or path.startswith(prefix + ".")


def owner_of(path: str) -> Step:
    """The step that owns ``path`` among all steps (shown or not): the longest matching prefix wins."""
    best, best_len = _BY_ID[FALLBACK_STEP], -1
    for step in STEPS:
        for prefix in step.owns:
            if len(prefix) > best_len and owns(prefix, path):
                best, best_len = step, len(prefix)
    return best


# ---- the safety screen on the first step --------------------------------------------------------

EMERGENCY_NUMBER = "110"
DANGER_QUESTION = N_("Are you in danger right now?")
DANGER_YES = N_("Yes, I am in danger now")
DANGER_NO = N_("No, not right now")
CALL_110 = N_("Call 110 now")
CALL_110_DETAIL = N_("If you are in danger, call the police on 110 first. You can finish this form later; "
                     "nothing you typed will be lost.")
URGENCY_REASON_PROMPT = N_("Why is it urgent? For example: they said they will come back tonight and hurt you.")
URGENT_MEANS = N_("Marked urgent (情况紧急): the court decides within 24 hours after it accepts the case, "
                  "instead of 72 hours.")
