"""The filing wizard's flow as a plain-Python state machine (after Electrum's ``wizard.py``): no Qt.

The Qt pages render :attr:`Wizard.current`, write what is typed straight into the
:class:`~forms.model.Application` (see :mod:`forms.fieldpath`), and call :meth:`Wizard.next`,
:meth:`Wizard.back` or :meth:`Wizard.go`. The wizard keeps no copy of any field value: the answers live
in the application, the wizard only knows where the user is and where she has been. Autosave is
``app.to_json_dict()`` plus :meth:`Wizard.state_dict`; :meth:`Wizard.restore` brings both back.

The steps and what each owns are in :mod:`forms.wizard_steps`. Rules:

- The steps shown depend on the answers: ``proxy`` only while ``filed_by.kind`` is ``proxy``. Switching
  from proxy to self hides the step but keeps what was typed in it (switching back shows it again);
  validation then warns on review that the proxy details will not be used, and :meth:`Wizard.clear_proxy`
  removes them. Answering "not in danger" clears the urgency reason instead, because nothing would warn
  about it and it would travel to the court unseen.
- "Next" is stopped only by errors on the few fields a step truly needs (``Step.needs``); warnings and
  other errors are shown and collected on the review page, where errors block filing, not moving.
- Going back is always allowed; jumping forward (:meth:`Wizard.go`) only across steps "Next" could pass.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from forms.enums import FiledByKind
from forms.evidence import EvidenceSource
from forms.model import Application, Proxy
from forms.problems import Problem, Severity, can_file
from forms.validation import validate
from forms.wizard_steps import FALLBACK_STEP, STEP_IDS, STEPS, Step, owner_of, step_by_id

__all__ = ["Wizard", "WizardError", "StepBlocked", "ReviewItem", "STATE_VERSION"]

STATE_VERSION = 1


class WizardError(Exception):
    """A move the flow does not allow (unknown or hidden step, past the ends)."""


class StepBlocked(WizardError):
    """"Next" (or a jump forward) was refused: ``problems`` are the errors to fix first."""

    def __init__(self, step: Step, problems: list[Problem]):
        super().__init__(f"step {step.id!r} needs: {', '.join(p.path for p in problems)}")
        self.step = step
        self.problems = problems


@dataclass(frozen=True)
class ReviewItem:
    """One problem on the review page, with the step (and, by ``problem.path``, the field) that fixes it."""

    problem: Problem
    step: Step


class Wizard:
    """Where the user is in the filing flow of one application.

    ``evidence``: where the evidence files are (the vault, or a folder); used only by the steps that
    check files (evidence, review). ``today``: the date validation judges by (tests).
    """

    def __init__(self, app: Application, evidence: EvidenceSource | None = None, *, today: dt.date | None = None):
        self.app = app
        self.evidence = evidence
        self.today = today
        self._current_id = STEPS[0].id
        self._visited: list[str] = [self._current_id]
        self._danger_answered = bool(app.urgent)

    # ---- which steps, and where we are ---------------------------------------------------------

    @property
    def steps(self) -> list[Step]:
        """The steps shown for the current answers, in order."""
        return [step for step in STEPS if step.applies(self.app)]

    @property
    def step_ids(self) -> list[str]:
        return [step.id for step in self.steps]

    @property
    def current(self) -> Step:
        """The step shown now. If an answer hid it (proxy → self), the nearest shown step before it."""
        active = set(self.step_ids)
        position = STEP_IDS.index(self._current_id)
        while STEP_IDS[position] not in active:
            position -= 1  # "who", the first step, is always shown
        self._current_id = STEP_IDS[position]
        return step_by_id(self._current_id)

    @property
    def index(self) -> int:
        """The current step's position among the steps shown (0-based), for "step 3 of 8"."""
        return self.step_ids.index(self.current.id)

    @property
    def visited(self) -> list[str]:
        """Ids of the steps entered so far, in the order first entered (hidden ones included)."""
        return list(self._visited)

    def is_first(self) -> bool:
        return self.index == 0

    def is_last(self) -> bool:
        return self.index == len(self.steps) - 1

    # ---- moving ------------------------------------------------------------------------------------

    def can_advance(self) -> bool:
        """Whether "Next" is allowed: not on the last step, and no error on what this step needs."""
        return not self.is_last() and not self.blockers()

    def can_go_back(self) -> bool:
        return not self.is_first()

    def next(self) -> Step:
        """Go to the next shown step; raises :class:`StepBlocked` with the errors that stop it."""
        if self.is_last():
            raise WizardError("already at the last step")
        blocking = self.blockers()
        if blocking:
            raise StepBlocked(self.current, blocking)
        return self._enter(self.steps[self.index + 1])

    def back(self) -> Step:
        """Go to the previous shown step; nothing ever stops going back."""
        if self.is_first():
            raise WizardError("already at the first step")
        return self._enter(self.steps[self.index - 1])

    def can_go(self, step_id: str) -> bool:
        try:
            self._check_go(step_id)
        except WizardError:
            return False
        return True

    def go(self, step_id: str) -> Step:
        """Jump to a step (the review page's links, a step list): back always, forward as "Next" would."""
        return self._enter(self._check_go(step_id))

    def _check_go(self, step_id: str) -> Step:
        if step_id not in STEP_IDS:
            raise WizardError(f"no step {step_id!r}")
        steps = self.steps
        ids = [step.id for step in steps]
        if step_id not in ids:
            raise WizardError(f"step {step_id!r} is not shown for these answers")
        target, here = ids.index(step_id), self.index
        for step in steps[here:target]:
            blocking = self.blockers(step.id)
            if blocking:
                raise StepBlocked(step, blocking)
        return steps[target]

    def _enter(self, step: Step) -> Step:
        self._current_id = step.id
        if step.id not in self._visited:
            self._visited.append(step.id)
        return step

    # ---- answers that change the flow ------------------------------------------------------------

    def set_filed_by(self, kind: FiledByKind | str) -> None:
        """Self or proxy. Choosing proxy creates the empty proxy record; choosing self keeps it (see above)."""
        kind = FiledByKind(kind)
        self.app.filed_by.kind = kind
        if kind is FiledByKind.PROXY and self.app.filed_by.proxy is None:
            self.app.filed_by.proxy = Proxy()

    def clear_proxy(self) -> None:
        """Remove the proxy's details (e.g. after switching to self-filing)."""
        self.app.filed_by.proxy = None

    def set_danger(self, in_danger: bool, reason: str | None = None) -> None:
        """The safety question. Yes: urgent (情况紧急, decided within 24 h), and the UI shows "call 110".

        ``reason`` (why it is urgent) is stored when given; answering no clears it.
        """
        self._danger_answered = True
        self.app.urgent = bool(in_danger)
        if not in_danger:
            self.app.urgency_reason = None
        elif reason is not None:
            self.app.urgency_reason = reason.strip() or None

    @property
    def danger_answered(self) -> bool:
        """Whether the safety question was answered (the model's ``urgent`` alone cannot tell "no" from unasked)."""
        return self._danger_answered

    @property
    def show_call_110(self) -> bool:
        """Show "call 110" prominently: she said she is in danger now (or the draft is marked urgent)."""
        return bool(self.app.urgent)

    # ---- problems ----------------------------------------------------------------------------------

    def problems(self, *, with_files: bool = True) -> list[Problem]:
        """Every problem in the application; ``with_files=False`` skips reading evidence files."""
        return validate(self.app, self.evidence if with_files else None, today=self.today)

    def step_for_path(self, path: str) -> Step:
        """The shown step where the field at ``path`` is filled in (``""`` and unknown paths: review).

        A field of a hidden step goes to the step whose answer hides it (proxy details → ``who``).
        """
        step = owner_of(path)
        while not step.applies(self.app):
            step = step_by_id(step.decided_by or FALLBACK_STEP)
        return step

    def problems_for(self, step_id: str | None = None) -> list[Problem]:
        """The problems shown on one step (the current one by default), errors and warnings alike.

        The review step gets its own fields' problems here; :meth:`review_items` lists them all.
        """
        step = step_by_id(step_id) if step_id else self.current
        found = self.problems(with_files=step.checks_files)
        return [p for p in found if self.step_for_path(p.path).id == step.id]

    def blockers(self, step_id: str | None = None) -> list[Problem]:
        """The errors that stop "Next" on a step (the current one by default)."""
        step = step_by_id(step_id) if step_id else self.current
        if not step.needs:
            return []
        return [p for p in self.problems(with_files=False) if p.severity is Severity.ERROR and step.blocks(p.path)]

    def review_items(self) -> list[ReviewItem]:
        """Every problem, each with the step that fixes it, in the order of the steps (errors first within one)."""
        order = {step_id: i for i, step_id in enumerate(self.step_ids)}
        items = [ReviewItem(p, self.step_for_path(p.path)) for p in self.problems()]
        return sorted(items, key=lambda item: (order[item.step.id], item.problem.severity is not Severity.ERROR))

    def can_file(self) -> bool:
        """Nothing blocks filing: no error anywhere (evidence files checked when a source is given)."""
        return can_file(self.problems())

    # ---- saving and restoring ----------------------------------------------------------------------

    def state_dict(self) -> dict[str, Any]:
        """Where the user is, as plain JSON data; no field values (those are in the application)."""
        return {
            "version": STATE_VERSION,
            "current": self.current.id,
            "visited": list(self._visited),
            "danger_answered": self._danger_answered,
        }

    @classmethod
    def restore(
        cls, app: Application, state: Any, evidence: EvidenceSource | None = None, *, today: dt.date | None = None
    ) -> Wizard:
        """A wizard for a reopened draft, at the step it was left on.

        Never raises on a bad or old state: a draft must always open. Unknown step ids are dropped; a
        missing or unknown current step starts at the first; a step hidden by the answers gives the one before.
        """
        wizard = cls(app, evidence, today=today)
        if not isinstance(state, dict):
            return wizard
        visited = state.get("visited")
        if isinstance(visited, list):
            kept = [v for v in visited if isinstance(v, str) and v in STEP_IDS]
            wizard._visited = list(dict.fromkeys([STEPS[0].id, *kept]))
        current = state.get("current")
        if isinstance(current, str) and current in STEP_IDS:
            wizard._current_id = current
            if current not in wizard._visited:
                wizard._visited.append(current)
            wizard._current_id = wizard.current.id
        if isinstance(state.get("danger_answered"), bool):
            wizard._danger_answered = state["danger_answered"] or bool(app.urgent)
        return wizard
