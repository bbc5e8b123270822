"""The typed model of a playbook: what a YAML file may say, and nothing else.

The same classes produce the JSON Schemas (`playbook schema`), so editor completion and the
validator can never disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
Visibility = Literal["everyone", "leadership", "core"]
Role = Literal["sponsor", "champion", "owner", "contributor", "advisor"]
Support = Literal["champion", "supporter", "neutral", "skeptic", "resistant"]
Influence = Literal["low", "medium", "high"]
Status = Literal["planned", "in-progress", "done", "blocked"]
Format = Literal["workshop", "offsite", "briefing", "one-to-one", "self-paced"]
Barrier = Literal["awareness", "desire", "knowledge", "ability", "reinforcement"]
RootCause = Literal[
    "unclear-role", "loss-of-control", "overload", "disagrees-with-strategy", "incentives",
    "low-awareness", "other",
]
Outcome = Literal["open", "improving", "resolved", "escalated"]

AUDIENCES: tuple[Visibility, ...] = ("everyone", "leadership", "core")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Person(_Model):
    """A person: one file per person under playbooks/people/, named by their id."""

    name: Text = Field(description="Full name as shown on the site.")
    title: Text = Field(description="Job title, e.g. Chief Marketing Officer.")
    function: Text = Field(description="Function, free text: Marketing, Operations, ...")
    email: str | None = Field(None, description="Work email address.")
    reports_to: Id | None = Field(None, description="Id of the person they report to.")


class Criterion(_Model):
    text: Text = Field(description="What must be true.")
    done: bool = Field(False, description="Met or not.")


class Stage(_Model):
    id: Id
    name: Text
    goal: Text
    starts: dt.date | None = None
    ends: dt.date | None = None
    entry_criteria: list[Text] = []
    exit_criteria: list[Criterion] = Field([], description="The gate `playbook advance` checks.")
    visibility: Visibility = "everyone"


class HistoryEntry(_Model):
    stage: Id
    entered: dt.date
    by: str | None = Field(None, description="Who moved the initiative to this stage.")
    open_criteria: list[str] = Field(
        [], description="Exit criteria of the previous stage still open at the transition."
    )


class Alignment(_Model):
    first_estimate_weeks: float | None = Field(None, ge=0, description="What the sponsor first assumed.")
    planned_weeks: float | None = Field(None, ge=0, description="What the plan allows.")


class Accountabilities(_Model):
    individual: list[Text] = []
    shared: list[Text] = []


class DecisionRights(_Model):
    decides: list[Text] = []
    recommends: list[Text] = []
    consulted_on: list[Text] = []


class StageDuty(_Model):
    responsibilities: list[Text] = []
    time_commitment: str | None = None


class Assessment(_Model):
    support: Support | None = None
    influence: Influence | None = None
    notes: str | None = None


class Member(_Model):
    person: Id
    role: Role
    purpose: Text
    accountabilities: Accountabilities = Accountabilities()
    decision_rights: DecisionRights = DecisionRights()
    stages: dict[str, StageDuty] = Field({}, description="Per stage id.")
    kpis: list[Text] = []
    charter_signed: dt.date | None = None
    assessment: Assessment | None = Field(None, description="Confidential (core audience only).")


class Raci(_Model):
    accountable: Id | list[Id] = Field(description="Exactly one person id.")
    responsible: list[Id] = []
    consulted: list[Id] = []
    informed: list[Id] = Field([], description="Person ids, or `all` for the whole team.")


class Activity(_Model):
    id: Id
    title: Text
    stage: Id
    description: str | None = None
    due: dt.date | None = None
    status: Status = "planned"
    raci: Raci | None = None
    visibility: Visibility = "everyone"


class AgendaItem(_Model):
    minutes: int = Field(ge=0)
    title: Text
    visibility: Visibility = "everyone"


class Reading(_Model):
    title: Text
    url: Text = Field(description="http(s) URL or a relative path.")


class Exercise(_Model):
    title: Text
    instructions: str | None = None
    visibility: Visibility = "everyone"


class Session(_Model):
    date: dt.date
    start: str | None = Field(None, description='Start time, quoted: "09:00".')
    location: str | None = None


class Module(_Model):
    id: Id
    stage: Id
    title: Text
    format: Format
    attendees: Literal["all"] | list[Id] = "all"
    duration_minutes: int = Field(gt=0)
    prep_minutes: int | None = Field(None, ge=0)
    objectives: list[Text] = []
    agenda: list[AgendaItem] = []
    pre_reading: list[Reading] = []
    exercises: list[Exercise] = []
    sessions: list[Session] = []
    facilitator_notes: str | None = Field(None, description="Confidential (core audience only).")
    visibility: Visibility = "everyone"


class Resistance(_Model):
    person: Id
    barrier: Barrier | None = None
    observed: Text
    root_cause: RootCause | None = None
    response: Text
    owner: Id
    review_on: dt.date | None = None
    outcome: Outcome = "open"
    visibility: Visibility = "core"


class Initiative(_Model):
    """One initiative: playbooks/<initiative-id>/initiative.yml."""

    title: Text
    mandate: Text
    summary: str | None = None
    sponsor: Id
    owner: Text
    review_by: dt.date | None = None
    current_stage: Id
    stage_history: list[HistoryEntry] = []
    stages: list[Stage] = Field(min_length=1)
    alignment: Alignment | None = None
    team: list[Member] = Field(min_length=1)
    activities: list[Activity] = []
    training: list[Module] = []
    resistance: list[Resistance] = Field([], description="Confidential (core audience only).")
