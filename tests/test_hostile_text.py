"""User text is data: markup, script, unsafe links and template syntax in EVERY text field are
shown as written and never run, in the built HTML (pages, <title>, nav, search index).

The playbooks are generated from the model itself, so a text field added to model.py is
covered without touching this file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
import typing
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from generator.source.model import ID_PATTERN, Initiative, Person
from tests.sites import Output, build

TAGS: dict[str, str] = {}  # tag -> key path of the field it sits in


def payload(path: str) -> str:
    tag = f"F{len(TAGS):03d}"
    TAGS[tag] = path
    return (
        f"{tag} <script>alert('{tag}')</script> </title><script>alert(2)</script> "
        '<img src=x onerror=alert(1)> "onmouseover=alert(1) x=" '
        "[a](javascript:alert(1)) [b]( JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1)) "
        "[d](java\tscript:alert(1)) [e](<javascript:alert(1)>) <javascript:alert(1)> "
        "[f](vbscript:msgbox(1)) [g](data:text/html;base64,PHNjcmlwdD4=) "
        "![h](https://tracker.example/p.gif) &lt;b&gt; &#60;i&#62; "
        "{{ 7*7 }} {% raw %}x{% endraw %} {# c #} ${7+7} [i][r]\n"
        "[r]: javascript:alert(1)\n"
        "- [j]: javascript:alert(1)"
    )


# Id fields hold valid references; everything else that is text holds a payload.
PERSON_REFS = {
    "person",
    "sponsor",
    "accountable",
    "owner",
    "reports_to",
    "responsible",
    "consulted",
    "informed",
    "attendees",
    "people",
}
STAGE_REFS = {"stage", "current_stage"}
# Not free text: validated as a time zone and a clock time, so they hold valid values.
CONSTRAINED = {"timezone": "Europe/London", "start": "09:00"}


def _is_id(annotation: Any, metadata: tuple[Any, ...]) -> bool:
    return any(
        getattr(m, "pattern", None) == ID_PATTERN
        for m in (*getattr(annotation, "__metadata__", ()), *metadata)
    )


def fill(annotation: Any, path: str, name: str, metadata: tuple[Any, ...] = ()) -> Any:
    """A value for a field of this type, every text in it a payload."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return fill(options[0], path, name, metadata)
    if origin is typing.Literal:
        return typing.get_args(annotation)[0]
    if name in CONSTRAINED:
        return CONSTRAINED[name]
    if _is_id(annotation, metadata) or hasattr(annotation, "__metadata__"):
        if _is_id(annotation, metadata):
            if name in PERSON_REFS:
                return "ann-lee"
            return "start" if name in STAGE_REFS or path.startswith("stages[") else name
        return fill(typing.get_args(annotation)[0], path, name)
    if origin is list:
        return [fill(typing.get_args(annotation)[0], f"{path}[0]", name)]
    if origin is dict and name == "answers":  # a pulse answer to the question filled as `id`
        return {"id": 3}
    if origin is dict:
        return {"start": fill(typing.get_args(annotation)[1], f"{path}.start", name)}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {
            k: fill(f.annotation, f"{path}.{k}" if path else k, k, tuple(f.metadata))
            for k, f in annotation.model_fields.items()
        }
    if annotation is dt.date:
        return "2026-01-05"
    if annotation is bool:
        return False
    if annotation is int:
        return 30
    if annotation is float:
        return 2.0
    if annotation is str:
        return payload(path)
    raise AssertionError(f"no filler for {annotation!r} at {path}")


def _playbooks() -> tuple[dict[str, Any], dict[str, Any]]:
    ann = fill(Person, "ann-lee", "")
    bo = fill(Person, "bo-chen", "")
    ann["reports_to"], bo["reports_to"] = "bo-chen", None
    ini = fill(Initiative, "", "")
    return {"ann-lee": ann, "bo-chen": bo}, {"hostile": ini}


PEOPLE, INITIATIVES = _playbooks()
URL_FIELDS = {t for t, p in TAGS.items() if p.endswith(".url")}
# Text no page shows: the office's address is only where the weekly digest goes (the leak
# tests hold it to that: canaries.NEVER_SHOWN).
NOT_ON_PAGES = {t for t, p in TAGS.items() if p == "office_email"}
SITE_SCRIPT = re.compile(r"^(/|(\.\./)*)assets/(javascripts/[\w.]+|playbook)\.js$")  # theirs, ours
BAD_SCHEME = re.compile(r"^(javascript|data|vbscript):")


