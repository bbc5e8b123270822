"""Find the playbook files under playbooks/ and parse them (no validation beyond YAML)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.source.model import ID_RULE, is_id
from generator.source.problems import Problem, printable, short
from generator.source.yamlfile import MAX_BYTES, TOO_LARGE, Document, load

__all__ = ["RESERVED", "Sources", "load_sources"]

# Folders of playbooks/ that are not initiatives.
RESERVED = ("people", "pages")
# The folder of an initiative holding what each member signed (`playbook sign`).
SIGNED = "signed"


@dataclass
class Sources:
    """Every parsed file, keyed by id, plus what stopped other files from parsing."""

    people: dict[str, Document] = field(default_factory=dict)
    initiatives: dict[str, Document] = field(default_factory=dict)
    pages: dict[str, bytes] = field(default_factory=dict)
    # The kept copies of signed charters: initiative id -> person id -> document.
    signed: dict[str, dict[str, Document]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Every person with a file, parsed or not: a broken person file is reported once, not
    # again as an "unknown person" wherever the person is named.
    person_ids: set[str] = field(default_factory=set)
    # Where each person and initiative was read from, relative to the playbooks folder (POSIX):
    # the file a reader edits to change a page built from it.
    person_files: dict[str, str] = field(default_factory=dict)
    initiative_files: dict[str, str] = field(default_factory=dict)


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


class _Loader:
    """Reads the files of one playbooks folder into `Sources`, noting what it refuses."""

    def __init__(self, playbooks: Path, base: Path) -> None:
        self.playbooks = playbooks
        self.base = base
        self.out = Sources()

    def refuse(self, path: Path, message: str) -> None:
        self.out.problems.append(Problem(_display(path, self.base), 0, 0, "", message))

    def within(self, path: Path) -> str:
        return path.relative_to(self.playbooks).as_posix()

    def parse(self, path: Path, id_: str, kind: str) -> Document | None:
        if not _inside(path, self.playbooks):
            self.refuse(path, "links outside playbooks/; refused")
            return None
        if not path.is_file():  # a pipe or device would block the read, or never end
            self.refuse(path, "not a regular file; refused")
            return None
        if not is_id(id_):
            named = "folder" if kind == "initiative" else "file"
            self.refuse(
                path,
                f"not a valid {kind} id: {short(id_)} (from the {named} name; expected {ID_RULE})",
            )
            return None
        doc, problems = load(path, _display(path, self.base))
        self.out.problems.extend(problems)
        return doc

    def people(self) -> None:
        folder = self.playbooks / "people"
        if not folder.is_dir():
            return
        for path in sorted(folder.iterdir()):
            if path.suffix not in (".yml", ".yaml") or not path.is_file():
                continue
            if path.stem in self.out.people:
                self.refuse(
                    path,
                    f"person '{path.stem}' has two files (expected one; "
                    "remove the .yaml or the .yml)",
                )
                continue
            doc = self.parse(path, path.stem, "person")
            if is_id(path.stem):
                self.out.person_ids.add(path.stem)
            if doc:
                self.out.people[path.stem] = doc
                self.out.person_files[path.stem] = self.within(path)

    def initiatives(self) -> None:
        for folder in sorted(self.playbooks.iterdir()):
            if not folder.is_dir() or folder.name in RESERVED or folder.name.startswith("."):
                continue
            path = folder / "initiative.yml"
            if not path.exists() and (folder / "initiative.yaml").exists():
                path = folder / "initiative.yaml"
            if not path.exists():
                self.refuse(folder, "folder has no initiative.yml")
                continue
            doc = self.parse(path, folder.name, "initiative")
            if doc:
                self.out.initiatives[folder.name] = doc
                self.out.initiative_files[folder.name] = self.within(path)
                self.signed(folder)

    def signed(self, folder: Path) -> None:
        """The kept copies of signed charters in `folder`/signed/, one file per person."""
        found: dict[str, Document] = {}
        kept = folder / SIGNED
        if not kept.is_dir():
            return
        for path in sorted(kept.iterdir()):
            if path.suffix != ".yml" or path.name.startswith("."):
                continue
            doc = self.parse(path, path.stem, "person")
            if doc:
                found[path.stem] = doc
        if found:
            self.out.signed[folder.name] = found

    def pages(self) -> None:
        folder = self.playbooks / "pages"
        if not folder.is_dir():
            return
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            if not _inside(path, self.playbooks):
                self.refuse(path, "links outside playbooks/; refused")
            elif path.stat().st_size > MAX_BYTES:
                self.refuse(path, TOO_LARGE)
            else:
                self.out.pages[path.relative_to(folder).as_posix()] = path.read_bytes()


def load_sources(playbooks: Path, base: Path | None = None) -> Sources:
    """Parse playbooks/people/*.yml, playbooks/<id>/initiative.yml and signed/*.yml beside it,
    and playbooks/pages/, in sorted order; paths in messages are relative to `base` (the
    repository)."""
    loader = _Loader(playbooks, base or playbooks.parent)
    if not playbooks.is_dir():
        loader.refuse(playbooks, "folder not found")
        return loader.out
    loader.people()
    loader.initiatives()
    loader.pages()
    return loader.out
