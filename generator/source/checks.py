"""The gate checks, each defined once: its id, its words, who may see it, how it is computed
and where `playbook advance` points in the file when it fails.

The schema (model.GateCheck), `advance` (commands/gate.py), the audience filter, the
scorecard and the pages all read this registry; none of them restates a check. A new check
is one `Check` below, its id in `model.GateCheck`, and its words in the catalogs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import get_args

from generator.source import rules, signatures
from generator.source.markers import N_, NC_
from generator.source.model import GateCheck, Initiative, Visibility
from generator.source.pulse import PulseSummary, StageTally
from generator.source.yamlfile import Key

__all__ = [
    "CHECKS",
    "Check",
    "CheckResult",
    "Problem",
    "gate",
    "gate_check",
    "gate_seen",
    "names_who_answered",
]

# Where in the initiative file a failure is, and what `advance` says there.
Problem = tuple[Key, str]


@dataclass(frozen=True)
class Check:
    id: GateCheck
    label: tuple[str, str]  # its name in tables (a gettext context and message)
    claim: str  # what passing means, as a sentence on the pages
    level: Visibility  # who sees the check, its result and the people who fail it
    failing: Callable[[Initiative, str, dt.date], list[str]]  # (ini, stage id, on) -> people
    problems: Callable[[Initiative, str, dt.date], list[Problem]]
    # From which level the people who fail are named; below it a page says only
    # passing or failing (who answered a survey is as private as what they answered).
    names_from: Visibility | None = None
    # Below `names_from` the records the check reads are gone from the audience's model: its
    # result comes from the anonymous tally of the stage (source/pulse.py), None when too few
    # answered to say.
    tallied: Callable[[StageTally], bool | None] | None = None

    @property
    def named_from(self) -> Visibility:
        return self.names_from or self.level


def _member(ini: Initiative, person: str) -> Key:
    return ("team", next(i for i, m in enumerate(ini.team) if m.person == person))


def _unsigned(ini: Initiative, stage_id: str, on: dt.date) -> list[str]:
    return signatures.not_signed_as_they_stand(ini, stage_id, on)


def _unsigned_problems(ini: Initiative, stage_id: str, on: dt.date) -> list[Problem]:
    members = {m.person: m for m in ini.team}
    out: list[Problem] = []
    for p in _unsigned(ini, stage_id, on):
        sign = f"`playbook sign {ini.id or 'INITIATIVE'} {p}`"
        state = signatures.signature(ini, members[p])
        if state.stale and state.signed and state.signed <= on:
            message = (
                f"{p} signed an earlier version of their charter on {state.signed}; {sign} re-signs"
            )
        else:
            message = f"{p} has not signed their role charter; {sign} records it"
        out.append((_member(ini, p), message))
    return out


def _untrained(ini: Initiative, stage_id: str, on: dt.date) -> list[str]:
    return rules.untrained(ini, stage_id)


def _untrained_problems(ini: Initiative, stage_id: str, on: dt.date) -> list[Problem]:
    return [
        (_member(ini, p), f"{p} attended no whole-team training session of stage '{stage_id}'")
        for p in rules.untrained(ini, stage_id)
    ]


def _unreviewed(ini: Initiative, stage_id: str, on: dt.date) -> list[str]:
    return list(dict.fromkeys(r.person for r in ini.resistance if rules.review_due(r, on)))


def _unreviewed_problems(ini: Initiative, stage_id: str, on: dt.date) -> list[Problem]:
    return [
        (
            ("resistance", i, "review_on"),
            f"the entry for {r.person} was due for review on {r.review_on}",
        )
        for i, r in enumerate(ini.resistance)
        if rules.review_due(r, on)
    ]


def _unanswered(ini: Initiative, stage_id: str, on: dt.date) -> list[str]:
    return rules.pulse_missing(ini, stage_id) if rules.pulse_asked(ini) else []


def _unanswered_problems(ini: Initiative, stage_id: str, on: dt.date) -> list[Problem]:
    return [
        (_member(ini, p), f"{p} has not answered the pulse of stage '{stage_id}'")
        for p in _unanswered(ini, stage_id, on)
    ]


def _unclear(ini: Initiative, stage_id: str, on: dt.date) -> list[str]:
    return rules.role_unclear(ini, stage_id)


def _unclear_problems(ini: Initiative, stage_id: str, on: dt.date) -> list[Problem]:
    return [
        (
            _member(ini, p),
            f"{p} answered that their role is not clear to them in the pulse of stage "
            f"'{stage_id}': talk to them",
        )
        for p in rules.role_unclear(ini, stage_id)
    ]


CHECKS: dict[GateCheck, Check] = {
    c.id: c
    for c in (
        Check(
            id="charters-signed",
            label=NC_("gate check", "Charters signed"),
            claim=N_("Every member has signed their role charter"),
            level="leadership",
            failing=_unsigned,
            problems=_unsigned_problems,
        ),
        Check(
            id="team-trained",
            label=NC_("gate check", "Team trained"),
            claim=N_("Every member attended a whole-team training session of the stage"),
            level="leadership",
            failing=_untrained,
            problems=_untrained_problems,
        ),
        Check(
            id="resistance-reviewed",
            label=NC_("gate check", "Resistance reviewed"),
            claim=N_("No open resistance entry is past its review date"),
            level="core",
            failing=_unreviewed,
            problems=_unreviewed_problems,
        ),
        Check(
            id="pulse-taken",
            label=NC_("gate check", "Pulse taken"),
            claim=N_("Every member answered the pulse of the stage"),
            level="leadership",
            failing=_unanswered,
            problems=_unanswered_problems,
            names_from="core",  # who answered is as private as what they answered
            tallied=lambda tally: tally.everyone_answered,
        ),
        Check(
            id="roles-clear",
            label=NC_("gate check", "Roles clear"),
            claim=N_("No member answered that their role is not clear to them"),
            level="leadership",
            failing=_unclear,
            problems=_unclear_problems,
            names_from="core",
            tallied=lambda tally: tally.roles_clear,
        ),
    )
}
# The schema's enum and the registry are one list (tests/test_checks.py checks it too).
assert set(CHECKS) == set(get_args(GateCheck)), "model.GateCheck and checks.CHECKS differ"


@dataclass(frozen=True)
class CheckResult:
    """One gate check of one stage, on a date, and the people who fail it (team order)."""

    check: GateCheck
    failing: tuple[str, ...]
    # Seen below the level that names who fails: whether it fails, never who (`failing` is
    # empty); `withheld`: too few answered to say at all.
    unnamed_failure: bool = False
    withheld: bool = False

    @property
    def passed(self) -> bool:
        return not self.failing and not self.unnamed_failure and not self.withheld

    @property
    def claim(self) -> str:
        return CHECKS[self.check].claim


def gate_check(ini: Initiative, check: GateCheck, stage_id: str, on: dt.date) -> CheckResult:
    """A gate check of a stage as it stood on `on`."""
    return CheckResult(check, tuple(CHECKS[check].failing(ini, stage_id, on)))


def gate(ini: Initiative, stage_id: str, on: dt.date) -> list[CheckResult]:
    """Every gate check of the initiative for a stage, on a date, in the order written."""
    return [gate_check(ini, c, stage_id, on) for c in ini.gate_checks]


def names_who_answered(audience: Visibility) -> bool:
    """Whether `audience` may be told who answered the pulse (or not): from the level the
    pulse's gate check names people at, whether or not the initiative gates on it."""
    return rules.sees(audience, CHECKS["pulse-taken"].named_from)


def _unnamed(check: GateCheck, summary: PulseSummary | None, stage_id: str) -> CheckResult:
    tally = summary.of(stage_id) if summary else None
    tallied = CHECKS[check].tallied
    verdict = tallied(tally) if tallied and tally else True
    return CheckResult(check, (), unnamed_failure=verdict is False, withheld=verdict is None)


def gate_seen(
    ini: Initiative,
    stage_id: str,
    on: dt.date,
    audience: Visibility,
    summary: PulseSummary | None,
) -> list[CheckResult]:
    """The gate as `audience` sees it, on its filtered model: a check that names nobody
    below its `named_from` is decided there from the anonymous tally (`summary`)."""
    return [
        gate_check(ini, c, stage_id, on)
        if rules.sees(audience, CHECKS[c].named_from)
        else _unnamed(c, summary, stage_id)
        for c in ini.gate_checks
    ]
