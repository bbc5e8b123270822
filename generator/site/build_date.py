"""The build's date: MkDocs stamps the sitemap with it, so a build of the same content on
another day would differ. It is made the content's date, for one build only, unless the user
set SOURCE_DATE_EPOCH themselves."""

from __future__ import annotations

import datetime as dt
import os

__all__ = ["BuildDate"]

EPOCH = "SOURCE_DATE_EPOCH"


class BuildDate:
    def __init__(self) -> None:
        self._set = False

    def pin(self, as_of: dt.date) -> None:
        if EPOCH not in os.environ:
            moment = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.timezone.utc)
            os.environ[EPOCH] = str(int(moment.timestamp()))
            self._set = True

    def unpin(self) -> None:
        if self._set:
            os.environ.pop(EPOCH, None)
            self._set = False
