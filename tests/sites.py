"""Build a playbook repository for an audience once, and read back every byte it wrote.

Shared by the leak and hostile-text suites: a build is slow, so each suite builds each
audience once (module-scoped fixtures) and asserts on the files.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import TODAY, copy_repo, run


@dataclass(frozen=True)
class Output:
    """What one build wrote: generated Markdown and the built site, file by file."""

    root: Path

    @property
    def generated(self) -> Path:
        return self.root / "generated"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def files(self, folder: str) -> dict[str, bytes]:
        """Every file under `folder` ('generated' or 'site'), keyed by its relative path.

        Compressed files (sitemap.xml.gz) are read uncompressed, so a scan sees their text;
        the path itself is part of what a reader can see, so it is prefixed to the bytes.
        """
        base = self.root / folder
        out = {}
        for path in sorted(base.rglob("*")):
            if not path.is_file():
                continue
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            if path.suffix == ".ics":  # RFC 5545 folds long lines: a scan must see them whole
                data = data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
            rel = path.relative_to(base).as_posix()
            out[rel] = rel.encode() + b"\n" + data
        return out


def write_yaml(root: Path, rel: str, data: Any) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8"
    )


def build(
    base: Path,
    audience: str,
    people: dict[str, Any],
    initiatives: dict[str, Any],
    language: str = "en",
    signed: dict[tuple[str, str], Any] | None = None,
) -> Output:
    """A fresh repository under `base` holding these playbooks (and the kept copies of
    signed charters, by (initiative, person)), built for `audience` in `language` (the
    site's theme.language)."""
    root = copy_repo(base / "repo", playbooks=False)
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace("  language: en\n", f"  language: {language}\n")
    # With a site_url MkDocs lists every page in the sitemap: the sitemap is then a real path.
    config.write_text(text + "\nsite_url: https://playbook.example/\n", "utf-8")
    for pid, data in people.items():
        write_yaml(root, f"playbooks/people/{pid}.yml", data)
    for iid, data in initiatives.items():
        write_yaml(root, f"playbooks/{iid}/initiative.yml", data)
    for (iid, pid), data in (signed or {}).items():
        write_yaml(root, f"playbooks/{iid}/signed/{pid}.yml", data)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLAYBOOK_TODAY", TODAY)
        mp.delenv("PLAYBOOK_AUDIENCE", raising=False)
        result = run(root, "build", "--audience", audience, "--site-dir", str(root / "site"))
    assert result.exit_code == 0, result.output
    return Output(root)
