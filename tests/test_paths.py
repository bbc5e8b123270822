"""Links between pages: the fast relative path agrees with posixpath.relpath."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from generator.content.paths import relative

# A page: folders, then a Markdown file (a folder's name never ends in .md).
_FOLDERS = st.lists(st.sampled_from(["a", "b", "charters"]), max_size=3)
_PAGE = st.tuples(_FOLDERS, st.sampled_from(["index.md", "x.md", "a.md"])).map(
    lambda fs: "/".join([*fs[0], fs[1]])
)


@given(_PAGE, _PAGE)
def test_relative_is_posix_relpath(target: str, here: str) -> None:
    assert relative(target, here) == posixpath.relpath(target, posixpath.dirname(here) or ".")


def test_relative_examples() -> None:
    assert relative("cx/charters/ann.md", "cx/stages/one.md") == "../charters/ann.md"
    assert relative("cx/index.md", "cx/charters/ann.md") == "../index.md"
    assert relative("people/ann.md", "index.md") == "people/ann.md"
    assert relative("index.md", "pages/a/b.md") == "../../index.md"
