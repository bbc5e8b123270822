"""Find the playbook files under playbooks/ and parse them (no validation beyond YAML)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.source.model import ID_RULE, is_id
from generator.source.problems import Problem, printable, short
from generator.source.yamlfile import MAX_BYTES, TOO_LARGE, Document, load

# Folders of playbooks/ that are not initiatives.
RESERVED = ("people", "pages")


@dataclass
class Sources:
    """Every parsed file, keyed by id, plus what stopped other files from parsing."""

    people: dict[str, Document] = field(default_factory=dict)
    initiatives: dict[str, Document] = field(default_factory=dict)
    pages: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Every person with a file, parsed or not: a broken person file is reported once, not
    # again as an "unknown person" wherever the person is named.
    person_ids: set[str] = field(default_factory=set)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _display(path: Path, base: Path) -> str:
    try:
        return printable(path.relative_to(base).as_posix())
    except ValueError:
        return printable(path.as_posix())


def load_sources(playbooks: Path, base: Path | None = None) -> Sources:
    """Parse playbooks/people/*.yml and playbooks/<id>/initiative.yml, in sorted order."""
    base = base or playbooks.parent
    out = Sources()
    if not playbooks.is_dir():
        out.problems.append(Problem(_display(playbooks, base), 0, 0, "", "folder not found"))
        return out

    def parse(path: Path, id_: str, kind: str) -> Document | None:
        shown = _display(path, base)
        if not _inside(path, playbooks):
            out.problems.append(Problem(shown, 0, 0, "", "links outside playbooks/; refused"))
            return None
        if not path.is_file():  # a pipe or device would block the read, or never end
            out.problems.append(Problem(shown, 0, 0, "", "not a regular file; refused"))
            return None
        if not is_id(id_):
            out.problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    "",
                    f"not a valid {kind} id: {short(id_)} (from the "
                    f"{'file' if kind == 'person' else 'folder'} name; expected {ID_RULE})",
                )
            )
            return None
        doc, problems = load(path, shown)
        out.problems.extend(problems)
        return doc

    people_dir = playbooks / "people"
    if people_dir.is_dir():
        for path in sorted(people_dir.iterdir()):
            if path.suffix in (".yml", ".yaml") and path.is_file():
                if path.stem in out.people:
                    out.problems.append(
                        Problem(
                            _display(path, base),
                            0,
                            0,
                            "",
                            f"person "
                            f"'{path.stem}' has two files (expected one; "
                            "remove the .yaml or the .yml)",
                        )
                    )
                    continue
                doc = parse(path, path.stem, "person")
                if is_id(path.stem):
                    out.person_ids.add(path.stem)
                if doc:
                    out.people[path.stem] = doc
    for folder in sorted(playbooks.iterdir()):
        if not folder.is_dir() or folder.name in RESERVED or folder.name.startswith("."):
            continue
        path = folder / "initiative.yml"
        if not path.exists():
            alt = folder / "initiative.yaml"
            path = alt if alt.exists() else path
        if not path.exists():
            out.problems.append(
                Problem(_display(folder, base), 0, 0, "", "folder has no initiative.yml")
            )
            continue
        doc = parse(path, folder.name, "initiative")
        if doc:
            out.initiatives[folder.name] = doc
    pages_dir = playbooks / "pages"
    if pages_dir.is_dir():
        for path in sorted(pages_dir.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(pages_dir).as_posix()
            shown = _display(path, base)
            if not _inside(path, playbooks):
                out.problems.append(Problem(shown, 0, 0, "", "links outside playbooks/; refused"))
            elif path.stat().st_size > MAX_BYTES:
                out.problems.append(Problem(shown, 0, 0, "", TOO_LARGE))
            else:
                out.pages[rel] = path.read_bytes()
    return out
