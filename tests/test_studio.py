"""The studio: its JSON API against the command line's bytes, its guard, its page.

API tests go through Starlette's TestClient; one test runs `stretchplan studio` for
real and stops it with Ctrl-C; the browser test (Selenium driving Debian's chromium)
fills the page, waits for the preview and downloads the PDF.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from starlette.testclient import TestClient

from stretchplan.api import Workspace
from stretchplan.studio import create_app
from stretchplan.studio.guard import TOKEN_HEADER
from stretchplan.studio.server import bind, host_headers, is_loopback
from tests.conftest import ROOT, flat, pdf_text, run_subprocess, workspace

PORT = 8123  # what the test client says it talks to; nothing listens there
ADDRESS = f"127.0.0.1:{PORT}"
ORIGIN = f"http://{ADDRESS}"
TOKEN = "test-token-123"
LIBRARY = ROOT / "exercises.yaml"
BRAND = ROOT / "templates" / "brand.yaml"


@pytest.fixture(scope="module")
def ws() -> Iterator[Workspace]:
    with workspace(LIBRARY, BRAND) as opened:
        yield opened


@pytest.fixture(scope="module")
def client(ws: Workspace) -> TestClient:
    app = create_app(ws, TOKEN, hosts=host_headers("127.0.0.1", PORT))
    return TestClient(app, base_url=ORIGIN)


def cli_pdf(tmp_path: Path, *args: str) -> bytes:
    out = tmp_path / "cli.pdf"
    result = run_subprocess(
        "handout", *args, "--library", str(LIBRARY), "--brand", str(BRAND), "-o", str(out),
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


# ---- the API gives the command line's bytes


def test_programs_lists_each_program_with_its_exercises(client: TestClient, ws: Workspace) -> None:
    answer = client.get("/api/programs")
    assert answer.status_code == 200
    programs = answer.json()
    assert [p["id"] for p in programs] == ws.programs
    relief = next(p for p in programs if p["id"] == "piriformis-relief")
    assert relief["title"] == "Piriformis relief"
    assert "supine-figure-four" in relief["exercises"]
    assert set(relief) >= {"id", "title", "exercises"}
    assert all(set(p["exercises"]) <= set(ws.exercises) for p in programs)


# fmt: off
CASES = {
    "plain": (
        {"name": "Jane Doe", "program": "piriformis-relief", "date": "2026-03-14"},
        ["--name", "Jane Doe", "--program", "piriformis-relief", "--date", "2026-03-14"],
    ),
    "every option": (
        {
            "name": "Zoë Łukasiewicz",
            "program": "runners-hip-mobility",
            "date": "2026-04-02",
            "mode": "static",
            "add": ["clamshell"],
            "omit": ["leg-swings"],
            "notes": ["Ice for 10 minutes after long runs.", "Call me if it gets worse."],
            "lang": "es",
            "page_size": "a4",
            "large_print": True,
            "tracker": 4,
        },
        [
            "--name", "Zoë Łukasiewicz", "--program", "runners-hip-mobility",
            "--date", "2026-04-02", "--mode", "static", "--add", "clamshell",
            "--omit", "leg-swings", "--note", "Ice for 10 minutes after long runs.",
            "--note", "Call me if it gets worse.", "--lang", "es", "--page-size", "a4",
            "--large-print", "--tracker", "4",
        ],
    ),
}
# fmt: on


@pytest.mark.parametrize("case", CASES)
def test_handout_bytes_equal_the_command_lines(
    client: TestClient, tmp_path: Path, case: str
) -> None:
    body, args = CASES[case]
    answer = client.post("/api/handout", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.content == cli_pdf(tmp_path, *args)
    assert body["name"] in flat(pdf_text(answer.content))


def test_goals_come_out_as_a_client_files_goals(client: TestClient, tmp_path: Path) -> None:
    # The command line takes goals only from a client file.
    client_file = tmp_path / "jane.yaml"
    client_file.write_text(
        "name: Jane Doe\nprogram: desk-worker-reset\ndate: 2026-03-14\n"
        "goals: [Sit through a film without buttock pain]\n",
        encoding="utf-8",
    )
    body = {"name": "Jane Doe", "program": "desk-worker-reset", "date": "2026-03-14"}
    goals = ["Sit through a film without buttock pain"]
    answer = client.post("/api/handout", json={**body, "goals": goals})
    assert answer.status_code == 200, answer.text
    assert answer.content == cli_pdf(tmp_path, str(client_file))
    assert "Sit through a film without buttock pain" in flat(pdf_text(answer.content))


def test_handout_is_offered_under_the_command_lines_file_name(client: TestClient) -> None:
    body = {"name": "Jane Doe", "program": "piriformis-relief", "date": "2026-03-14"}
    answer = client.post("/api/handout", json=body)
    assert answer.headers["content-disposition"] == (
        'attachment; filename="2026-03-14-jane-doe-piriformis-relief.pdf"'
    )


def test_preview_is_the_asked_page_as_png(client: TestClient) -> None:
    body = {"name": "Jane Doe", "program": "piriformis-relief", "date": "2026-03-14"}
    first = client.post("/api/preview", json=body)
    second = client.post("/api/preview", json={**body, "page": 2})
    a4 = client.post("/api/preview", json={**body, "page_size": "a4"})
    for answer in (first, second, a4):
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"] == "image/png"
    pages = int(first.headers["x-page-count"])
    assert pages >= 2
    letter_image = Image.open(io.BytesIO(first.content))
    assert letter_image.size == (850, 1100)  # 8.5 x 11 in at 100 dpi
    assert Image.open(io.BytesIO(a4.content)).size == (827, 1170)  # 210 x 297 mm, rounded up
    assert first.content != second.content
    beyond = client.post("/api/preview", json={**body, "page": pages + 1})
    assert beyond.status_code == 422
    assert beyond.json()["problems"][0]["field"] == "page"


# ---- bad input: 422 naming the field, in the engine's words


def problems_for(client: TestClient, body: dict[str, Any], path: str = "/api/handout") -> list:
    answer = client.post(path, json=body)
    assert answer.status_code == 422, answer.text
    problems = answer.json()["problems"]
    assert all(set(p) == {"file", "line", "field", "message"} for p in problems)
    return problems


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"program": "piriformis-relif"}, "program", 'Did you mean "piriformis-relief"?'),
        ({"add": ["clamshel"]}, "add", 'Did you mean "clamshell"?'),
        ({"omit": ["nothing-like-it"]}, "omit", 'cannot omit "nothing-like-it"'),
        ({"mode": "stretchy"}, "mode", "static or dynamic"),
        ({"lang": "nl"}, "lang", "Choose one of: en, es, fr, de, it, pt."),
        ({"page_size": "a5"}, "page_size", "letter, a4"),
        ({"date": "14/03/2026"}, "date", "expected a date like 2026-03-31"),
        ({"tracker": 40}, "tracker", "expected 0 to 12"),
        ({"large_print": "yes"}, "large_print", "expected true or false"),
        ({"name": ""}, "name", "needs a name"),
        ({"colour": "red"}, "colour", 'unknown field "colour"'),
        ({"notes": ["fine", ""]}, "notes[1]", "must not be empty"),
    ],
)
def test_bad_input_is_422_naming_the_field(
    client: TestClient, change: dict[str, Any], field: str, words: str
) -> None:
    body = {"name": "Jane Doe", "program": "piriformis-relief", **change}
    for path in ("/api/handout", "/api/preview", "/api/plan"):
        problems = problems_for(client, body, path)
        assert [p["field"] for p in problems] == [field]
        assert words in problems[0]["message"]


def test_problems_word_options_as_json_keys(client: TestClient) -> None:
    (problem,) = problems_for(client, {"name": "Jane Doe"})
    assert problem["field"] == "program"
    assert "give program" in problem["message"]
    assert "[[" not in problem["message"] and "--program" not in problem["message"]


def test_every_problem_is_reported_at_once(client: TestClient) -> None:
    body = {"name": "Jane", "program": "piriformis-relief", "tracker": -1, "lang": 3, "x": 1}
    fields = {p["field"] for p in problems_for(client, body)}
    assert fields == {"tracker", "lang", "x"}


def test_a_body_that_is_not_json_is_refused(client: TestClient) -> None:
    answer = client.post(
        "/api/handout", content=b"{name:", headers={"content-type": "application/json"}
    )
    assert answer.status_code == 422
    assert "not valid JSON" in answer.json()["problems"][0]["message"]
    assert problems_for(client, [1, 2])[0]["message"].startswith("expected a JSON object")  # type: ignore[arg-type]


# ---- the guard


JANE = {"name": "Jane Doe", "program": "piriformis-relief", "date": "2026-03-14"}


@pytest.mark.parametrize("host", ["evil.example:8123", "evil.example", "127.0.0.1:9999", ""])
def test_a_host_that_is_not_the_studios_is_refused(client: TestClient, host: str) -> None:
    # A page on evil.example whose name now points at 127.0.0.1 (DNS rebinding).
    for answer in (
        client.get("/", headers={"host": host}),
        client.get("/api/programs", headers={"host": host}),
        client.post("/api/handout", json=JANE, headers={"host": host}),
    ):
        assert answer.status_code == 421
        assert "application/pdf" not in answer.headers["content-type"]
        assert TOKEN not in answer.text


def test_localhost_is_the_studio_too(client: TestClient) -> None:
    assert client.get("/api/programs", headers={"host": f"localhost:{PORT}"}).status_code == 200


def test_another_sites_origin_is_refused(client: TestClient) -> None:
    for origin in ("http://evil.example", f"http://127.0.0.1:{PORT + 1}", "null"):
        headers = {"origin": origin, TOKEN_HEADER: TOKEN}
        assert client.post("/api/handout", json=JANE, headers=headers).status_code == 403
        assert client.get("/api/programs", headers={"origin": origin}).status_code == 403


def test_the_pages_own_requests_need_this_runs_token(client: TestClient) -> None:
    url = "/api/handout"
    assert client.post(url, json=JANE, headers={"origin": ORIGIN}).status_code == 403
    wrong = {"origin": ORIGIN, TOKEN_HEADER: "an-old-token"}
    assert client.post(url, json=JANE, headers=wrong).status_code == 403
    right = {"origin": ORIGIN, TOKEN_HEADER: TOKEN}
    assert client.post(url, json=JANE, headers=right).status_code == 200
    assert client.post(url, json=JANE).status_code == 200  # a script: no Origin, no token


def test_a_plain_form_post_is_refused(client: TestClient) -> None:
    # What a form on another site can send without asking first.
    answer = client.post("/api/handout", data={"name": "Jane", "program": "piriformis-relief"})
    assert answer.status_code == 415


def test_a_large_body_is_refused(client: TestClient) -> None:
    big = {**JANE, "notes": ["x" * 1000] * 70}  # about 70 KB
    answer = client.post("/api/handout", json=big)
    assert answer.status_code == 413
    assert "larger than 64 KB" in answer.json()["problems"][0]["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield json.dumps(JANE)[:-1].encode() + b', "notes": ["'
        for _ in range(70):
            yield b"x" * 1000
        yield b'"]}'

    streamed = client.post(
        "/api/handout", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413


def test_only_the_static_folder_is_served(client: TestClient) -> None:
    assert client.get("/static/studio.css").status_code == 200
    assert client.get("/static/studio.js").status_code == 200
    for path in (
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e/%2e%2e/api.py",
        "/templates/index.html",
        "/exercises.yaml",
    ):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert b"def create_app" not in answer.content


def test_the_page_forbids_other_sites_scripts(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


# ---- the page


def test_the_page_offers_every_program_and_carries_the_token(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert f'<meta name="studio-token" content="{TOKEN}">' in page.text
    assert '<option value="runners-hip-mobility">' in page.text
    assert '<script src="/static/studio.js" defer></script>' in page.text


def test_the_page_needs_nothing_from_the_internet(client: TestClient) -> None:
    import re

    page = client.get("/").text
    linked = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert "/static/studio.css" in linked and "/static/batch.js" in linked
    assert all(url.startswith(("/", "data:", "#")) for url in linked), linked
    for url in linked:
        if url.startswith("/static/"):
            text = client.get(url).text
            assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", text), url


def test_library_and_brand_text_is_escaped_in_the_page(tmp_path: Path) -> None:
    hostile = "<script>alert('x')</script> & co"
    library = tmp_path / "exercises.yaml"
    text = LIBRARY.read_text(encoding="utf-8")
    text = text.replace("en: Piriformis relief", f'en: "{hostile}"', 1)
    text = text.replace("en: Clamshell", 'en: "<img src=x onerror=alert(1)>"', 1)
    library.write_text(text, encoding="utf-8")
    templates = shutil.copytree(BRAND.parent, tmp_path / "templates")
    brand = templates / "brand.yaml"
    brand.write_text(
        brand.read_text(encoding="utf-8").replace(
            "name: Riverside Movement Studio", 'name: "<b>Riverside</b>"', 1
        ),
        encoding="utf-8",
    )
    with workspace(library, brand) as hostile_ws:
        assert "<script>" in hostile_ws.inputs.library.programs[0].title.first()
        page = TestClient(create_app(hostile_ws, TOKEN, hosts=[ADDRESS]), base_url=ORIGIN).get("/")
    assert page.status_code == 200
    html = page.text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>Riverside" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co" in html
    assert "&lt;b&gt;Riverside&lt;/b&gt;" in html
    # The same titles as data for the script: no raw '<' can end its <script> block.
    data = html.split('<script type="application/json" id="studio-data">')[1].split("</script>")[0]
    assert "<" not in data
    assert json.loads(data)["programs"][0]["title"] == hostile


def test_a_name_with_markup_is_printed_as_typed(client: TestClient) -> None:
    name = "<script>alert(1)</script> & Zoë"
    answer = client.post("/api/handout", json={**JANE, "name": name})
    assert answer.status_code == 200, answer.text
    assert name in flat(pdf_text(answer.content))
    problems = problems_for(client, {**JANE, "name": name, "program": "<b>x</b>"})
    assert problems[0]["field"] == "program"  # JSON, never HTML


def test_plan_lists_each_exercise_with_its_dosage(client: TestClient) -> None:
    changes = {"mode": "dynamic", "omit": ["pigeon-pose"], "add": ["leg-swings"]}
    answer = client.post("/api/plan", json={**JANE, **changes})
    assert answer.status_code == 200, answer.text
    plan = answer.json()
    shown = {e["id"]: e["dosage"] for s in plan["sections"] for e in s["exercises"]}
    assert "pigeon-pose" not in shown
    assert "leg-swings" in shown
    assert plan["mode"] == "dynamic"
    assert all(dosage for dosage in shown.values())


# ---- the server and its command


def test_loopback_and_host_headers() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.4")
    assert host_headers("127.0.0.1", 5000) == ["127.0.0.1:5000", "[::1]:5000", "localhost:5000"]
    assert host_headers("192.0.2.4", 5000) == ["192.0.2.4:5000"]


def test_a_port_in_use_is_a_plain_problem() -> None:
    from stretchplan.errors import InvalidInput

    taken = bind("127.0.0.1", None)
    try:
        with pytest.raises(InvalidInput, match="is in use"):
            bind("127.0.0.1", taken.getsockname()[1]).close()
    finally:
        taken.close()


def test_studio_command_serves_until_ctrl_c(tmp_path: Path) -> None:
    temp = tmp_path / "temp"  # the studio's own folder goes here, and goes when it stops
    temp.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), "studio", "--no-browser"],
        cwd=home, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(temp)},
    )  # fmt: skip
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("stretchplan studio is running at http://127.0.0.1:")
        url = first.split(" at ")[1].strip()
        with urllib.request.urlopen(url + "api/programs", timeout=30) as answer:
            assert "piriformis-relief" in [p["id"] for p in json.load(answer)]
        roster = {"filename": "c.csv", "text": "name,program\nAna,desk-worker-reset\n"}
        started = urllib.request.Request(
            url + "api/batch", data=json.dumps({"roster": roster}).encode(),
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(started, timeout=30) as answer:
            run = json.load(answer)
        for _ in range(600):
            with urllib.request.urlopen(f"{url}api/batch/{run['id']}", timeout=30) as answer:
                if json.load(answer)["state"] != "running":
                    break
            time.sleep(0.1)
        assert list(temp.glob("stretchplan-studio-*/batch-*/handouts/*.pdf"))
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Studio stopped." in out
    assert "Traceback" not in err
    assert not list(temp.glob("stretchplan-studio-*"))  # its files went with it
    assert list(home.iterdir()) == []  # and nothing was written where it was started


# ---- a real browser


CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@contextlib.contextmanager
def serving(workspace: Workspace) -> Iterator[str]:
    """The studio over `workspace` on a free loopback port in a thread; yields its address."""
    import uvicorn

    sock = bind("127.0.0.1", None)
    port = sock.getsockname()[1]
    app = create_app(workspace, "browser-token", hosts=host_headers("127.0.0.1", port))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        app.state.close()


@pytest.fixture
def live_studio(ws: Workspace) -> Iterator[str]:
    """The studio over the bundled library, served for one test."""
    with serving(ws) as url:
        yield url


def chromium(download_dir: Path, profile: Path, size: tuple[int, int] = (1366, 900)) -> Any:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install '.[test]')")
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("no browser here: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}",
    ):  # fmt: skip
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(download_dir), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)}
    )
    return driver


def until(driver: Any, condition: Any, seconds: float = 60) -> None:
    """Wait for `condition(driver)`; on time-out, say what the page was showing."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        WebDriverWait(driver, seconds).until(condition)
    except TimeoutException:
        shown = driver.execute_script(
            "return [document.getElementById('status').textContent,"
            " [...document.querySelectorAll('.problem, .problems p')].map(p => p.textContent)"
            ".filter(t => t), JSON.stringify(body())]"
        )
        raise AssertionError(f"the page did not get there; it shows {shown}") from None


