"""The kept copy of a signed charter: playbooks/<initiative>/signed/<person>.yml.

`playbook sign` writes it; nobody edits it. It holds the member's commitments in the
initiative file's own words and keys, and only those: nothing that changes without changing
what the member agreed to (the site's wording, its language, session dates, attendance, the
current stage). Its own JSON Schema comes from these classes (`playbook schema`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints

from generator.source.model import (
    Accountabilities,
    DecisionRights,
    Id,
    Role,
    StageDuty,
    Text,
    _Model,
)

__all__ = ["Commitments", "SignedActivity", "SignedCharter"]

# A member's RACI letters on one activity, in R, A, C, I order; I only on its own.
Letters = Annotated[str, StringConstraints(pattern=r"^(R?A?C?|I)$", min_length=1)]


class SignedActivity(_Model):
    """A collective activity the member holds a RACI letter on, and the letters."""

    id: Id = Field(description="Activity id in the initiative.")
    title: Text = Field(description="Its title when the charter was signed.")
    letters: Letters = Field(description="The member's letters: R, A, C in that order, or I.")


class Commitments(_Model):
    """What the member agreed to, in the initiative file's words."""

    role: Role = Field(description="Their role in the change.")
    purpose: Text = Field(description="Why they are on the team.")
    accountabilities: Accountabilities = Accountabilities()
    decision_rights: DecisionRights = DecisionRights()
    stages: dict[str, StageDuty] = Field({}, description="Per stage id: what they do in it.")
    kpis: list[Text] = Field([], description="How their part is measured.")
    activities: list[SignedActivity] = Field(
        [], description="Activities with the member's RACI letters (`informed: [all]` included)."
    )


class SignedCharter(_Model):
    """What a member signed, when, and who recorded it. Written by `playbook sign`."""

    signed: dt.date = Field(description="The date they signed, as charter_signed says.")
    recorded_by: Text = Field(description="Who recorded the signature.")
    commitments: Commitments = Field(description="The charter as it stood when signed.")
