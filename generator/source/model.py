"""The typed model of a playbook: what a YAML file may say, and nothing else.

The same classes produce the JSON Schemas (`playbook schema`), so editor completion and the
validator can never disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
)

from generator.source.zones import DEFAULT_ZONE, TIME_PATTERN, check_time, check_zone

__all__ = [
    "AUDIENCES",
    "Accountabilities",
    "Activity",
    "AgendaItem",
    "Alignment",
    "Assessment",
    "Barrier",
    "ClockTime",
    "Criterion",
    "DecisionRights",
    "Exercise",
    "FailedCheck",
    "Format",
    "GateCheck",
    "HistoryEntry",
    "ID_PATTERN",
    "ID_RULE",
    "Id",
    "Influence",
    "Initiative",
    "Member",
    "Module",
    "Outcome",
    "PastAssessment",
    "Person",
    "Raci",
    "Reading",
    "Resistance",
    "ResistanceUpdate",
    "Role",
    "RootCause",
    "Session",
    "Stage",
    "StageDuty",
    "Status",
    "Support",
    "Text",
    "Visibility",
    "ZoneName",
    "is_id",
]

if TYPE_CHECKING:
    from generator.source.signed import SignedCharter

# For pydantic (Rust regex) and JSON Schema, where `$` is the end of the text. Python's `$`
# also matches before a final newline: Python code checks ids with is_id, never re.match.
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
# The same rule in words, for every message that refuses an id.
ID_RULE = (
    "lowercase letters, digits and '-', starting with a letter or digit, at most 64 characters"
)
_ID = re.compile(ID_PATTERN)


def is_id(text: str) -> bool:
    """Is `text` a whole id ("small\\n" is not)?"""
    return _ID.fullmatch(text) is not None


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
ZoneName = Annotated[str, AfterValidator(check_zone)]
ClockTime = Annotated[str, StringConstraints(pattern=TIME_PATTERN), BeforeValidator(check_time)]
Visibility = Literal["everyone", "leadership", "core"]
Role = Literal["sponsor", "champion", "owner", "contributor", "advisor"]
Support = Literal["champion", "supporter", "neutral", "skeptic", "resistant"]
Influence = Literal["low", "medium", "high"]
Status = Literal["planned", "in-progress", "done", "blocked"]
Format = Literal["workshop", "offsite", "briefing", "one-to-one", "self-paced"]
Barrier = Literal["awareness", "desire", "knowledge", "ability", "reinforcement"]
RootCause = Literal[
    "unclear-role",
    "loss-of-control",
    "overload",
    "disagrees-with-strategy",
    "incentives",
    "low-awareness",
    "other",
]
Outcome = Literal["open", "improving", "resolved", "escalated"]
# Checks computed from the playbook's own records that `playbook advance` also requires;
# each is defined in checks.CHECKS (its words, its level, how it is computed).
GateCheck = Literal[
    "charters-signed", "team-trained", "resistance-reviewed", "pulse-taken", "roles-clear"
]

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
    """One exit criterion: part of the gate `playbook advance` checks."""

    text: Text = Field(description="What must be true.")
    done: bool = Field(False, description="Met or not.")


class Stage(_Model):
    """A stage of the initiative, in order (e.g. infancy, development, implementation)."""

    id: Id = Field(description="Stage id, used in URLs and by current_stage.")
    name: Text = Field(description="Stage name as shown on the site.")
    goal: Text = Field(description="What this stage must achieve, in one sentence.")
    starts: dt.date | None = Field(None, description="Start date, YYYY-MM-DD.")
    ends: dt.date | None = Field(None, description="End date, YYYY-MM-DD, not before starts.")
    entry_criteria: list[Text] = Field([], description="What must be true to enter the stage.")
    exit_criteria: list[Criterion] = Field([], description="The gate `playbook advance` checks.")
    visibility: Visibility = Field("everyone", description="Lowest audience that sees it.")


class FailedCheck(_Model):
    """A gate check that failed when `playbook advance --force` moved on anyway."""

    check: GateCheck = Field(description="The gate check that failed.")
    people: list[Id] = Field([], description="Person ids of those who failed it.")


class HistoryEntry(_Model):
    """One stage transition, written by `playbook advance`."""

    stage: Id = Field(description="Stage id entered.")
    entered: dt.date = Field(description="Date the stage was entered, YYYY-MM-DD.")
    by: str | None = Field(None, description="Who moved the initiative to this stage.")
    open_criteria: list[str] = Field(
        [], description="Exit criteria of the previous stage still open at the transition."
    )
    failed_checks: list[FailedCheck] = Field(
        [], description="Gate checks of the previous stage failing at a forced transition."
    )


class Alignment(_Model):
    """Time budgeted to align the leadership team (leaders underestimate it by about 10x)."""

    first_estimate_weeks: float | None = Field(
        None, ge=0, description="What the sponsor first assumed."
    )
    planned_weeks: float | None = Field(None, ge=0, description="What the plan allows.")


class Accountabilities(_Model):
    individual: list[Text] = Field([], description="What this member alone answers for.")
    shared: list[Text] = Field([], description="What they answer for with others (say whom).")


class DecisionRights(_Model):
    decides: list[Text] = Field([], description="Decisions this member takes.")
    recommends: list[Text] = Field([], description="Decisions they recommend to others.")
    consulted_on: list[Text] = Field([], description="Decisions they are consulted on.")


class StageDuty(_Model):
    """What a member does in one stage."""

    responsibilities: list[Text] = Field([], description="What they do in this stage.")
    time_commitment: str | None = Field(None, description="e.g. 4 hours a week.")


class Assessment(_Model):
    """Confidential (core audience only): where this member stands on the change."""

    support: Support | None = Field(None, description="Their stance on the change.")
    influence: Influence | None = Field(None, description="Their influence on others.")
    notes: str | None = Field(None, description="Free text.")
    date: dt.date | None = Field(None, description="When this (the latest) assessment was made.")


class PastAssessment(_Model):
    """Confidential (core audience only): an earlier assessment of a member."""

    date: dt.date = Field(description="When it was made, YYYY-MM-DD.")
    support: Support = Field(description="Their stance on the change then.")
    influence: Influence | None = Field(None, description="Their influence on others then.")
    notes: str | None = Field(None, description="Free text.")


class Member(_Model):
    """A member of the leadership team and their role charter."""

    person: Id = Field(description="Person id: a file playbooks/people/<id>.yml.")
    role: Role = Field(description="Their role in the change.")
    purpose: Text = Field(description="Why they are on the team, in one sentence.")
    accountabilities: Accountabilities = Accountabilities()
    decision_rights: DecisionRights = DecisionRights()
    stages: dict[str, StageDuty] = Field(
        {}, description="Per stage id: what they do in that stage (cover every stage)."
    )
    kpis: list[Text] = Field([], description="How their part is measured.")
    charter_signed: dt.date | None = Field(None, description="Date they signed their charter.")
    assessment: Assessment | None = Field(None, description="Confidential (core audience only).")
    assessment_history: list[PastAssessment] = Field(
        [], description="Confidential (core audience only): earlier assessments, oldest first."
    )


class Raci(_Model):
    """Who is Responsible, Accountable, Consulted and Informed."""

    accountable: Id | list[Id] = Field(description="Exactly one person id.")
    responsible: list[Id] = []
    consulted: list[Id] = []
    informed: list[Id] = Field([], description="Person ids, or `all` for the whole team.")


class Activity(_Model):
    """A collective action of the leadership team."""

    id: Id = Field(description="Activity id, unique in the initiative.")
    title: Text = Field(description="What is done.")
    stage: Id = Field(description="Stage id it belongs to.")
    description: str | None = Field(None, description="Markdown.")
    due: dt.date | None = Field(None, description="Due date, YYYY-MM-DD.")
    status: Status = "planned"
    raci: Raci | None = Field(None, description="Who does what; exactly one accountable.")
    visibility: Visibility = Field("everyone", description="Lowest audience that sees it.")


class AgendaItem(_Model):
    minutes: int = Field(ge=0, description="Length of this part; the parts add up to the duration.")
    title: Text = Field(description="What happens.")
    visibility: Visibility = Field("everyone", description="Lowest audience that sees it.")


class Reading(_Model):
    title: Text = Field(description="Title of the reading.")
    url: Text = Field(description="http(s) URL or a relative path.")


class Exercise(_Model):
    title: Text = Field(description="Name of the exercise.")
    instructions: str | None = Field(None, description="Markdown.")
    visibility: Visibility = Field("everyone", description="Lowest audience that sees it.")


class Session(_Model):
    date: dt.date = Field(description="Date of the session, YYYY-MM-DD.")
    start: ClockTime | None = Field(
        None, description='Start time, 24-hour and quoted: "09:00", in the initiative\'s timezone.'
    )
    location: str | None = Field(None, description="Where it takes place.")
    attended: Literal["all"] | list[Id] | None = Field(
        None,
        description="Recorded afterwards: `all` (everyone invited) or the person ids who came.",
    )


class Module(_Model):
    """A training module; each stage should have one the whole team attends."""

    id: Id = Field(description="Module id, unique in the initiative.")
    stage: Id = Field(description="Stage id it belongs to.")
    title: Text = Field(description="Title of the module.")
    format: Format = Field(description="How it is delivered.")
    attendees: Literal["all"] | list[Id] = Field(
        "all", description="`all` (the whole team) or a list of person ids."
    )
    duration_minutes: int = Field(gt=0, description="Length in minutes.")
    prep_minutes: int | None = Field(None, ge=0, description="Preparation time in minutes.")
    objectives: list[Text] = Field([], description="What attendees leave with.")
    agenda: list[AgendaItem] = Field([], description="Timed agenda adding up to the duration.")
    pre_reading: list[Reading] = []
    exercises: list[Exercise] = []
    sessions: list[Session] = Field([], description="Scheduled runs.")
    facilitator_notes: str | None = Field(None, description="Confidential (core audience only).")
    visibility: Visibility = Field("everyone", description="Lowest audience that sees it.")


class ResistanceUpdate(_Model):
    """Progress on a resistance entry, on a date."""

    date: dt.date = Field(description="When, YYYY-MM-DD.")
    outcome: Outcome = Field(description="Where the entry stood after it.")
    note: str | None = Field(None, description="What happened.")


class Resistance(_Model):
    """Confidential (core audience only): resistance from a team member, and the plan."""

    person: Id = Field(description="Team member who resists.")
    barrier: Barrier | None = Field(None, description="Which step of change is blocked.")
    observed: Text = Field(description="What was observed.")
    root_cause: RootCause | None = None
    response: Text = Field(description="How it will be addressed.")
    owner: Id = Field(description="Team member who works on it.")
    review_on: dt.date | None = Field(None, description="When to review it, YYYY-MM-DD.")
    outcome: Outcome = "open"
    updates: list[ResistanceUpdate] = Field(
        [], description="Dated progress, oldest first (confidential, core audience only)."
    )
    visibility: Visibility = Field("core", description="Lowest audience that sees it.")


class PulseQuestion(_Model):
    """A question of the pulse, asked at every stage."""

    id: Id = Field(description="Question id, unique in the pulse (role-clear, ...).")
    text: Text = Field(description="The question as the survey asks it.")


# An answer to a pulse question: 1 (strongly disagree) to 5 (strongly agree).
Answer = Annotated[int, Field(ge=1, le=5)]


class PulseResponse(_Model):
    """Confidential (core audience only): one member's answers to one stage's pulse."""

    person: Id = Field(description="Team member who answered.")
    stage: Id = Field(description="Stage id whose pulse they answered.")
    date: dt.date = Field(description="When they answered, YYYY-MM-DD.")
    answers: dict[str, Answer] = Field(
        description="Per question id: 1 (strongly disagree) to 5 (strongly agree)."
    )


class Pulse(_Model):
    """Asking the team, at every stage: don't assume it knows its role."""

    questions: list[PulseQuestion] = Field([], description="Asked at every stage.")
    min_answers: int = Field(
        3, ge=1, description="Below core, a figure from fewer answers is never shown."
    )
    responses: list[PulseResponse] = Field(
        [],
        description="Confidential (core audience only): written by `playbook pulse import`.",
    )


