"""Short links: QR codes that decode to base + id, and `stretchplan links` exports that
send every id to its video (each format parsed back), safely written."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image

from stretchplan import pipeline
from stretchplan.load.models import Client
from stretchplan.plan import Options
from tests.conftest import (
    ROOT,
    TODAY,
    decode_qr_codes,
    flat,
    pdf_text,
    render_class_sheet,
    render_handout,
    run_subprocess,
)
from tests.test_bad_inputs import BRAND, workspace

BASE = "https://studio.example/v/"
TRICKY_NAME = '<script>&"'
# Videos with the characters each format must carry through: & (HTML), ' (the refresh
# target's quotes), $ (nginx and Apache variables), % and = (already-encoded queries).
VIDEOS = {
    "figure-four": "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30s",
    "tricky": "https://example.com/clip?who='me'&cost=$5&q=a%20b",
    "bridge": "https://vimeo.com/123456789#t=1m",
}

LIBRARY = f"""\
version: 1
exercises:
  - id: figure-four
    name: Figure four
    kind: stretch
    images: [photo.jpg]
    video: {VIDEOS["figure-four"]}
    dosage:
      static: {{reps: 1-2, hold: 20-30}}
    sides: each
    steps: [Lie down., Cross one ankle over the other knee.]
    cautions: [Stop if pain shoots down the leg.]
  - id: tricky
    name: '{TRICKY_NAME}'
    kind: stretch
    summary: "Fish & chips </p><b>bold?</b>"
    video: "{VIDEOS["tricky"]}"
    dosage:
      static: {{hold: 30}}
    steps: ["</li><script>alert(1)</script>", "Tom & Jerry's \\"stretch\\""]
  - id: bridge
    name: Glute bridge
    kind: strength
    video: {VIDEOS["bridge"]}
    dosage:
      default: {{sets: 2, reps: 10}}
    steps: [Lift your hips.]
  - id: no-video
    name: Breathing
    kind: release
    dosage:
      default: {{duration: 60}}
    steps: [Breathe slowly.]
programs:
  - id: relief
    title: Relief
    sections:
      - title: Stretch
        items:
          - exercise: figure-four
          - exercise: tricky
          - exercise: bridge
          - exercise: no-video
"""
WITH_LINKS = BRAND + f'contact: {{website: studio.example}}\nlinks: {{base: "{BASE}"}}\n'


def jpeg(width: int = 2400, height: int = 1600) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (width, height), "teal")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make: must not reach the web
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def studio(workdir: Path) -> Path:
    workspace(
        workdir,
        {"exercises.yaml": LIBRARY, "templates/brand.yaml": WITH_LINKS, "photo.jpg": jpeg()},
    )
    return workdir


def unwrapped(pdf: bytes) -> str:
    """The PDF's text with addresses put back together where they were broken over lines."""
    return re.sub(r"([/?&=+._…-]) ", r"\1", flat(pdf_text(pdf)))


def plan_in(folder: Path) -> object:
    inputs = pipeline.load_inputs(folder / "exercises.yaml", folder / "templates" / "brand.yaml")
    client = Client(name="Jane Doe", program="relief")
    return pipeline.plan_for(inputs, client, Options(today=TODAY))


# --- the printed codes -------------------------------------------------------------


def test_handout_codes_decode_to_base_plus_id(studio: Path) -> None:
    plan = plan_in(studio)
    pdf = render_handout(plan)  # type: ignore[arg-type]
    assert sorted(decode_qr_codes(pdf)) == sorted(BASE + i for i in VIDEOS)
    text = unwrapped(pdf)
    for exercise_id in VIDEOS:  # the short link, whole, under its code
        assert f"studio.example/v/{exercise_id}" in text
    assert "youtube.com" not in text  # the video's own address is not printed


def test_class_sheet_codes_decode_to_base_plus_id(studio: Path) -> None:
    inputs = pipeline.load_inputs(studio / "exercises.yaml", studio / "templates" / "brand.yaml")
    plan = pipeline.plan_for(inputs, None, Options(today=TODAY), "relief")
    pdf = render_class_sheet(plan)
    assert sorted(decode_qr_codes(pdf)) == sorted(BASE + i for i in VIDEOS)


def test_without_links_the_code_is_the_video(studio: Path) -> None:
    (studio / "templates" / "brand.yaml").write_text(BRAND, encoding="utf-8")
    pdf = render_handout(plan_in(studio))  # type: ignore[arg-type]
    assert sorted(decode_qr_codes(pdf)) == sorted(VIDEOS.values())
    assert "youtube.com/watch?v=dQw4w9WgXcQ&t=30s" in unwrapped(pdf)


