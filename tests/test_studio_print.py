"""The studio prints: printers listed with the default chosen, a handout or a batch's
combined file sent to a real cupsd (the fixture in tests/cups_server.py) with copies,
and plain words when there is no CUPS to print with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from stretchplan.api import Workspace
from stretchplan.media.pages import page_count
from stretchplan.studio import create_app
from stretchplan.studio.guard import TOKEN_HEADER
from stretchplan.studio.server import host_headers
from tests.conftest import ROOT, decode_qr_codes, flat, pdf_text, workspace
from tests.cups_server import CupsServer, free_port

ORIGIN = "http://127.0.0.1:8123"
TOKEN = "print-token"
JANE = {"name": "Zoë Łukasiewicz", "program": "piriformis-relief", "date": "2026-03-14"}


@pytest.fixture(scope="module")
def ws() -> Iterator[Workspace]:
    with workspace(ROOT / "exercises.yaml", ROOT / "templates" / "brand.yaml") as opened:
        yield opened


@pytest.fixture(scope="module")
def client(ws: Workspace) -> Iterator[TestClient]:
    app = create_app(ws, TOKEN, hosts=host_headers("127.0.0.1", 8123))
    yield TestClient(app, base_url=ORIGIN)
    app.state.close()


def wait_for_batch(client: TestClient, started: dict) -> dict:  # type: ignore[type-arg]
    import time

    for _ in range(600):
        run = client.get(f"/api/batch/{started['id']}").json()
        if run["state"] != "running":
            return run  # type: ignore[no-any-return]
        time.sleep(0.1)
    raise AssertionError("the batch did not finish in a minute")


@pytest.mark.cups
def test_printers_are_listed_with_the_default(client: TestClient, cupsd: CupsServer) -> None:
    answer = client.get("/api/printers").json()
    assert answer["problem"] is None
    names = {p["name"]: p for p in answer["printers"]}
    assert set(names) == {cupsd.printer, cupsd.spare}
    assert names[cupsd.printer]["default"] and not names[cupsd.spare]["default"]


@pytest.mark.cups
def test_print_sends_the_handout_with_copies(client: TestClient, cupsd: CupsServer) -> None:
    headers = {"origin": ORIGIN, TOKEN_HEADER: TOKEN}  # as the page sends it
    answer = client.post("/api/print", json={**JANE, "copies": 2}, headers=headers)
    assert answer.status_code == 200, answer.text
    (job,) = answer.json()["jobs"]
    assert job["printer"] == cupsd.printer
    assert job["id"] in cupsd.jobs()
    assert f"to {cupsd.printer} as job {job['id']}" in answer.json()["message"]
    assert "2026-03-14-zoe-lukasiewicz-piriformis-relief.pdf" in answer.json()["message"]
    handout = client.post("/api/handout", json=JANE).content
    printed = cupsd.printed(job["id"]).read_bytes()
    assert page_count(printed) == 2 * page_count(handout) == 2 * job["pages"]
    # cups-pdf's Ghostscript drops the text's Unicode map for accented letters
    assert flat(pdf_text(printed)).count("ukasiewicz") == 2 * flat(pdf_text(handout)).count(
        "ukasiewicz"
    )
    assert sorted(decode_qr_codes(printed)) == sorted(decode_qr_codes(handout) * 2)


@pytest.mark.cups
def test_print_to_another_printer_by_name(client: TestClient, cupsd: CupsServer) -> None:
    answer = client.post("/api/print", json={**JANE, "printer": cupsd.spare.lower()})
    assert answer.status_code == 200, answer.text
    assert answer.json()["jobs"][0]["printer"] == cupsd.spare
    assert page_count(cupsd.printed(answer.json()["jobs"][0]["id"]).read_bytes()) >= 2


@pytest.mark.cups
def test_an_unknown_printer_is_named_and_nothing_prints(
    client: TestClient, cupsd: CupsServer
) -> None:
    before = cupsd.jobs()
    answer = client.post("/api/print", json={**JANE, "printer": "Handouts-PFD"})
    assert answer.status_code == 422
    (problem,) = answer.json()["problems"]
    assert problem["field"] == "printer"
    assert 'no printer called "Handouts-PFD". Did you mean "Handouts-PDF"?' in problem["message"]
    assert cupsd.jobs() == before


@pytest.mark.cups
def test_print_sends_a_batchs_combined_file(client: TestClient, cupsd: CupsServer) -> None:
    roster = "name,program,date\nAna,desk-worker-reset,2026-03-14\nBo,desk-worker-reset,\n"
    started = client.post("/api/batch", json={"roster": {"filename": "class.csv", "text": roster}})
    assert started.status_code == 202, started.text
    run = wait_for_batch(client, started.json())
    assert run["state"] == "done" and run["combined"]
    answer = client.post("/api/print", json={"batch": run["id"]})
    assert answer.status_code == 200, answer.text
    printed = cupsd.printed(answer.json()["jobs"][0]["id"]).read_bytes()
    assert page_count(printed) == run["combined_pages"]
    assert {"Ana", "Bo"} <= set(flat(pdf_text(printed)).split())


def test_without_a_scheduler_the_page_is_told_plainly(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    if shutil.which("lpstat") is None:
        pytest.skip("lpstat is not installed (Debian: apt-get install cups-client)")
    monkeypatch.setenv("CUPS_SERVER", f"127.0.0.1:{free_port()}")  # nobody listens there
    listed = client.get("/api/printers")
    assert listed.status_code == 200
    assert listed.json()["printers"] == []
    assert "the print service (the CUPS scheduler, cupsd" in listed.json()["problem"]
    assert "[[" not in listed.json()["problem"]
    answer = client.post("/api/print", json=JANE)
    assert answer.status_code == 422
    assert "is not running" in answer.json()["problems"][0]["message"]


def test_without_the_cups_client_the_page_says_what_to_install(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no lp, no lpstat
    problem = client.get("/api/printers").json()["problem"]
    assert "printing needs the CUPS client programs" in problem
    assert "apt-get install cups-client" in problem


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"copies": 0}, "expected 1 to 100 copies, got 0"),
        ({"copies": "two"}, "expected a whole number of copies"),
        ({"printer": 3}, "expected a printer's name"),
        ({"batch": "no-such-run"}, "no such batch"),
        ({"batch": "no-such-run", "name": "Jane"}, "leave out name"),
    ],
)
def test_bad_print_choices_are_422(client: TestClient, change: dict, words: str) -> None:  # type: ignore[type-arg]
    body = {**JANE, **change} if "batch" not in change else change
    answer = client.post("/api/print", json=body)
    assert answer.status_code == 422
    assert words in answer.json()["problems"][0]["message"]


def test_print_needs_the_token_from_the_page(client: TestClient) -> None:
    answer = client.post("/api/print", json=JANE, headers={"origin": ORIGIN})
    assert answer.status_code == 403


def test_a_cups_without_printers_is_told_how_to_add_one(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchplan.deliver import cups
    from stretchplan.deliver.cups import lp

    monkeypatch.setattr(cups, "list_printers", list)
    monkeypatch.setattr(lp, "run", lambda *argv, **_: "")  # `lpstat -e`: no printer
    problem = client.get("/api/printers").json()["problem"]
    assert problem.startswith("CUPS does not know any printer yet. Add yours")
    assert cups.VIEWER_HINT in problem