def wait_for_download(folder: Path, seconds: float = 30) -> list[Path]:
    """The PDFs in `folder` once Chromium has finished writing them (it makes the
    file before its bytes arrive)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        made = sorted(p for p in folder.iterdir() if p.suffix == ".pdf")
        busy = any(p.suffix == ".crdownload" for p in folder.iterdir())
        if made and not busy and all(p.read_bytes().endswith(b"%%EOF\n") for p in made):
            return made
        time.sleep(0.1)
    return sorted(folder.iterdir())


def test_browser_fills_the_form_previews_and_downloads_the_clis_pdf(
    live_studio: str, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = chromium(downloads, tmp_path / "profile")
    try:
        driver.get(live_studio)
        field = driver.find_element
        field(By.ID, "f-name").send_keys("Zoë <script>alert(1)</script>")
        Select(field(By.ID, "f-program")).select_by_value("runners-hip-mobility")
        until(driver, lambda d: d.find_elements(By.ID, "keep-leg-swings"))
        field(By.ID, "keep-leg-swings").click()
        Select(field(By.ID, "f-add")).select_by_value("clamshell")
        field(By.ID, "add-button").click()
        driver.execute_script(
            "const box = arguments[0]; box.value = '2026-03-14';"
            "box.dispatchEvent(new Event('input', {bubbles: true}));",
            field(By.ID, "f-date"),
        )
        Select(field(By.ID, "f-lang")).select_by_value("es")
        Select(field(By.ID, "f-page-size")).select_by_value("a4")
        field(By.ID, "f-notes").send_keys("Ice after long runs.\nCall me if it gets worse.")
        field(By.ID, "f-tracker").clear()
        field(By.ID, "f-tracker").send_keys("40")
        tracker_problem = (By.CSS_SELECTOR, '.problem[data-for="tracker"]')
        until(driver, lambda d: "0 to 12" in d.find_element(*tracker_problem).text)
        field(By.ID, "f-tracker").clear()
        field(By.ID, "f-tracker").send_keys("4")
        field(By.ID, "f-large-print").click()
        until(driver, lambda d: d.find_element(*tracker_problem).text == "")

        def preview_of_the_form(d: Any) -> bool:
            # The image shows what the form says now, not an earlier state of it.
            return bool(
                d.execute_script(
                    "const image = document.getElementById('preview');"
                    "return !image.hidden && image.complete && image.naturalWidth > 0 &&"
                    " image.dataset.shows === JSON.stringify({...body(), page: state.page});"
                )
            )

        until(driver, preview_of_the_form)
        width = driver.execute_script("return arguments[0].naturalWidth", field(By.ID, "preview"))
        assert width == 827  # A4 at 100 dpi: the page size reached the preview
        assert field(By.ID, "page-label").text.startswith("Page 1 of ")
        dosage = field(By.CSS_SELECTOR, "#added-list .ex-dose").text
        assert dosage  # the added exercise shows its dosage from the plan
        field(By.ID, "download").click()
        wanted = downloads / "2026-03-14-zoe-script-alert-1-script-runners-hip-mobility.pdf"
        made = wait_for_download(downloads)
        assert [p.name for p in made] == [wanted.name]
        got = made[0].read_bytes()
    finally:
        driver.quit()
    expected = cli_pdf(
        tmp_path,
        "--name", "Zoë <script>alert(1)</script>", "--program", "runners-hip-mobility",
        "--omit", "leg-swings", "--add", "clamshell", "--date", "2026-03-14", "--lang", "es",
        "--page-size", "a4", "--note", "Ice after long runs.", "--note",
        "Call me if it gets worse.", "--tracker", "4", "--large-print",
    )  # fmt: skip
    assert got == expected
    assert dt.date(2026, 3, 14).isoformat() in wanted.name
