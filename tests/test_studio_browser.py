"""The studio's batch, print and library in a real browser (Selenium driving Debian's
chromium): a roster uploaded from the page with its progress followed to the end, the
combined print file downloaded (the command line's bytes), a handout and the combined
file printed to the real cupsd, and the library's cards opened."""

from __future__ import annotations

import io
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

import pytest

from stretchplan.api import Workspace
from tests.conftest import ROOT, run_subprocess, workspace
from tests.cups_server import CupsServer
from tests.test_studio import chromium, live_studio, serving, until, wait_for_download, ws

__all__ = ["live_studio", "ws"]  # fixtures, used by name

ROSTER = "name,program,date\n" + "".join(
    f"{name},{program},\n"
    for name, program in [
        ("Jane Doe", "piriformis-relief"),
        ("<b>Bob</b> & co", "piriformis-relif"),
        ("Zoë Łukasiewicz", "desk-worker-reset"),
        ("Sam Okafor", "runners-hip-mobility"),
        ("Nguyễn Thị Hoa", "desk-worker-reset"),
        ("Ana Souza", "piriformis-relief"),
        ("Tom Berg", "desk-worker-reset"),
        ("Lea Kim", "runners-hip-mobility"),
    ]
    * 3  # enough rows for the page to show the bar part-way (a second Jane gets "-2", a third "-3")
)

# Every text #batch-count shows, in order: the page's progress as the trainer saw it.
WATCH_PROGRESS = """
window.progressSeen = [];
new MutationObserver(() => window.progressSeen.push(document.getElementById('batch-count')
  .textContent)).observe(document.getElementById('batch-count'),
  {childList: true, characterData: true, subtree: true});
"""


