"""Whether the generated folder already reflects the inputs: the no-op render's shortcut.

The key covers every input of a render: the playbooks, the templates (the site's own and the
packaged ones), the generator's own code and the run's settings (today's date among them:
review notices depend on it). Files are compared by content, not modification time: an edit
within the clock's granularity still counts. Reading a few thousand small files costs far
less than parsing them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import generator

if TYPE_CHECKING:
    from generator.pipeline import Layout, Settings

__all__ = ["input_key"]

_CODE = Path(generator.__file__).resolve().parent


def input_key(layout: Layout, settings: Settings) -> str:
    digest = hashlib.sha256(f"{generator.__version__}|{settings!r}".encode())
    for folder in (layout.playbooks, *layout.template_folders, _CODE):
        if not folder.is_dir():
            digest.update(f"missing:{folder}".encode())
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(folder)}\n".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
