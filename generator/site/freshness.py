"""Whether the generated folder already reflects the inputs: the no-op render's shortcut.

The key covers every input of a render: the playbooks, the templates, the generator's own
code, the audience and the date (review_by notices depend on it). Files are compared by
content, not modification time: an edit within the clock's granularity still counts. Reading
a few thousand small files costs far less than parsing them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import generator

_CODE = Path(generator.__file__).resolve().parent


def input_key(playbooks: Path, templates: Path, audience: str, on: dt.date) -> str:
    digest = hashlib.sha256(f"{generator.__version__}|{audience}|{on.isoformat()}".encode())
    for folder in (playbooks, templates, _CODE):
        if not folder.is_dir():
            digest.update(f"missing:{folder}".encode())
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(folder)}\n".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