def test_browser_uploads_a_roster_follows_progress_and_downloads_the_combined_file(
    live_studio: str, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    roster = tmp_path / "tuesday.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = chromium(downloads, tmp_path / "profile")
    try:
        driver.get(live_studio)
        field = driver.find_element
        field(By.ID, "tab-batch").click()
        assert field(By.ID, "view-batch").is_displayed()
        assert not field(By.ID, "view-handout").is_displayed()
        field(By.ID, "b-roster").send_keys(str(roster))
        until(driver, lambda d: d.find_element(By.ID, "b-roster-name").text == "tuesday.csv")
        driver.execute_script(
            "const box = arguments[0]; box.value = '2026-03-14';", field(By.ID, "b-date")
        )
        Select(field(By.ID, "b-page-size")).select_by_value("a4")
        driver.execute_script(WATCH_PROGRESS)
        field(By.ID, "batch-start").click()
        until(driver, lambda d: d.find_element(By.ID, "batch-combined").is_displayed(), 180)
        seen = driver.execute_script("return window.progressSeen")
        counts = [int(text.split(" of ")[0]) for text in seen if " of " in text]
        assert counts == sorted(counts) and seen[-1] == "24 of 24"
        assert any(0 < n < 24 for n in counts), seen  # it showed the batch part-way
        bar = field(By.ID, "batch-progress")
        assert (bar.get_attribute("value"), bar.get_attribute("max")) == ("24", "24")
        title = field(By.ID, "batch-title").text
        assert title == "Made 21 of 24 handouts; 3 rows failed"
        rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#batch-row-list tr")]
        assert rows == [
            f"{line} <b>Bob</b> & co tuesday.csv:{line}: program: unknown "
            'program "piriformis-relif". Did you mean "piriformis-relief"?'
            for line in (3, 11, 19)
        ]
        assert not driver.find_elements(By.CSS_SELECTOR, "#batch-row-list b")  # text, not HTML
        assert field(By.ID, "batch-zip").is_displayed()
        field(By.ID, "batch-combined").click()
        made = wait_for_download(downloads)
        assert [p.name for p in made] == ["tuesday-combined.pdf"]
        got = made[0].read_bytes()
    finally:
        driver.quit()
    cli = run_subprocess(
        "batch", str(roster), "--date", "2026-03-14", "--page-size", "a4", "--out-dir", "out",
        "--combined", "tuesday-combined.pdf", "--library", str(ROOT / "exercises.yaml"),
        "--brand", str(ROOT / "templates" / "brand.yaml"), cwd=tmp_path,
    )  # fmt: skip
    assert cli.returncode == 1, cli.stderr  # Bob's row fails there too
    assert got == (tmp_path / "tuesday-combined.pdf").read_bytes()


def printed_job(driver: Any, prefix: str) -> str:
    from selenium.webdriver.common.by import By

    status = (By.ID, f"{prefix}-print-status")
    until(driver, lambda d: "as job" in d.find_element(*status).text, 120)
    text = driver.find_element(*status).text
    return str(text.split(" as job ")[1].rstrip("."))


@pytest.mark.cups
def test_browser_prints_a_handout_and_a_batch(
    live_studio: str, tmp_path: Path, cupsd: CupsServer, ws: Workspace
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    roster = tmp_path / "pairs.csv"
    roster.write_text("name,program\nAna,desk-worker-reset\nBo,desk-worker-reset\n", "utf-8")
    driver = chromium(tmp_path / "downloads", tmp_path / "profile")
    try:
        driver.get(live_studio)
        field = driver.find_element
        field(By.ID, "f-name").send_keys("Jane Doe")
        until(driver, lambda d: d.find_element(By.ID, "print-open").is_enabled())
        field(By.ID, "print-open").click()
        choice = (By.ID, "h-printer")
        until(driver, lambda d: d.find_element(*choice).is_enabled())
        selected = Select(field(*choice)).first_selected_option
        assert selected.get_attribute("value") == cupsd.printer  # the default, chosen
        assert selected.text == f"{cupsd.printer} — default"
        field(By.ID, "h-copies").clear()
        field(By.ID, "h-copies").send_keys("2")
        field(By.ID, "h-print").click()
        handout_job = printed_job(driver, "h")

        field(By.ID, "tab-batch").click()
        field(By.ID, "b-roster").send_keys(str(roster))
        field(By.ID, "batch-start").click()
        until(driver, lambda d: d.find_element(By.ID, "b-printer").is_enabled(), 120)
        Select(field(By.ID, "b-printer")).select_by_value(cupsd.spare)
        field(By.ID, "b-print").click()
        batch_job = printed_job(driver, "b")
    finally:
        driver.quit()
    assert {handout_job, batch_job} <= set(cupsd.jobs())
    assert batch_job.startswith(cupsd.spare + "-") and handout_job.startswith(cupsd.printer)
    from stretchplan.media.pages import page_count
    from stretchplan.studio.form import parse_request

    wanted = parse_request({"name": "Jane Doe", "program": "piriformis-relief"})
    pages = ws.handout(wanted.client).pages
    assert page_count(cupsd.printed(handout_job).read_bytes()) == 2 * pages
    assert page_count(cupsd.printed(batch_job).read_bytes()) >= 4  # two, each padded even


def test_browser_library_cards_open_a_program_and_start_a_handout(
    live_studio: str, tmp_path: Path, ws: Workspace
) -> None:
    from selenium.webdriver.common.by import By

    driver = chromium(tmp_path / "downloads", tmp_path / "profile")
    try:
        driver.get(live_studio)
        field = driver.find_element
        field(By.ID, "tab-library").click()
        cards = (By.CSS_SELECTOR, "#exercise-cards .exercise-card")
        until(driver, lambda d: len(d.find_elements(*cards)) == len(ws.exercises))
        programs = driver.find_elements(By.CSS_SELECTOR, ".program-card")
        assert [p.get_attribute("data-id") for p in programs] == ws.programs
        until(
            driver,
            lambda d: d.execute_script(
                "return [...document.querySelectorAll('#exercise-cards img')]"
                ".every(i => i.complete && i.naturalWidth > 0)"
            ),
        )
        four = field(By.CSS_SELECTOR, '#exercise-cards [data-id="supine-figure-four"]')
        assert "Hold 20–30 s · 1–2 times · each side" in four.text
        assert "Lie on your back" in four.text
        field(By.CSS_SELECTOR, '.program-card[data-id="runners-hip-mobility"]').click()
        until(driver, lambda d: d.find_element(By.ID, "program-detail").is_displayed())
        assert field(By.ID, "detail-title").text == "Runners' hip mobility warm-up"
        shown = driver.find_elements(By.CSS_SELECTOR, "#detail-sections .exercise-card")
        program = ws.inputs.library.program("runners-hip-mobility")
        assert program is not None
        ids = [item.exercise for section in program.sections for item in section.items]
        assert [card.get_attribute("data-id") for card in shown] == ids
        field(By.ID, "detail-use").click()
        until(driver, lambda d: d.find_element(By.ID, "view-handout").is_displayed())
        assert field(By.ID, "f-program").get_attribute("value") == "runners-hip-mobility"
        until(driver, lambda d: d.find_elements(By.ID, "keep-leg-swings"))
    finally:
        driver.quit()


def test_browser_shows_the_librarys_own_markup_as_text(tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    hostile = "<img src=x onerror=window.pwned=1>"
    library = tmp_path / "exercises.yaml"
    text = (ROOT / "exercises.yaml").read_text(encoding="utf-8")
    text = text.replace("en: Clamshell", f'en: "{hostile}"', 1)
    text = text.replace("en: Piriformis relief", 'en: "<b>Piriformis</b> relief"', 1)
    library.write_text(text, encoding="utf-8")
    with (
        workspace(library, ROOT / "templates" / "brand.yaml") as hostile_ws,
        serving(hostile_ws) as url,
    ):
        driver = chromium(tmp_path / "downloads", tmp_path / "profile")
        try:
            driver.get(url)
            field = driver.find_element
            until(driver, lambda d: d.find_elements(By.ID, "keep-clamshell"))
            assert field(By.CSS_SELECTOR, 'label[for="keep-clamshell"] .ex-name').text == hostile
            field(By.ID, "tab-library").click()
            card = (By.CSS_SELECTOR, '#exercise-cards [data-id="clamshell"] h3')
            until(driver, lambda d: d.find_elements(*card))
            assert field(*card).text == hostile
            title = field(By.CSS_SELECTOR, '.program-card[data-id="piriformis-relief"] .card-title')
            assert title.text == "<b>Piriformis</b> relief"
            field(By.CSS_SELECTOR, '.program-card[data-id="piriformis-relief"]').click()
            assert field(By.ID, "detail-title").text == "<b>Piriformis</b> relief"
            assert not driver.find_elements(By.CSS_SELECTOR, "#view-library b, img[src='x']")
            assert driver.execute_script("return window.pwned") is None
        finally:
            driver.quit()


def test_browser_makes_a_batch_from_an_excel_sheet(live_studio: str, tmp_path: Path) -> None:
    from openpyxl import Workbook
    from selenium.webdriver.common.by import By

    book = Workbook()
    first = book.active
    assert first is not None
    first.append(["name", "program"])
    first.append(["Monday Person", "desk-worker-reset"])
    tuesday = book.create_sheet("Tuesday")
    tuesday.append(["name", "program"])
    tuesday.append(["Zoë Müller", "desk-worker-reset"])
    roster = tmp_path / "week.xlsx"
    book.save(roster)
    driver = chromium(tmp_path / "downloads", tmp_path / "profile")
    try:
        driver.get(live_studio)
        field = driver.find_element
        field(By.ID, "tab-batch").click()
        assert not field(By.ID, "b-sheet").is_displayed()  # only for a workbook
        field(By.ID, "b-roster").send_keys(str(roster))
        until(driver, lambda d: d.find_element(By.ID, "b-sheet").is_displayed())
        field(By.ID, "b-sheet").send_keys("Tuesday")
        field(By.ID, "batch-start").click()
        until(driver, lambda d: d.find_element(By.ID, "batch-zip").is_displayed(), 120)
        assert field(By.ID, "batch-title").text == "Made the handout"
        assert not field(By.ID, "batch-rows").is_displayed()
        zipped = field(By.ID, "batch-zip").get_attribute("href")
    finally:
        driver.quit()
    with urllib.request.urlopen(zipped, timeout=30) as answer:
        names = zipfile.ZipFile(io.BytesIO(answer.read())).namelist()
    assert len(names) == 1 and names[0].endswith("-zoe-muller-desk-worker-reset.pdf")
