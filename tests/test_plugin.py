"""The MkDocs plugin in a site that is not this repository: its own home page, nav and docs/.

Each build runs MkDocs (or ProperDocs) as a user would, in a child process: the plugin is found
through its entry point, with the templates and stylesheet that ship in the package.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO, TODAY, require, sign_again

THEIR_NAV = """
nav:
  - Home: index.md
  - Guide: guide.md
  - Change: change/
"""


def foreign_site(root: Path, nav: str = THEIR_NAV, plugin: str = "prefix: change/") -> Path:
    """A Material site of its own (home page, a guide, a nav), carrying the example playbooks."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Our intranet\n\nWelcome.\n", "utf-8")
    (root / "docs" / "guide.md").write_text("# Guide\n\nHow we work.\n", "utf-8")
    shutil.copytree(REPO / "playbooks", root / "playbooks")
    sign_again(root)  # builds here are strict: no warning may be left
    config = f"""
        site_name: Our intranet
        theme:
          name: material
        plugins:
          - search
          - playbook:
              {plugin}
        markdown_extensions: [admonition, tables, md_in_html, toc]
        """
    (root / "mkdocs.yml").write_text(textwrap.dedent(config) + nav, "utf-8")
    return root


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build_with(
    tool: str, root: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` (or `properdocs`) in `root`, as a user would run it."""
    command = [sys.executable, "-m", tool, "build", "--strict", "-f", "mkdocs.yml"]
    full_env = {**os.environ, "PLAYBOOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    full_env.pop("PLAYBOOK_AUDIENCE", None)
    full_env.update(env or {})
    return subprocess.run(
        command, cwd=root, env=full_env, capture_output=True, text=True, timeout=180, check=False
    )


def nav_titles(page: Path) -> list[str]:
    """The titles of the primary navigation's links, in order."""
    html = page.read_text("utf-8")
    return re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+?)\s*<', html)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = foreign_site(tmp_path_factory.mktemp("foreign") / "site")
    docs = tree(root / "docs")
    result = build_with("mkdocs", root)
    assert result.returncode == 0, result.stderr
    assert tree(root / "docs") == docs, "the plugin wrote into the site's docs_dir"
    return root


def test_the_playbook_lives_under_its_prefix_beside_the_sites_own_pages(built: Path) -> None:
    site = built / "site"
    assert "Our intranet" in (site / "index.html").read_text("utf-8")
    assert (site / "guide" / "index.html").is_file()
    for rel in (
        "change/index.html",
        "change/client-experience/index.html",
        "change/client-experience/charters/lee-wong/index.html",
        "change/people/lee-wong/index.html",
        "change/pages/about/index.html",
    ):
        assert (site / rel).is_file(), rel
    assert not (built / "generated").exists()


def test_its_navigation_goes_where_the_site_names_the_prefix(built: Path) -> None:
    titles = nav_titles(built / "site" / "guide" / "index.html")
    assert titles[:3] == ["Home", "Guide", "Change"], titles
    overview = (built / "site" / "change" / "client-experience" / "index.html").read_text("utf-8")
    assert "Client Experience Transformation" in overview


def test_banner_and_stylesheet_work_without_our_theme_overrides(built: Path) -> None:
    site = built / "site"
    charter = (site / "change/client-experience/charters/lee-wong/index.html").read_text("utf-8")
    assert 'class="admonition abstract pb-stage-banner"' in charter
    assert 'href="../../stages/development/"' in charter
    assert (site / "change" / "assets" / "playbook.css").is_file()
    assert 'href="../../../assets/playbook.css"' in charter or "change/assets/playbook.css" in (
        charter
    )


def test_no_playbook_yaml_is_ever_published(built: Path) -> None:
    site = built / "site"
    assert not [p for p in site.rglob("*") if p.suffix in (".yml", ".yaml")]
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert not any(
        "assessment" in doc["text"] and "support:" in doc["text"] for doc in index["docs"]
    )


def test_without_a_nav_the_playbook_is_added_after_the_sites_pages(tmp_path: Path) -> None:
    root = foreign_site(tmp_path / "site", nav="")
    result = build_with("mkdocs", root)
    assert result.returncode == 0, result.stderr
    titles = nav_titles(root / "site" / "guide" / "index.html")
    assert titles.index("Guide") < titles.index("Change"), titles


def test_yaml_in_docs_dir_is_not_published_either(tmp_path: Path) -> None:
    """A site whose docs_dir is the playbooks folder itself (only mkdocs.yml and playbooks/)."""
    root = tmp_path / "site"
    shutil.copytree(REPO / "playbooks", root / "playbooks")
    sign_again(root)
    (root / "mkdocs.yml").write_text(
        "site_name: Playbooks\ndocs_dir: playbooks\ntheme: {name: material}\n"
        "plugins: [search, playbook]\nmarkdown_extensions: [admonition, tables, md_in_html, toc]\n",
        "utf-8",
    )
    result = build_with("mkdocs", root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert (site / "client-experience" / "index.html").is_file()
    assert (site / "pages" / "about" / "index.html").is_file()
    assert not [p for p in site.rglob("*") if p.suffix in (".yml", ".yaml")]


def test_bad_input_is_a_plugin_error_naming_file_and_line(tmp_path: Path) -> None:
    root = foreign_site(tmp_path / "site")
    path = root / "playbooks" / "client-experience" / "initiative.yml"
    path.write_text(path.read_text("utf-8").replace("sponsor: dana-whitfield", "sponsor: dana"))
    result = build_with("mkdocs", root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith(
        "ERROR   -  playbooks/client-experience/initiative.yml:31:10: sponsor: unknown person "
        "'dana' (expected a person id: a file playbooks/people/dana.yml)\n"
        "1 error found; nothing was written.\n"
    )
    assert not (root / "site").exists()


def test_audience_option_and_its_environment_override(tmp_path: Path) -> None:
    root = foreign_site(tmp_path / "site", plugin="{prefix: change/, audience: everyone}")
    result = build_with("mkdocs", root)
    assert result.returncode == 0, result.stderr
    assert not (root / "site" / "change" / "client-experience" / "charters").exists()
    result = build_with("mkdocs", root, env={"PLAYBOOK_AUDIENCE": "core"})
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "change" / "client-experience" / "engagement" / "index.html").is_file()


def test_a_site_template_overrides_the_packaged_one_file_by_file(tmp_path: Path) -> None:
    root = foreign_site(tmp_path / "site")
    (root / "templates").mkdir()
    (root / "templates" / "home.md.j2").write_text("# Our change programme\n", "utf-8")
    result = build_with("mkdocs", root)
    assert result.returncode == 0, result.stderr
    assert "Our change programme" in (root / "site" / "change" / "index.html").read_text("utf-8")
    overview = (root / "site" / "change" / "client-experience" / "index.html").read_text("utf-8")
    assert "Stage gate" in overview  # every other page still from the packaged templates


def test_the_same_site_builds_with_properdocs(built: Path, tmp_path: Path) -> None:
    require("properdocs")
    root = foreign_site(tmp_path / "site")
    result = build_with("properdocs", root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert "ProperDocs" in (site / "index.html").read_text("utf-8")  # it really ran
    page = (site / "change/client-experience/charters/lee-wong/index.html").read_text("utf-8")
    assert 'class="admonition abstract pb-stage-banner"' in page
    assert nav_titles(site / "guide" / "index.html")[:3] == ["Home", "Guide", "Change"]
    # The pages themselves are the same as MkDocs made them, but for the generator's name.
    ours = (built / "site" / "change/client-experience/charters/lee-wong/index.html").read_text()
    strip = [line for line in page.splitlines() if 'name="generator"' not in line]
    assert strip == [line for line in ours.splitlines() if 'name="generator"' not in line]


def test_pip_installed_package_carries_templates_and_theme(tmp_path: Path) -> None:
    """`pip install <repo>` (not editable): the CLI, the plugin, the templates and the theme
    assets all come from the installed package."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "generator", "templates", "site_overrides"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, source / name)
    target = tmp_path / "installed"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    packaged = target / "generator"

    def listing(folder: Path, pattern: str) -> set[str]:
        return {
            p.relative_to(folder).as_posix()
            for p in folder.rglob(pattern)
            if "__pycache__" not in p.parts
        }

    # Every module, template and theme asset of the checkout is in the installed package.
    assert listing(REPO / "generator", "*.py") <= listing(packaged, "*.py")
    assert listing(REPO / "templates", "*.j2") <= listing(packaged / "templates", "*.j2")
    assert listing(REPO / "site_overrides", "*.*") <= listing(packaged / "theme", "*.*")
    assert listing(REPO / "generator" / "locale", "*.po") <= listing(packaged / "locale", "*.po")
    assert (packaged / "py.typed").is_file(), "py.typed does not ship: the package is typed"
    root = foreign_site(tmp_path / "site")
    env = {"PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import generator; print(generator.packaged('templates'))"],
        cwd=root,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()) == packaged / "templates"
    result = build_with("mkdocs", root, env=env)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "change" / "assets" / "playbook.css").read_bytes() == (
        REPO / "site_overrides" / "assets" / "playbook.css"
    ).read_bytes()


def test_playbook_commands_read_the_sites_mkdocs_yml(tmp_path: Path) -> None:
    """`playbook build` in a site that keeps its playbooks elsewhere, under a prefix and with
    a site_url: the command finds them as the plugin does, and calendar links are absolute."""
    from tests.conftest import run

    root = foreign_site(tmp_path / "site", plugin="{prefix: change/, playbooks: people-data}")
    (root / "playbooks").rename(root / "people-data")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as fh:
        fh.write("site_url: https://intranet.example/\n")
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    calendar = (root / "site" / "change" / "calendars" / "finance-close.ics").read_bytes()
    unfolded = calendar.decode("utf-8").replace("\r\n ", "")
    assert (
        "Details: https://intranet.example/change/finance-close/training/close-walkthrough/"
        in unfolded
    )
    assert run(root, "validate").exit_code == 0


def test_build_without_the_plugin_is_refused_and_keeps_the_old_site(tmp_path: Path) -> None:
    """The build hands its run to the plugin it finds by name (site/build.py does not import
    the plugin, a door): a mkdocs.yml without it is a clear refusal, nothing built."""
    from tests.conftest import run

    root = foreign_site(tmp_path / "site")
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"  - playbook:\n.*\n", "", config.read_text("utf-8")), "utf-8")
    assert "playbook" not in config.read_text("utf-8")
    (root / "site").mkdir()
    (root / "site" / "old.html").write_text("old", "utf-8")
    result = run(root, "build")
    assert result.exit_code == 1
    assert result.output == (
        "mkdocs.yml: the playbook plugin is not in `plugins:`; add `- playbook` there "
        "(and remove any old `hooks:` entry for the generator)\n"
    )
    assert sorted(p.name for p in (root / "site").iterdir()) == ["old.html"]
    assert not (root / "generated").exists()
