"""A playbook with a canary in every field of the model, found by walking the pydantic classes
of generator/source/model.py: a field added to the model later gets its canary, at its level,
without editing the leak tests.

The level of a value (the lowest audience that may see it) follows SPEC "Audiences":
1. a person file is leadership content (audience.PERSON_LEVEL), except the sponsor's name;
2. initiative content is everyone's, raised for confidential fields by audience.FIELD_LEVELS;
3. a list item's own `visibility` raises it: such lists get an item at each level, in the
   order of ORDER, so hidden items sit between visible ones;
4. what hangs off a stage (an item's `stage`, a member's duties keyed by stage id, a history
   entry) has at least that stage's level, and what a transition says about the stage it left
   (audience.ABOUT_STAGE_LEFT) at least that stage's level;
5. a failed gate check has at least its check's level (checks.CHECKS).

Text holds a canary `zq<level><n><field>zq`; a definition id (a field named `id`) one that is
an id; a date a day no other field holds, recorded as a canary above everyone. Other ids are
references (to a stage when the field says so, else to a team member). Values a canary cannot
hold (numbers, choices, times, zones) take an allowed value and prove nothing.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass, field
from types import NoneType, UnionType
from typing import Any, Literal

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.content.audience import (
    ABOUT_STAGE_LEFT,
    FIELD_LEVELS,
    PERSON_LEVEL,
)
from generator.content.i18n import wording
from generator.source.checks import CHECKS
from generator.source.model import ID_PATTERN, GateCheck, Initiative, Member, Person, Visibility
from generator.source.rules import rank

ORDER: tuple[Visibility, ...] = ("everyone", "core", "leadership", "everyone")
SPONSOR = "ann-lee"
# Text no page shows, so its canary could prove nothing (an activity's id is in no URL; the
# office's address is only where the weekly digest is sent).
NEVER_SHOWN = {("Activity", "id"), ("Initiative", "office_email")}
# Formats a text field must keep to be valid; the canary sits inside.
FORMATS = {
    "url": "https://x.example/{}",
    "email": "{}@example.com",
    "office_email": "{}@example.com",
}


def _top(*levels: Visibility) -> Visibility:
    return max(levels, key=rank)


def _chosen(tp: Any) -> Any:
    """The type a value is made for: of a union (X | None, `all | [ids]`, `id | [ids]`) the
    first member that is not None nor a choice, kept with its constraints (Annotated)."""
    meta: tuple[Any, ...] = ()
    while True:
        if typing.get_origin(tp) is typing.Annotated:
            meta += tp.__metadata__
            tp = typing.get_args(tp)[0]
        elif typing.get_origin(tp) in (typing.Union, UnionType):
            options = [a for a in typing.get_args(tp) if a is not NoneType]
            tp = next((o for o in options if typing.get_origin(o) is not Literal), options[0])
        else:
            return typing.Annotated[(tp, *meta)] if meta else tp


def _bare(tp: Any) -> Any:
    return typing.get_args(tp)[0] if typing.get_origin(tp) is typing.Annotated else tp


def _is_id(tp: Any) -> bool:
    meta = getattr(tp, "__metadata__", ())
    return any(getattr(m, "pattern", None) == ID_PATTERN for m in meta)


def _model(tp: Any) -> type[BaseModel] | None:
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


@dataclass
class Playbook:
    """The planted playbook: person files, one initiative, and where each canary may show."""

    people: dict[str, Any] = field(default_factory=dict)
    initiative: dict[str, Any] = field(default_factory=dict)
    canaries: dict[str, Visibility] = field(default_factory=dict)  # token -> its level
    never_shown: set[str] = field(default_factory=set)
    # A date canary as pages print it (the site's language writes dates its own way); the
    # model, calendars and file names keep the ISO form.
    shown_as: dict[str, str] = field(default_factory=dict)
    # (class, field) -> what the walk put there, and the canaries it planted there.
    planted: dict[tuple[str, str], str] = field(default_factory=dict)
    tokens: dict[tuple[str, str], list[str]] = field(default_factory=dict)


Where = tuple[str, str]  # (class name, field name)


class _Planter:
    def __init__(self) -> None:
        self.out = Playbook()
        self.count = 0
        self.day = dt.date(2024, 1, 1)
        self.team = [SPONSOR, self.token("leadership", ("Person", "id"))]
        self.outsider = self.token("leadership", ("Person", "id"))
        self.stages: list[tuple[str, Visibility]] = []  # (id, level), filled by `initiative`

    def token(self, level: Visibility, where: Where) -> str:
        self.count += 1
        letters = "".join(c for c in "".join(where).lower() if c.isalpha())[:20]
        token = f"zq{level}{self.count}{letters}zq"
        self.out.canaries[token] = level
        self.out.tokens.setdefault(where, []).append(token)
        if where in NEVER_SHOWN:
            self.out.never_shown.add(token)
        return token

    def date(self, level: Visibility) -> str:
        self.day += dt.timedelta(days=1)
        if level != "everyone":
            self.out.canaries[self.day.isoformat()] = level
            self.out.shown_as[self.day.isoformat()] = wording().date(self.day)
        return self.day.isoformat()

    def note(self, where: Where, kind: str) -> None:
        self.out.planted.setdefault(where, kind)

    # --- one model instance -----------------------------------------------------------
    def instance(self, cls: type[BaseModel], level: Visibility, **given: Any) -> dict[str, Any]:
        """Every field of `cls` filled, but those `given`; `level` is the level of `cls`."""
        # Lists before single values: a member's latest assessment is dated after its history.
        names = sorted(
            cls.model_fields,
            key=lambda n: (
                typing.get_origin(_bare(_chosen(cls.model_fields[n].annotation))) is not list
            ),
        )
        data: dict[str, Any] = dict(given)
        for name in names:
            if name in given:
                self.note((cls.__name__, name), "given")
                continue
            value = self.field(cls, name, level)
            if value is not None:
                data[name] = value
        return {k: data[k] for k in cls.model_fields if k in data}

    def field(self, cls: type[BaseModel], name: str, level: Visibility) -> Any:
        info = cls.model_fields[name]
        tp = info.annotation
        if info.metadata:
            tp = typing.Annotated[(tp, *info.metadata)]
        here = _top(level, FIELD_LEVELS.get((cls, name), "everyone"))
        return self.value(tp, here, (cls.__name__, name))

    def value(self, tp: Any, level: Visibility, where: Where) -> Any:
        tp = _chosen(tp)
        bare = _bare(tp)
        if typing.get_origin(bare) is Literal:
            self.note(where, "a choice")
            return typing.get_args(bare)[0]
        if typing.get_origin(bare) is list:
            return self.items(typing.get_args(bare)[0], level, where)
        if typing.get_origin(bare) is dict and where == ("PulseResponse", "answers"):
            # A pulse answer, keyed by a question planted before it: a figure, no canary.
            self.note(where, "an answer per question")
            return {q: 3 for q in self.out.tokens.get(("PulseQuestion", "id"), [])}
        if typing.get_origin(bare) is dict:  # a member's duties, keyed by stage id
            item = _model(typing.get_args(bare)[1])
            assert item, f"{where}: a dict of what?"
            self.note(where, "an item per stage")
            return {sid: self.instance(item, _top(level, at)) for sid, at in self.stages}
        model = _model(bare)
        if model:
            self.note(where, "an item")
            return self.instance(model, level)
        return self.scalar(tp, level, where)

    def scalar(self, tp: Any, level: Visibility, where: Where) -> Any:
        base = _bare(tp)
        if _is_id(tp) and where[1] != "id":
            self.note(where, "a reference")
            return self.stages[-1][0] if "stage" in where[1] else SPONSOR
        if base in (dt.date, bool, int, float):
            self.note(where, "a date" if base is dt.date else "a number or yes/no")
            return self.date(level) if base is dt.date else {bool: False}.get(base, 30)
        token = self.token(level, where)
        text = FORMATS.get(where[1], "{}").format(token)
        try:
            TypeAdapter(tp).validate_python(text)
        except ValidationError:  # a time, a zone: no canary fits
            del self.out.canaries[token]
            self.out.tokens[where].remove(token)
            self.note(where, "nothing a canary fits")
            return None
        self.note(where, "a canary")
        return text

    # --- lists ---------------------------------------------------------------------------
    def items(self, tp: Any, level: Visibility, where: Where) -> list[Any]:
        item = _model(tp)
        if item is None:
            if typing.get_origin(tp) is Literal:
                self.note(where, "every choice")
                return list(typing.get_args(tp))  # every gate check
            if _is_id(tp):
                self.note(where, "references")
                return list(self.team)
            return [self.value(tp, level, where)]
        fields = item.model_fields
        self.note(where, "items")
        if item is Member:
            return [self.instance(Member, level, person=p) for p in self.team]
        if "check" in fields and fields["check"].annotation == GateCheck:
            return [
                self.instance(item, _top(level, lv), check=c.id)
                for c in CHECKS.values()
                for lv in [c.level]
            ]
        if "visibility" not in fields:
            return [self.instance(item, level)]
        out = [self.instance(item, _top(level, v), visibility=v) for v in ORDER]
        if "stage" in fields:  # visible itself, hidden with its stage
            for sid, at in self.stages:
                if at != "everyone":
                    out.append(self.instance(item, _top(level, at), stage=sid))
        return out

    # --- the playbook ----------------------------------------------------------------------
    def initiative(self) -> dict[str, Any]:
        stages = self.field(Initiative, "stages", "everyone")
        self.stages = [(s["id"], s["visibility"]) for s in stages]
        entry = _history_entry()
        history = []
        for i, (sid, at) in enumerate(self.stages):
            left = _top(at, self.stages[i - 1][1] if i else "everyone")
            said = {key: self.field(entry, key, left) for key in ABOUT_STAGE_LEFT}
            history.append(self.instance(entry, at, stage=sid, **said))
        return self.instance(
            Initiative,
            "everyone",
            stages=stages,
            stage_history=history,
            sponsor=SPONSOR,
            current_stage=self.stages[-1][0],
        )

    def person(self, pid: str) -> dict[str, Any]:
        others = [p for p in [*self.team, self.outsider] if p != pid]
        given: dict[str, Any] = {"reports_to": others[0]}
        if pid == SPONSOR:  # the sponsor's name is initiative content
            given["name"] = self.token("everyone", ("Person", "name"))
        return self.instance(Person, PERSON_LEVEL, **given)


def _history_entry() -> type[BaseModel]:
    found = _model(typing.get_args(Initiative.model_fields["stage_history"].annotation)[0])
    assert found
    return found


def planted() -> Playbook:
    """The playbook, the same on every call (canaries are numbered in walk order)."""
    planter = _Planter()
    planter.out.initiative = planter.initiative()
    for pid in [*planter.team, planter.outsider]:
        planter.out.people[pid] = planter.person(pid)
    return planter.out
