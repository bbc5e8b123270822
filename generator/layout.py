"""Where things live in a site repository: the names of its folders and files, spelt once.

A leaf: it imports nothing, so every layer may read it (the bottom layer of the contract in
pyproject.toml). The playbooks and templates folders are defaults that mkdocs.yml may
change (the plugin's `playbooks:` and `templates:`); the others are fixed.
"""

from __future__ import annotations

__all__ = [
    "CONFIG",
    "GENERATED",
    "HOLDER",
    "LOCK",
    "OUTBOX",
    "PLAYBOOKS",
    "PLUGIN",
    "SITE",
    "TEMPLATES",
]

CONFIG = "mkdocs.yml"  # the site's MkDocs configuration, at the repository's root
PLUGIN = "playbook"  # the plugin's name in its `plugins:`
PLAYBOOKS = "playbooks"  # people/ and one folder per initiative
TEMPLATES = "templates"  # the site's own templates, overriding the packaged ones
GENERATED = "generated"  # the generated Markdown (`playbook render`)
SITE = "site"  # the built site (`playbook build`, unless --site-dir)
OUTBOX = "outbox"  # drafted mail (`playbook notify`)
LOCK = ".playbook.lock"  # the one-writer lock
HOLDER = ".playbook.lock.json"  # what the lock's holder is changing, for the next run
