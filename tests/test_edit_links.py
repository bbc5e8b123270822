"""Material's "edit this page" (SPEC "Where to change it"): with `repo_url` and `edit_uri` set,
a page built from a YAML file points at that file in the repository, never at the generated
Markdown; a page built from no one file has none; a file the audience may not see is never
named; and without `edit_uri` nothing changes.

The sites are built as users build them (`playbook build`, `mkdocs build`, `properdocs build`)
and read as HTML: the action is what Material renders from the page's `edit_url`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.content.audience import filter_project
from generator.content.plan import plan
from generator.pipeline import Layout, Settings, load_project
from tests.conftest import REPO, TODAY, copy_repo, minimal, run
from tests.test_plugin import build_with, foreign_site

REPOSITORY = "https://git.example.com/transformation-office/change-playbooks"
EDIT = REPOSITORY + "/edit/main/playbooks/"
# Material's action: a link with rel="edit" (its title is the theme's translated wording).
ACTION = re.compile(
    r'<a href="([^"]*)" title="[^"]*" class="md-content__button md-icon" rel="edit"'
)
AUDIENCES = ("everyone", "leadership", "core")


def edit_links(page: Path) -> list[str]:
    return ACTION.findall(page.read_text("utf-8"))


def with_repository(root: Path) -> Path:
    """The shipped mkdocs.yml with its commented repo_url and edit_uri lines switched on."""
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    on = text.replace(f"# repo_url: {REPOSITORY}\n", f"repo_url: {REPOSITORY}\n")
    on = on.replace("# edit_uri: edit/main/playbooks/\n", "edit_uri: edit/main/playbooks/\n")
    assert on.count("\nrepo_url:") == 1 and on.count("\nedit_uri:") == 1, "mkdocs.yml changed"
    config.write_text(on, "utf-8")
    return root


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example built for each audience, with the repository's address set."""
    root = with_repository(copy_repo(tmp_path_factory.mktemp("edit") / "repo"))
    out = {}
    for audience in AUDIENCES:
        target = root / f"site-{audience}"
        result = run(root, "build", "--audience", audience, "--site-dir", str(target))
        assert result.exit_code == 0, result.output
        out[audience] = target
    return out


def test_a_charter_points_at_its_initiative_file(sites: dict[str, Path]) -> None:
    page = sites["leadership"] / "client-experience/charters/sam-okafor/index.html"
    assert edit_links(page) == [EDIT + "client-experience/initiative.yml"]


def test_a_person_page_points_at_the_person_file(sites: dict[str, Path]) -> None:
    page = sites["leadership"] / "people/sam-okafor/index.html"
    assert edit_links(page) == [EDIT + "people/sam-okafor.yml"]


@pytest.mark.parametrize(
    "rel",
    [
        "finance-close/index.html",
        "finance-close/stages/pilot/index.html",
        "client-experience/training/case-for-change/index.html",
        "client-experience/charters/index.html",
        "client-experience/decision-rights/index.html",
        "client-experience/scorecard/index.html",
    ],
)
def test_initiative_pages_point_at_the_initiative_file(sites: dict[str, Path], rel: str) -> None:
    initiative = rel.split("/", 1)[0]
    assert edit_links(sites["leadership"] / rel) == [EDIT + f"{initiative}/initiative.yml"]


@pytest.mark.parametrize(
    "rel", ["index.html", "people/index.html", "tags/index.html", "pages/about/index.html"]
)
def test_pages_built_from_no_one_yaml_file_have_no_edit_action(
    sites: dict[str, Path], rel: str
) -> None:
    page = sites["leadership"] / rel
    assert page.is_file(), rel
    assert edit_links(page) == []


def test_no_page_points_at_generated_markdown(sites: dict[str, Path]) -> None:
    for audience, site in sites.items():
        for page in site.rglob("*.html"):
            for link in edit_links(page):
                assert link.startswith(EDIT) and link.endswith(".yml"), (audience, page, link)
                assert "generated" not in link, (audience, page, link)


def test_the_core_only_pages_point_at_their_file_in_the_core_site(sites: dict[str, Path]) -> None:
    core = sites["core"]
    assert edit_links(core / "client-experience/engagement/index.html") == [
        EDIT + "client-experience/initiative.yml"
    ]
    module = "client-experience/training/cfo-one-to-one/index.html"
    assert edit_links(core / module) == [EDIT + "client-experience/initiative.yml"]
    assert not (sites["leadership"] / module).exists()


