from __future__ import annotations

import typing

import pytest

from generator.markdown.icons import ROLE_ICONS, role_icon
from generator.source.model import Role


@pytest.mark.parametrize("role", typing.get_args(Role))
def test_every_role_has_an_inline_icon(role: str) -> None:
    assert role in ROLE_ICONS
    icon = str(role_icon(role))
    assert icon.startswith('<span class="pb-icon" aria-hidden="true"><svg')
    assert "<script" not in icon and "href" not in icon


def test_unknown_role_has_no_icon() -> None:
    assert str(role_icon("jester")) == ""