class Page(HTMLParser):
    """What a browser would run and show: script elements, attributes, visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self.title: list[str] = []
        self.nav: list[str] = []
        self._stack: list[str] = []
        self._nav_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.extend((tag, k, v) for k, v in attrs)
        if tag == "script":
            self.scripts.append((dict(attrs), ""))
        if tag == "nav" or self._nav_depth:
            self._nav_depth += tag == "nav"
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1

    def handle_data(self, data: str) -> None:
        inside = self._stack[-1] if self._stack else ""
        if inside == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif inside == "title" and "svg" not in self._stack:
            self.title.append(data)
        elif inside != "style":
            self.text.append(data)
            if self._nav_depth:
                self.nav.append(data)


def norm(text: str) -> str:
    return " ".join(text.split())


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module", params=["en", "de"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Output:
    """The hostile playbook built in English, and in German: user text placed inside
    translated wording must stay data too."""
    language = str(request.param)
    return build(
        tmp_path_factory.mktemp(f"hostile-{language}"), "core", PEOPLE, INITIATIVES, language
    )


@pytest.fixture(scope="module")
def pages(site: Output) -> dict[str, Page]:
    return {
        p.relative_to(site.site).as_posix(): parse(p.read_text("utf-8"))
        for p in sorted(site.site.rglob("*.html"))
    }


def _check_html(where: str, page: Page) -> list[str]:
    bad = []
    for attrs, text in page.scripts:
        src = attrs.get("src")
        if src is not None and not SITE_SCRIPT.match(src):
            bad.append(f"{where}: script src {src!r}")
        if src is None and ("alert" in text or "msgbox" in text):
            bad.append(f"{where}: inline script {text[:60]!r}")
    for tag, key, value in page.attrs:
        if key.lower().startswith("on"):
            bad.append(f"{where}: <{tag} {key}=...>")
        if key.lower() in ("href", "src", "xlink:href", "action", "formaction", "data"):
            cleaned = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if BAD_SCHEME.match(cleaned) or cleaned.startswith("//"):
                bad.append(f"{where}: <{tag} {key}={value!r}>")
            if tag == "img" and cleaned.startswith(("http:", "https:")):
                bad.append(f"{where}: <img src={value!r}> (a request to another host)")
    return bad


def test_every_text_field_holds_a_payload() -> None:
    paths = set(TAGS.values())
    for expected in (
        "ann-lee.name",
        "ann-lee.email",
        "title",
        "summary",
        "owner",
        "stages[0].name",
        "team[0].purpose",
        "team[0].assessment.notes",
        "team[0].stages.start.time_commitment",
        "activities[0].description",
        "training[0].agenda[0].title",
        "training[0].exercises[0].instructions",
        "training[0].sessions[0].location",
        "training[0].facilitator_notes",
        "resistance[0].observed",
        "resistance[0].response",
        "stage_history[0].by",
        "stage_history[0].open_criteria[0]",
    ):
        assert expected in paths
    assert len(TAGS) > 40


def test_no_script_no_handler_no_unsafe_link_in_any_page(pages: dict[str, Page]) -> None:
    assert len(pages) > 8
    bad = [b for rel, page in pages.items() for b in _check_html(rel, page)]
    assert bad == []


def test_every_field_is_shown_as_written(pages: dict[str, Page]) -> None:
    shown = norm(" ".join(t for page in pages.values() for t in page.text))
    # Text shown as a link's text (an email, a reading) cannot hold a link: all of it shows.
    missing = [
        f"{tag} ({path})"
        for tag, path in TAGS.items()
        if tag not in URL_FIELDS | NOT_ON_PAGES
        and norm(payload_text(tag)) not in shown
        and norm(_PAYLOADS[tag]) not in shown
    ]
    assert missing == []


def payload_text(tag: str) -> str:
    """The payload of `tag` as a reader sees it: exactly as written, except the one link
    whose target is a relative path (allowed): its text shows, and the entity in its target
    is never decoded into a scheme (the href checks above prove that)."""
    return _PAYLOADS[tag].replace("[c](&#106;avascript:alert(1))", "c")


_PAYLOADS: dict[str, str] = {}


def _collect(value: Any) -> None:
    if isinstance(value, dict):
        for v in value.values():
            _collect(v)
    elif isinstance(value, list):
        for v in value:
            _collect(v)
    elif isinstance(value, str) and re.match(r"F\d{3} ", value):
        _PAYLOADS[value[:4]] = value


_collect([PEOPLE, INITIATIVES])


def test_titles_and_nav_show_the_text_as_written(pages: dict[str, Page]) -> None:
    # Titles are plain text, not Markdown: even the relative link shows as written.
    ini_title = norm(_PAYLOADS[next(t for t, p in TAGS.items() if p == "title")])
    stage_name = norm(_PAYLOADS[next(t for t, p in TAGS.items() if p == "stages[0].name")])
    module = norm(_PAYLOADS[next(t for t, p in TAGS.items() if p == "training[0].title")])
    overview = pages["hostile/index.html"]
    assert norm("".join(overview.title)) == f"{ini_title} - Change playbooks"
    assert (
        norm("".join(pages["hostile/stages/start/index.html"].title))
        == f"{stage_name} - Change playbooks"
    )
    # Material prunes the nav to the current section: read each entry where it is shown.
    assert ini_title in norm(" ".join(overview.nav))
    assert stage_name in norm(" ".join(pages["hostile/stages/start/index.html"].nav))
    assert module in norm(" ".join(pages["hostile/training/id/index.html"].nav))


def test_search_index_holds_no_markup_that_would_run(site: Output) -> None:
    index = json.loads((site.site / "search" / "search_index.json").read_text("utf-8"))
    bad = []
    for doc in index["docs"]:
        for key in ("title", "text"):
            bad += _check_html(f"search {doc['location']} {key}", parse(doc[key]))
            if re.search(r"<\s*(script|img|iframe|object|embed)\b", doc[key], re.I):
                bad.append(f"search {doc['location']} {key}: raw markup")
    assert bad == []
    # Material shows search titles as HTML: the overview's (its heading) reads as written.
    overview = next(d for d in index["docs"] if d["location"] == "hostile/")
    ini_title = norm(payload_text(next(t for t, p in TAGS.items() if p == "title")))
    assert norm("".join(parse(overview["title"]).text)) == ini_title


def test_template_syntax_is_never_evaluated(site: Output, pages: dict[str, Page]) -> None:
    for path in sorted(Path(site.generated).rglob("*.md")):
        # The front matter holds the page title as a JSON string: data, never a template.
        body = path.read_text("utf-8").split("\n---\n", 1)[1]
        assert "{{ 7*7 }}" not in body, path
        assert body.count("\\{\\{ 7*7 \\}\\}") == body.count("alert('F"), path
    for rel, page in pages.items():
        text = " ".join(page.text + page.title)
        assert " 49 " not in text and "${14}" not in text, rel
