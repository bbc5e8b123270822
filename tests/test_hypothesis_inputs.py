"""Hostile input as a test suite: mutated playbooks end in a clean exit 0 or 1, never a
traceback (the CLI runs in-process with catch_exceptions=False, so any exception fails)."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINIMAL_INITIATIVE, MINIMAL_PEOPLE, copy_repo, run, write

BASE = yaml.safe_load(MINIMAL_INITIATIVE)

ODD_VALUES = st.sampled_from(
    [
        None,
        0,
        -1,
        1.5,
        True,
        "",
        " ",
        "x" * 300,
        [],
        {},
        [1, 2],
        {"a": 1},
        "Not An Id",
        "2026-13-01",
        dt.date(2026, 2, 30 - 2),
        "all",
        "<script>alert(1)</script>",
        "{{ x }}",
        "zz-unknown",
        "start",
        "ann-lee",
        "ann-le",
        10**30,
    ]
)
GARBAGE = st.sampled_from(
    [
        ":",
        "- ",
        "[",
        "{",
        "}",
        "\t",
        "&a ",
        "*a",
        "!!python/object:os.system ",
        "'",
        '"',
        "? ",
        "---\n",
        "\n  - x",
        "<<: *a\n",
        "\x00",
        "\ufeff",
        "%YAML 1.1\n",
        "!!int ",
        "\\",
        "key: value\n",
        "  ",
        "#",
    ]
)

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, (*prefix, i))
    return out


ALL_PATHS = paths(BASE)


def mutate(data: Any, path: tuple[Any, ...], how: str, value: Any) -> Any:
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "drop":
        del parent[last]
    elif how == "rename" and isinstance(last, str):
        parent[last[:-1] or "x"] = parent.pop(last)
    elif how == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    else:
        parent[last] = value
    return data


_REPO: list[Path] = []


def fresh_repo() -> Path:
    """One copy of templates and config for the whole module (copying per example is slow);
    every example gets fresh playbooks/ and no generated/."""
    if not _REPO:
        _REPO.append(
            copy_repo(Path(tempfile.mkdtemp(prefix="playbook-hyp-")) / "repo", playbooks=False)
        )
    root = _REPO[0]
    for name in ("playbooks", "generated"):
        shutil.rmtree(root / name, ignore_errors=True)
    return root


def check(files: dict[str, str | bytes], command: str = "validate") -> None:
    root = fresh_repo()
    for pid, text in MINIMAL_PEOPLE.items():
        write(root, f"playbooks/people/{pid}.yml", text)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    result = run(root, command)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        last = result.stderr.splitlines()[-1]
        assert last.endswith("nothing was written."), result.stderr
        assert not (root / "generated").exists()


@SETTINGS
@given(
    mutations=st.lists(
        st.tuples(
            st.sampled_from(ALL_PATHS),
            st.sampled_from(["drop", "rename", "set", "duplicate"]),
            ODD_VALUES,
        ),
        min_size=1,
        max_size=4,
    ),
    command=st.sampled_from(["validate", "render"]),
)
def test_mutated_playbook_fails_cleanly(mutations: list[tuple[Any, ...]], command: str) -> None:
    data = BASE
    for path, how, value in mutations:
        try:
            data = mutate(data, path, how, value)
        except (KeyError, IndexError, TypeError, AttributeError):
            continue  # an earlier mutation removed this path
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    check({"playbooks/small/initiative.yml": text}, command)


@SETTINGS
@given(
    position=st.integers(min_value=0, max_value=len(MINIMAL_INITIATIVE)),
    garbage=st.lists(GARBAGE, min_size=1, max_size=3).map("".join),
)
def test_garbage_in_the_text_fails_cleanly(position: int, garbage: str) -> None:
    text = MINIMAL_INITIATIVE[:position] + garbage + MINIMAL_INITIATIVE[position:]
    check({"playbooks/small/initiative.yml": text})


@SETTINGS
@given(raw=st.binary(max_size=200), name=st.sampled_from(["bo-chen", "Bad Name", "zz"]))
def test_any_bytes_as_a_person_file_fail_cleanly(raw: bytes, name: str) -> None:
    check(
        {f"playbooks/people/{name}.yml": raw, "playbooks/small/initiative.yml": MINIMAL_INITIATIVE}
    )