def test_a_file_above_the_audience_is_never_named(sites: dict[str, Path]) -> None:
    """The everyone site names no person file, in a link or anywhere else; the leadership
    and core sites link each person page to its own."""
    people = sorted(p.name for p in (REPO / "playbooks" / "people").glob("*.yml"))
    for path in sites["everyone"].rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js"):
            text = path.read_text("utf-8", errors="replace")
            assert "playbooks/people/" not in text, path
            assert "/signed/" not in text, path
    linked = {link for page in sites["everyone"].rglob("*.html") for link in edit_links(page)}
    assert linked and all(link.endswith("/initiative.yml") for link in linked), linked
    for audience in ("leadership", "core"):
        for name in people:
            page = sites[audience] / "people" / name.removesuffix(".yml") / "index.html"
            assert edit_links(page) == [EDIT + "people/" + name], (audience, name)


def test_the_plan_gives_person_files_only_to_those_who_see_people() -> None:
    """Decided by the audience filter: below leadership the plan has no person file to name,
    whatever page a planner might add."""
    on = dt.date.fromisoformat(TODAY)
    project, _ = load_project(Layout(REPO), on)
    for audience in AUDIENCES:
        seen = filter_project(project, audience)
        sources = set(plan(seen, Settings(today=on, audience=audience)).sources.values())
        people = {s for s in sources if s.startswith("people/")}
        assert bool(people) == (audience != "everyone"), audience
        assert bool(seen.person_files) == (audience != "everyone"), audience
        assert "client-experience/initiative.yml" in sources


def test_the_file_as_it_is_named(tmp_path: Path) -> None:
    """An initiative read from initiative.yaml, a person from a .yaml file: the link names
    the file that is there."""
    root = copy_repo(tmp_path / "repo", playbooks=False)
    minimal(root)
    (root / "playbooks/small/initiative.yml").rename(root / "playbooks/small/initiative.yaml")
    (root / "playbooks/people/bo-chen.yml").rename(root / "playbooks/people/bo-chen.yaml")
    on = dt.date.fromisoformat(TODAY)
    project, _ = load_project(Layout(root), on)
    sources = plan(project, Settings(today=on, audience="leadership")).sources
    assert sources["small/charters/bo-chen.md"] == "small/initiative.yaml"
    assert sources["people/bo-chen.md"] == "people/bo-chen.yaml"
    assert sources["people/ann-lee.md"] == "people/ann-lee.yml"
    assert "index.md" not in sources and "people/index.md" not in sources


def test_without_edit_uri_no_page_has_the_action(tmp_path: Path) -> None:
    """The shipped configuration: the feature is on, but no repository is named."""
    root = copy_repo(tmp_path / "repo")
    assert "content.action.edit" in (root / "mkdocs.yml").read_text("utf-8")
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    pages = list((root / "site").rglob("*.html"))
    assert len(pages) > 30
    assert not [p for p in pages if edit_links(p) or 'rel="edit"' in p.read_text("utf-8")]


FOREIGN = """
repo_url: https://git.example.com/intranet/site
edit_uri: edit/main/docs/
theme:
  name: material
  features: [content.action.edit]
"""


@pytest.mark.parametrize("tool", ["mkdocs", "properdocs"])
def test_a_site_whose_docs_are_beside_the_playbooks(tmp_path: Path, tool: str) -> None:
    """docs/ and playbooks/ side by side: edit_uri names docs/, and the link reaches the
    playbooks from there, as MkDocs (or ProperDocs) links the site's own pages."""
    if tool == "properdocs":
        pytest.importorskip("properdocs")
    root = foreign_site(tmp_path / "site")
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace("theme:\n  name: material\n", FOREIGN.lstrip("\n"))
    config.write_text(text, "utf-8")
    # The generator of this checkout, whatever the environment has installed.
    result = build_with(tool, root, env={"PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr
    site = root / "site"
    repo = "https://git.example.com/intranet/site/edit/main/"
    assert edit_links(site / "guide/index.html") == [repo + "docs/guide.md"]
    charter = site / "change/client-experience/charters/lee-wong/index.html"
    assert edit_links(charter) == [repo + "playbooks/client-experience/initiative.yml"]
    person = site / "change/people/lee-wong/index.html"
    assert edit_links(person) == [repo + "playbooks/people/lee-wong.yml"]
    assert edit_links(site / "change/index.html") == []
