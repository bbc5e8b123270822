"""What the pictures show: the data content hands to markdown's drawings (markdown/svg.py,
markdown/charts.py). Content computes these; markdown only draws them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Bar", "MapPoint", "OutcomeRow", "SupportRow", "TimelineStage"]


@dataclass(frozen=True)
class TimelineStage:
    name: str
    starts: dt.date | None
    ends: dt.date | None
    current: bool
    done: bool


@dataclass(frozen=True)
class MapPoint:
    name: str
    support: str  # one of svg.SUPPORT_ORDER
    influence: str  # one of svg.INFLUENCE_ORDER
    flagged: bool  # skeptic or resistant with no open resistance entry


@dataclass(frozen=True)
class Bar:
    label: str  # a message id: the drawing translates it
    done: int
    total: int


@dataclass(frozen=True)
class SupportRow:
    name: str
    points: tuple[tuple[dt.date | None, str], ...]  # (date, support), oldest first
    stuck: bool  # skeptic or resistant across the two latest assessments


@dataclass(frozen=True)
class OutcomeRow:
    on: dt.date
    today: bool  # the last row: where the entries stand now
    counts: dict[str, int]  # outcome -> entries