def test_handout_with_links_through_the_cli(studio: Path) -> None:
    result = run_subprocess("handout", "--name", "Jane", "--program", "relief", cwd=studio)
    assert result.returncode == 0, result.stderr
    [pdf] = (studio / "handouts").glob("*.pdf")
    assert sorted(decode_qr_codes(pdf.read_bytes())) == sorted(BASE + i for i in VIDEOS)


# --- reading each export back --------------------------------------------------------


VOID = {"meta", "img", "br", "link", "hr", "input"}


class Page(HTMLParser):
    """Reads a redirect page back, checking that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.errors: list[str] = []
        self.refresh: str | None = None
        self.links: list[str] = []
        self.images: list[str] = []
        self.text: dict[str, list[str]] = {}
        self.doctype = False

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.refresh = a.get("content")
        if tag == "a":
            self.links.append(a.get("href") or "")
        if tag == "img":
            self.images.append(a.get("src") or "")
            assert a.get("alt"), "every picture has a text alternative"
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and data.strip():
            self.text.setdefault(self.open[-1], []).append(data)


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert page.doctype
    assert page.errors == [] and page.open == []
    return page


def refresh_target(content: str) -> str:
    m = re.fullmatch(r"0; url='([^']*)'", content)
    assert m, content
    return unquote(m.group(1).replace("%27", "'").replace("%22", '"'), errors="strict")


def html_map(folder: Path) -> dict[str, str]:
    found = {}
    for index in sorted(folder.glob("*/index.html")):
        page = read_page(index)
        assert page.refresh is not None
        target = refresh_target(page.refresh)
        assert page.links == [target] or unquote(page.links[0]) == unquote(target)
        found[index.parent.name] = page.links[0]
    return found


def server_unescape(url: str) -> str:
    return re.sub(r"%(24|22|27|5C)", lambda m: chr(int(m.group(1), 16)), url)


def netlify_map(folder: Path) -> dict[str, str]:
    found = {}
    for line in (folder / "_redirects").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        path, url, status = line.split()
        assert status == "302"
        found[path.removeprefix("/v/")] = url
    return found


def nginx_map(folder: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in (folder / "stretchplan-links.conf").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        m = re.fullmatch(r'location = /v/([a-z0-9-]+)/? \{ return 302 "([^"\\$]*)"; \}', line)
        assert m, line
        url = server_unescape(m.group(2))
        assert found.setdefault(m.group(1), url) == url  # /v/id and /v/id/ agree
    return found


def apache_map(folder: Path) -> dict[str, str]:
    found = {}
    for line in (folder / ".htaccess").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        m = re.fullmatch(r'Redirect 302 /v/([a-z0-9-]+) "([^"\\$]*)"', line)
        assert m, line
        found[m.group(1)] = server_unescape(m.group(2))
    return found


def csv_map(folder: Path) -> dict[str, str]:
    with (folder / "links.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["id", "url"]
    return dict(rows[1:])  # type: ignore[arg-type]


READERS: dict[str, Callable[[Path], dict[str, str]]] = {
    "html": html_map,
    "netlify": netlify_map,
    "nginx": nginx_map,
    "apache": apache_map,
    "csv": csv_map,
}


@pytest.mark.parametrize("fmt", READERS)
def test_every_format_maps_every_id_to_its_video(studio: Path, run, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = run("links", "out", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert READERS[fmt](studio / "out") == VIDEOS
    assert "No link for exercises without a video: no-video." in result.output


def test_a_changed_video_repoints_the_link(studio: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run("links", "out", "--format", "netlify").exit_code == 0
    moved = "https://vimeo.com/987654321"
    library = studio / "exercises.yaml"
    library.write_text(LIBRARY.replace(VIDEOS["bridge"], moved), encoding="utf-8")
    result = run("links", "out", "--format", "netlify")
    assert result.exit_code == 0, result.output
    assert netlify_map(studio / "out") == {**VIDEOS, "bridge": moved}


def test_html_pages_escape_library_text_and_read_it_back(studio: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run("links", "out").exit_code == 0
    raw = (studio / "out" / "tricky" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<b>" not in raw
    page = read_page(studio / "out" / "tricky" / "index.html")
    assert page.text["h1"] == [TRICKY_NAME]
    assert page.text["li"] == ["</li><script>alert(1)</script>", 'Tom & Jerry\'s "stretch"']
    assert "Fish & chips </p><b>bold?</b>" in page.text["p"]
    assert page.text["title"] == [f"{TRICKY_NAME} · Riverside Studio"]
    assert page.links == [VIDEOS["tricky"]]


def test_html_page_shows_a_small_copy_of_the_photo(studio: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run("links", "out").exit_code == 0
    page = read_page(studio / "out" / "figure-four" / "index.html")
    assert page.images == ["photo-1.jpg"]
    assert page.text["h1"] == ["Figure four"]
    assert page.text["li"] == [
        "Lie down.",
        "Cross one ankle over the other knee.",
        "Stop if pain shoots down the leg.",
    ]
    with Image.open(studio / "out" / "figure-four" / "photo-1.jpg") as photo:
        assert photo.format == "JPEG"
        assert max(photo.size) == 800
        assert photo.size == (800, 533)
        assert 0x010F not in photo.getexif()
    assert read_page(studio / "out" / "bridge" / "index.html").images == []


def test_rerun_replaces_its_own_files_and_refuses_others(studio: Path, run) -> None:  # type: ignore[no-untyped-def]
    out = studio / "out"
    out.mkdir()
    theirs = out / "_redirects"
    theirs.write_text("/old https://old.example 301\n", encoding="utf-8")
    result = run("links", "out", "--format", "netlify")
    assert result.exit_code == 2
    assert "_redirects: already exists and was not made by `stretchplan links`" in flat(
        result.output
    )
    assert theirs.read_text(encoding="utf-8") == "/old https://old.example 301\n"

    assert run("links", "out", "--format", "netlify", "--force").exit_code == 0
    assert netlify_map(out) == VIDEOS
    again = run("links", "out", "--format", "netlify")
    assert again.exit_code == 0
    assert "0 files written, 1 already up to date" in again.output

    edited = theirs.read_text(encoding="utf-8") + "/extra https://extra.example 302\n"
    theirs.write_text(edited, encoding="utf-8")
    (studio / "exercises.yaml").write_text(
        LIBRARY.replace(VIDEOS["bridge"], "https://vimeo.com/1"), encoding="utf-8"
    )
    refused = run("links", "out", "--format", "netlify")
    assert refused.exit_code == 2
    assert "was changed since `stretchplan links` wrote it" in flat(refused.output)
    assert theirs.read_text(encoding="utf-8") == edited


def test_html_export_keeps_pages_of_other_people(studio: Path, run) -> None:  # type: ignore[no-untyped-def]
    page = studio / "out" / "bridge" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>my own page</p>", encoding="utf-8")
    result = run("links", "out")
    assert result.exit_code == 2
    assert page.read_text(encoding="utf-8") == "<p>my own page</p>"
    assert not (studio / "out" / "figure-four").exists()  # refused before writing anything


def test_without_a_links_base_the_export_still_works_and_says_what_to_set(
    studio: Path, run
) -> None:  # type: ignore[no-untyped-def]
    brand = BRAND + "contact: {website: studio.example}\n"
    (studio / "templates" / "brand.yaml").write_text(brand, encoding="utf-8")
    result = run("links", "out", "--format", "apache")
    assert result.exit_code == 0, result.output
    assert apache_map(studio / "out") == VIDEOS
    assert 'links: {base: "https://studio.example/v/"}' in result.output


def test_bad_format_and_folder_are_exit_2(studio: Path) -> None:
    result = run_subprocess("links", "out", "--format", "ngnix", cwd=studio)
    assert result.returncode == 2
    assert 'Did you mean "nginx"?' in result.stderr
    assert "Traceback" not in result.stderr
    (studio / "afile").write_text("x", encoding="utf-8")
    result = run_subprocess("links", "afile", cwd=studio)
    assert result.returncode == 2
    assert "afile: is a file" in result.stderr
    assert "Traceback" not in result.stderr


def test_bundled_brand_shows_links_commented_out() -> None:
    text = (ROOT / "templates" / "brand.yaml").read_text(encoding="utf-8")
    assert '# links: {base: "https://studio.example/v/"}' in text
    assert "\nlinks:" not in text


def test_pages_of_exercises_gone_from_the_library_are_kept(studio: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run("links", "out").exit_code == 0
    library = LIBRARY.replace("    video: " + VIDEOS["bridge"] + "\n", "")
    (studio / "exercises.yaml").write_text(library, encoding="utf-8")
    result = run("links", "out")
    assert result.exit_code == 0, result.output
    # A handout printed last year still carries the bridge's code: its page stays.
    assert "Kept 1 file of an earlier export" in result.output
    assert "bridge/index.html" in result.output
    assert html_map(studio / "out")["bridge"] == VIDEOS["bridge"]


def test_a_folder_that_cannot_be_written_is_a_plain_message(studio: Path) -> None:
    (studio / "blocked").write_text("a file where a folder should be", encoding="utf-8")
    result = run_subprocess("links", "blocked/v", cwd=studio)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "cannot write here" in result.stderr


def test_scripts_export_links_through_the_api(studio: Path) -> None:
    import stretchplan

    with stretchplan.open_workspace() as ws:
        result = ws.links(studio / "out", "CSV")
        assert csv_map(studio / "out") == VIDEOS
        assert result.site.base == BASE
        with pytest.raises(stretchplan.InvalidInput) as caught:
            ws.links(studio / "out", "ngnix")
    [problem] = caught.value.problems
    assert problem.field == "format"
    assert 'Did you mean "nginx"?' in problem.message
