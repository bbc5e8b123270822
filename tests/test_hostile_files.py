"""Hostile files end in a clean exit 1 naming the file, within seconds and bounded memory,
and nothing is written.

Each case runs `playbook build` in a child process under a memory limit and a timeout, as
a CI job would: an alias bomb or runaway recursion must be refused, not survived by luck.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.source import yamlfile
from tests.conftest import TODAY, minimal, write

MEMORY_LIMIT = 1024 * 1024 * 1024  # 1 GiB of address space for the whole process
SECONDS = 10
PEOPLE = "playbooks/people"


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _playbook(root: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {**os.environ, "PLAYBOOK_TODAY": TODAY}
    env.pop("PLAYBOOK_AUDIENCE", None)
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(root), *args],
        capture_output=True,
        text=True,
        timeout=SECONDS,
        env=env,
        preexec_fn=_limits,
        check=False,
    )
    return done, time.monotonic() - start


def _bomb() -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\nname: x\ntitle: y\nfunction: z\n"


def _long_alias() -> str:
    """A 100 KB text aliased 3,000 times: a small file that expands to 300 MB."""
    return "a: &a " + "x" * 100_000 + "\nb: [" + ", ".join(["*a"] * 3000) + "]\nname: x\n"


def _outside(root: Path, name: str, text: str) -> Path:
    path = root.parent / name
    path.write_text(text, encoding="utf-8")
    return path


def _replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    path.write_text(path.read_text("utf-8").replace(old, new), encoding="utf-8")


def _symlinked_pages_dir(root: Path) -> None:
    outside = root.parent / "secret-pages"
    outside.mkdir()
    (outside / "a.md").write_text("# secret\n", encoding="utf-8")
    (root / "playbooks" / "pages").symlink_to(outside)


def _symlinked_initiative_dir(root: Path) -> None:
    outside = root.parent / "elsewhere"
    outside.mkdir()
    shutil.copy(root / "playbooks/small/initiative.yml", outside / "initiative.yml")
    (root / "playbooks" / "linked").symlink_to(outside)


def _symlinked_page(root: Path) -> None:
    (root / "playbooks/pages").mkdir()
    (root / "playbooks/pages/leak.md").symlink_to(_outside(root, "secret.md", "# secret\n"))


def _fifo_initiative(root: Path) -> None:
    (root / "playbooks/stuck").mkdir()
    os.mkfifo(root / "playbooks/stuck/initiative.yml")


Setup = Callable[[Path], object]
CASES: dict[str, tuple[Setup, list[str]]] = {
    "python tag": (
        lambda r: write(
            r,
            f"{PEOPLE}/evil.yml",
            "name: !!python/object/apply:os.system ['echo pwned']\ntitle: x\nfunction: y\n",
        ),
        [
            "playbooks/people/evil.yml:1:7: the tag '!!python/object/apply:os.system' is not "
            "allowed (tags such as '!!python/...' are refused; write plain values)"
        ],
    ),
    "alias bomb": (
        lambda r: write(r, f"{PEOPLE}/bomb.yml", _bomb()),
        [
            "playbooks/people/bomb.yml: file refused: document expands to more than 200000 "
            "values (alias bomb?)"
        ],
    ),
    "alias of a long text": (
        lambda r: write(r, f"{PEOPLE}/long.yml", _long_alias()),
        [
            "playbooks/people/long.yml: file refused: document expands to 300 MB; the limit "
            "is 20 MB (an alias repeated many times? write the text once)"
        ],
    ),
    "deep flow nesting": (
        lambda r: write(r, f"{PEOPLE}/deep.yml", "name: " + "[" * 5000 + "]" * 5000 + "\n"),
        ["playbooks/people/deep.yml:1:1006: YAML syntax error: exceeded maximum nesting depth"],
    ),
    "deep block nesting": (
        lambda r: write(
            r,
            f"{PEOPLE}/deep.yml",
            "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n",
        ),
        ["playbooks/people/deep.yml: file refused: nesting deeper than 50 levels"],
    ),
    "very large file": (
        lambda r: write(
            r,
            f"{PEOPLE}/large.yml",
            "name: x\ntitle: y\nfunction: z\n# " + "x" * (3 * 1024 * 1024) + "\n",
        ),
        ["playbooks/people/large.yml: file is larger than 2 MiB"],
    ),
    "non-UTF-8 bytes": (
        lambda r: (r / PEOPLE / "latin.yml").write_bytes(b"name: Ann\ntitle: caf\xe9\n"),
        [
            "playbooks/people/latin.yml:2:1: file is not valid UTF-8 text (expected UTF-8; save "
            "it again as UTF-8)"
        ],
    ),
    "ids with / and ..": (
        lambda r: (
            _replace(r, "playbooks/small/initiative.yml", "id: kick-off", "id: ../../etc/x"),
            _replace(r, "playbooks/small/initiative.yml", "id: start-workshop", "id: a/b"),
        ),
        [
            "playbooks/small/initiative.yml:29:9: activities[0].id: not a valid id: "
            "'../../etc/x' (expected lowercase letters, digits and '-', starting with a letter "
            "or digit, at most 64 characters)",
            "playbooks/small/initiative.yml:34:9: training[0].id: not a valid id: 'a/b' "
            "(expected lowercase letters, digits and '-', starting with a letter or digit, at "
            "most 64 characters)",
        ],
    ),
    "symlinked person file": (
        lambda r: (r / PEOPLE / "sym.yml").symlink_to(
            _outside(r, "secret.yml", "name: S\ntitle: T\nfunction: F\n")
        ),
        ["playbooks/people/sym.yml: links outside playbooks/; refused"],
    ),
    "symlinked system file": (
        lambda r: (r / PEOPLE / "passwd.yml").symlink_to("/etc/passwd"),
        ["playbooks/people/passwd.yml: links outside playbooks/; refused"],
    ),
    "symlinked initiative folder": (
        _symlinked_initiative_dir,
        ["playbooks/linked/initiative.yml: links outside playbooks/; refused"],
    ),
    "symlinked page": (
        _symlinked_page,
        ["playbooks/pages/leak.md: links outside playbooks/; refused"],
    ),
    "symlinked pages folder": (
        _symlinked_pages_dir,
        ["playbooks/pages/a.md: links outside playbooks/; refused"],
    ),
    "initiative that is a pipe": (
        _fifo_initiative,
        ["playbooks/stuck/initiative.yml: not a regular file; refused"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_is_refused_cleanly(blank: Path, case: str) -> None:
    setup, expected = CASES[case]
    minimal(blank)
    setup(blank)
    done, seconds = _playbook(blank, "build")
    n = len(expected)
    assert done.stderr.splitlines() == [
        *expected,
        f"{n} error{'s' if n > 1 else ''} found; nothing was written.",
    ]
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert seconds < SECONDS
    assert not (blank / "generated").exists()
    assert not (blank / "site").exists()


def test_the_limits_leave_room_for_a_good_build(blank: Path) -> None:
    """The same child process, limits and all, builds a valid playbook: the cases above
    fail because of their file, not because of the harness."""
    minimal(blank)
    done, _ = _playbook(blank, "render")
    assert done.returncode == 0, done.stderr
    assert (blank / "generated" / "small" / "index.md").is_file()


def test_an_expanding_file_is_measured_in_bounded_memory(tmp_path: Path) -> None:
    """The 300 MB the file would expand to are counted, never built: the peak stays near
    the size of the file itself."""
    path = tmp_path / "long.yml"
    path.write_text(_long_alias(), encoding="utf-8")
    tracemalloc.start()
    try:
        document, problems = yamlfile.load(path, "long.yml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert document is None
    assert [p.message for p in problems] == [
        "file refused: document expands to 300 MB; the limit is 20 MB (an alias repeated "
        "many times? write the text once)"
    ]
    assert peak < 5_000_000, peak
