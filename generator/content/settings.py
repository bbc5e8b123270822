"""What a run is for, beyond the playbooks themselves: the same settings, the same output."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.content.i18n import Wording, wording
from generator.content.paths import page_url
from generator.source.model import Visibility

__all__ = ["DEFAULT_AUDIENCE", "Settings"]

DEFAULT_AUDIENCE: Visibility = "leadership"


@dataclass(frozen=True)
class Settings:
    today: dt.date  # review dates and overdue notices depend on it
    audience: Visibility = DEFAULT_AUDIENCE
    # The site's public address (MkDocs' site_url): absolute links where a page is read
    # outside the site (calendars, messages); relative links when it is not set.
    site_url: str | None = None
    directory_urls: bool = True  # MkDocs' use_directory_urls
    language: str = "en"  # of the generated wording (one of i18n.SUPPORTED)

    @property
    def words(self) -> Wording:
        """The generated wording in this run's language."""
        return wording(self.language)

    def absolute(self, path: str) -> str | None:
        """The full address of a generated page or file, when `site_url` is set."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + page_url(path, self.directory_urls)