class Initiative(_Model):
    """One initiative: playbooks/<initiative-id>/initiative.yml."""

    title: Text = Field(description="Name of the initiative.")
    mandate: Text = Field(description="The mandate, in one sentence.")
    summary: str | None = Field(None, description="Why this matters now (Markdown).")
    sponsor: Id = Field(description="Person id of the sponsor; must be on the team.")
    owner: Text = Field(description="Who maintains this playbook.")
    office_email: str | None = Field(
        None,
        description="The transformation office's address: `playbook digest` sends it the "
        "weekly digest with core content (the sponsor's has leadership content only).",
    )
    review_by: dt.date | None = Field(
        None, description="Review date; past it, every page says the playbook is overdue."
    )
    current_stage: Id = Field(description="Stage id the initiative is in now.")
    gate_checks: list[GateCheck] = Field(
        [],
        description="Computed checks `playbook advance` requires besides the exit criteria "
        "(checks.CHECKS).",
    )
    timezone: ZoneName = Field(
        DEFAULT_ZONE, description="IANA time zone of session times, e.g. Europe/London."
    )
    stage_history: list[HistoryEntry] = Field([], description="Written by `playbook advance`.")
    stages: list[Stage] = Field(min_length=1, description="The stages, in order.")
    alignment: Alignment | None = None
    team: list[Member] = Field(min_length=1, description="The leadership team; each person once.")
    activities: list[Activity] = Field([], description="Collective actions.")
    training: list[Module] = Field([], description="Training modules.")
    resistance: list[Resistance] = Field([], description="Confidential (core audience only).")
    pulse: Pulse | None = Field(None, description="The survey asked at every stage.")
    # What comes from beside this file, never from a key of it: the initiative's id (its
    # folder's name) and the kept copies of signed charters (playbooks/<id>/signed/*.yml) by
    # person. validate attaches them (`attached`).
    _id: str = PrivateAttr("")
    _kept: dict[str, SignedCharter] = PrivateAttr(default_factory=dict)

    @property
    def id(self) -> str:
        """The initiative's id: the name of its folder ('' for one not read from a folder)."""
        return self._id

    @property
    def kept(self) -> dict[str, SignedCharter]:
        """What each member signed, as kept by `playbook sign` (person id -> copy)."""
        return self._kept

    def attached(self, iid: str, kept: dict[str, SignedCharter]) -> Initiative:
        """This initiative with its id and these kept copies (a copy: the model is frozen)."""
        out = self.model_copy()
        out._id = iid
        out._kept = dict(kept)
        return out
