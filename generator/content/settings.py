"""What a run is for, beyond the playbooks themselves: the same settings, the same output."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.source.model import Visibility

DEFAULT_AUDIENCE: Visibility = "leadership"


@dataclass(frozen=True)
class Settings:
    today: dt.date  # review dates and overdue notices depend on it
    audience: Visibility = DEFAULT_AUDIENCE
    # The site's public address (MkDocs' site_url): absolute links where a page is read
    # outside the site (calendars, messages); relative links when it is not set.
    site_url: str | None = None
