"""The studio in a real browser, photographed for the README: docs/studio-*.png.

    python scripts/studio_screenshots.py

Serves the studio over the bundled demo library and brand on a free loopback port,
drives Debian's headless chromium (selenium) through a handout, a class batch and the
library, at a laptop's width (1280 x 800) and a tablet's (820 x 1180). Where cupsd and
the cups-pdf printer are installed and this runs as root, a private scheduler with two
printers is started for the print panel (as the tests' fixture does); otherwise the
panel shows what a trainer without a printer sees.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DOCS = ROOT / "docs"
LAPTOP = (1280, 800)
TABLET = (820, 1180)
ROSTER = """name,program,date,notes
Jane Doe,piriformis-relief,,Ice after long runs.
Bob Smith,piriformis-relif,,
Zoë Łukasiewicz,desk-worker-reset,,
Sam Okafor,runners-hip-mobility,,
Nguyễn Thị Hoa,desk-worker-reset,,
Ana Souza,piriformis-relief,,
"""


@contextlib.contextmanager
def printers(folder: Path) -> Iterator[None]:
    """A private cupsd with the tests' two cups-pdf printers, when this machine has one."""
    from tests import cups_server as cups

    if cups.missing_piece() is not None:
        yield
        return
    server = f"127.0.0.1:{cups.free_port()}"
    conf, files = cups.write_config(folder, int(server.rsplit(":", 1)[1]))
    process = subprocess.Popen(
        [cups.CUPSD, "-f", "-c", str(conf), "-s", str(files)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        cups.wait_until_running(process, server, folder)
        env = {**os.environ, "CUPS_SERVER": server}
        ppd = cups.patched_ppd(folder)
        for name in ("Front-Desk", "Studio-Laser"):
            subprocess.run(
                ["lpadmin", "-p", name, "-v", "cups-pdf:/screenshots", "-E", "-P", str(ppd)],
                env=env, check=True, capture_output=True,
            )  # fmt: skip
        subprocess.run(["lpadmin", "-d", "Studio-Laser"], env=env, check=True)
        os.environ["CUPS_SERVER"] = server
        yield
    finally:
        os.environ.pop("CUPS_SERVER", None)
        cups.stop(process)


@contextlib.contextmanager
def studio() -> Iterator[str]:
    import uvicorn

    import stretchplan
    from stretchplan.studio import create_app
    from stretchplan.studio.server import bind, host_headers

    with stretchplan.open_workspace() as ws:
        sock = bind("127.0.0.1", None)
        port = sock.getsockname()[1]
        app = create_app(ws, "screenshots", hosts=host_headers("127.0.0.1", port))
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            sock.close()
            app.state.close()


def browser(size: tuple[int, int], profile: Path) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
        "--disable-background-networking", f"--user-data-dir={profile}",
        f"--window-size={size[0]},{size[1]}", "--force-device-scale-factor=1",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # --window-size is the outer window; make the page itself the asked size.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False},
    )
    return driver


def wait(driver: Any, condition: Any, seconds: float = 60) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, seconds).until(condition)


def handout(driver: Any, url: str, print_panel: bool) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver.get(url)
    field = driver.find_element
    field(By.ID, "f-name").send_keys("Jane Doe")
    Select(field(By.ID, "f-add")).select_by_value("standing-figure-four")
    field(By.ID, "add-button").click()
    field(By.ID, "keep-pigeon-pose").click()
    field(By.ID, "f-notes").send_keys("Ice for 10 minutes after long runs.")
    field(By.ID, "f-tracker").clear()
    field(By.ID, "f-tracker").send_keys("4")
    wait(driver, lambda d: d.find_element(By.ID, "print-open").is_enabled())
    wait(driver, lambda d: d.execute_script("return !state.busy && preview.complete"))
    time.sleep(0.5)
    if print_panel:
        field(By.ID, "print-open").click()
        wait(driver, lambda d: d.find_element(By.ID, "h-print-status").text or
             d.find_element(By.ID, "h-printer").is_enabled())  # fmt: skip


def batch(driver: Any, url: str, roster: Path) -> None:
    from selenium.webdriver.common.by import By

    driver.get(url)
    driver.find_element(By.ID, "tab-batch").click()
    driver.find_element(By.ID, "b-roster").send_keys(str(roster))
    driver.find_element(By.ID, "batch-start").click()
    wait(driver, lambda d: d.find_element(By.ID, "batch-files").is_displayed(), 180)
    time.sleep(1)


def library(driver: Any, url: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(url)
    driver.find_element(By.ID, "tab-library").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".program-card"))
    driver.find_element(By.CSS_SELECTOR, '.program-card[data-id="runners-hip-mobility"]').click()
    wait(
        driver,
        lambda d: d.execute_script(
            "return [...document.querySelectorAll('#view-library img')]"
            ".every(i => i.complete && i.naturalWidth > 0)"
        ),
    )
    time.sleep(0.5)


# No caret blinking in a box, and the page seen from its top, as a trainer first sees it.
TIDY = "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="stretchplan-shots-") as temp:
        folder = Path(temp)
        roster = folder / "tuesday-runners.csv"
        roster.write_text(ROSTER, encoding="utf-8")
        (folder / "cups").mkdir()
        (folder / "cups").chmod(0o755)
        with printers(folder / "cups"), studio() as url:
            shots = [
                ("studio-handout.png", LAPTOP, lambda d: handout(d, url, print_panel=True)),
                ("studio-batch.png", LAPTOP, lambda d: batch(d, url, roster)),
                ("studio-library.png", LAPTOP, lambda d: library(d, url)),
                ("studio-tablet-handout.png", TABLET, lambda d: handout(d, url, False)),
                ("studio-tablet-batch.png", TABLET, lambda d: batch(d, url, roster)),
            ]
            for name, size, steps in shots:
                driver = browser(size, folder / f"profile-{name}")
                try:
                    steps(driver)
                    driver.execute_script(TIDY)
                    time.sleep(0.3)
                    driver.save_screenshot(str(DOCS / name))
                finally:
                    driver.quit()
                print(f"wrote docs/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
