"""The gate `playbook advance` checks before it leaves a stage: the stage's exit criteria, and
the initiative's gate checks computed from its records (checks.gate), as of the move's date.

A refusal names every open criterion and every person who fails a check, at their line in
the file, so the office knows exactly what to do before trying again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from generator.source import checks
from generator.source.model import FailedCheck, Initiative, Stage
from generator.source.problems import Problem, UserError
from generator.source.yamlfile import Document, Key, dotted


@dataclass(frozen=True)
class Gate:
    """What stands between a stage and the next one."""

    on: dt.date
    open_criteria: tuple[tuple[int, str], ...]  # (index, text) of each open exit criterion
    failed: tuple[checks.CheckResult, ...]

    @property
    def passed(self) -> bool:
        return not self.open_criteria and not self.failed

    def failed_checks(self) -> list[FailedCheck]:
        """What a forced move records in stage_history."""
        return [FailedCheck(check=r.check, people=list(r.failing)) for r in self.failed]


def gate_of(ini: Initiative, stage: Stage, on: dt.date) -> Gate:
    return Gate(
        on,
        tuple((j, c.text) for j, c in enumerate(stage.exit_criteria) if not c.done),
        tuple(r for r in checks.gate(ini, stage.id, on) if not r.passed),
    )


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def refusal(
    iid: str, doc: Document, ini: Initiative, stage: Stage, gate: Gate, name: Callable[[str], str]
) -> UserError:
    """Why the move is refused: each thing at its place in the file, then what to do."""
    index = ini.stages.index(stage)
    problems = [
        _problem(doc, ("stages", index, "exit_criteria", j), f"not met: {text}")
        for j, text in gate.open_criteria
    ]
    for result in gate.failed:
        problems += _check_problems(doc, ini, stage, result, gate.on)
    parts, fixes = [], []
    n = len(gate.open_criteria)
    if n:
        parts.append(
            f"{n} exit criteri{_plural(n, 'on', 'a')} of stage '{stage.name}' "
            f"{_plural(n, 'is', 'are')} still open"
        )
        fixes.append(f"Mark {_plural(n, 'it', 'them')} `done: true` once met")
    if gate.failed:
        who = "; ".join(
            f"{r.check} for {', '.join(f'{name(p)} ({p})' for p in r.failing)}" for r in gate.failed
        )
        k = len(gate.failed)
        parts.append(
            f"{k} gate check{_plural(k, '', 's')} of stage '{stage.name}' "
            f"{_plural(k, 'fails', 'fail')} ({who})"
        )
        fixes.append("record what the gate checks ask for")
    shown = " and ".join(
        (["what was open"] if n else []) + (["what failed"] if gate.failed else [])
    )
    todo = " and ".join(fixes)
    return UserError(
        f"{iid}: {' and '.join(parts)}; nothing was changed. {todo[0].upper()}{todo[1:]}, or use "
        f"--force to move anyway (the site then shows {shown} at the transition).",
        problems,
    )


def _problem(doc: Document, path: Key, message: str) -> Problem:
    return Problem(doc.file, *doc.marks.at(path), dotted(path), message)


def _check_problems(
    doc: Document, ini: Initiative, stage: Stage, result: checks.CheckResult, on: dt.date
) -> list[Problem]:
    label = f"gate check {result.check}"
    found = checks.CHECKS[result.check].problems(ini, stage.id, on)
    return [_problem(doc, path, f"{label}: {message}") for path, message in found]
