"""The studio's class batch: a roster uploaded as JSON, made in the background with the
command line's bytes, its progress, its failed rows in `check`'s words, the combined
print file and the zip; nothing written outside the studio's own folder."""

from __future__ import annotations

import base64
import io
import json
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from stretchplan.api import Workspace
from stretchplan.media.pages import page_count
from stretchplan.studio import create_app
from stretchplan.studio.batches import MAX_UPLOAD
from stretchplan.studio.server import host_headers
from tests.conftest import ROOT, flat, pdf_text, run_subprocess, workspace

ORIGIN = "http://127.0.0.1:8123"
LIBRARY = ROOT / "exercises.yaml"
BRAND = ROOT / "templates" / "brand.yaml"
ROSTER = (
    "name,program,date,add\n"
    "Jane Doe,piriformis-relief,,\n"
    "Bob,piriformis-relif,,\n"
    "Zoë Łukasiewicz,desk-worker-reset,2026-03-20,\n"
    "Al,desk-worker-reset,14/03/2026,\n"
    "Cy,runners-hip-mobility,,clamshel\n"
)


@pytest.fixture(scope="module")
def ws() -> Iterator[Workspace]:
    with workspace(LIBRARY, BRAND) as opened:
        yield opened


@pytest.fixture
def studio(ws: Workspace) -> Iterator[tuple[TestClient, Path]]:
    """A test client and the studio's own folder (removed by close)."""
    app = create_app(ws, "batch-token", hosts=host_headers("127.0.0.1", 8123))
    client = TestClient(app, base_url=ORIGIN)
    folder = app.state.folder
    yield client, folder
    app.state.close()
    assert not folder.exists()


def upload(name: str, text: str | None = None, data: bytes | None = None) -> dict[str, str]:
    if data is not None:
        return {"filename": name, "base64": base64.b64encode(data).decode()}
    return {"filename": name, "text": text or ""}


def finished(client: TestClient, started: Any) -> dict[str, Any]:
    assert started.status_code == 202, started.text
    seen = []
    for _ in range(1200):
        run = client.get(f"/api/batch/{started.json()['id']}").json()
        seen.append(run["finished"])
        if run["state"] != "running":
            assert seen == sorted(seen), seen  # progress only goes forward
            assert all(0 <= n <= run["total"] for n in seen)
            return run  # type: ignore[no-any-return]
        time.sleep(0.05)
    raise AssertionError(f"the batch did not finish; progress {seen[-5:]}")


def test_a_roster_upload_makes_the_command_lines_handouts(
    studio: tuple[TestClient, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, folder = studio
    home = tmp_path / "workspace"
    home.mkdir()
    monkeypatch.chdir(home)
    body = {"roster": upload("tuesday.csv", ROSTER), "date": "2026-03-14"}
    run = finished(client, client.post("/api/batch", json=body))
    assert run["state"] == "done"
    assert (run["total"], run["finished"], run["made"]) == (5, 5, 2)
    assert list(home.iterdir()) == []  # nothing outside the studio's folder

    # The same roster through the command line: the same files, byte for byte.
    (tmp_path / "tuesday.csv").write_text(ROSTER, encoding="utf-8")
    cli = run_subprocess(
        "batch", "tuesday.csv", "--date", "2026-03-14", "--out-dir", "out",
        "--library", str(LIBRARY), "--brand", str(BRAND), cwd=tmp_path,
    )  # fmt: skip
    assert cli.returncode == 1, cli.stderr
    made = sorted((tmp_path / "out").glob("*.pdf"))
    assert [p.name for p in made] == [
        "2026-03-14-jane-doe-piriformis-relief.pdf",
        "2026-03-20-zoe-lukasiewicz-desk-worker-reset.pdf",
    ]
    archive = zipfile.ZipFile(io.BytesIO(client.get(run["zip"]).content))
    assert sorted(archive.namelist()) == [p.name for p in made]
    for path in made:
        assert archive.read(path.name) == path.read_bytes()

    combined = client.get(run["combined"])
    assert combined.headers["content-type"] == "application/pdf"
    assert 'filename="tuesday-combined.pdf"' in combined.headers["content-disposition"]
    text = flat(pdf_text(combined.content))
    assert "Jane Doe" in text and "Zoë Łukasiewicz" in text and "Bob" not in text
    assert page_count(combined.content) == run["combined_pages"]
    assert all(p.is_relative_to(folder) for p in folder.rglob("*"))


def test_failed_rows_are_worded_as_check_words_them(
    studio: tuple[TestClient, Path], tmp_path: Path
) -> None:
    client, _ = studio
    run = finished(
        client, client.post("/api/batch", json={"roster": upload("tuesday.csv", ROSTER)})
    )
    shown = {row["line"]: (row["name"], row["text"]) for row in run["failed"]}
    assert sorted(shown) == [3, 5, 6]
    (tmp_path / "tuesday.csv").write_text(ROSTER, encoding="utf-8")
    check = run_subprocess(
        "check", "tuesday.csv", "--library", str(LIBRARY), "--brand", str(BRAND), cwd=tmp_path
    )
    errors = [line.removeprefix("error: ") for line in check.stderr.splitlines()]
    errors = [line for line in errors if line.startswith("tuesday.csv:")]
    assert sorted(text for _, texts in shown.values() for text in texts) == sorted(errors)
    assert shown[3] == (
        "Bob",
        ['tuesday.csv:3: program: unknown program "piriformis-relif". '
         'Did you mean "piriformis-relief"?'],
    )  # fmt: skip


def test_a_spreadsheets_cp1252_csv_is_read_as_the_command_line_reads_it(
    studio: tuple[TestClient, Path],
) -> None:
    client, _ = studio
    data = "name;program\nZoë Müller;desk-worker-reset\n".encode("cp1252")
    run = finished(client, client.post("/api/batch", json={"roster": upload("k.csv", data=data)}))
    assert run["made"] == 1
    archive = zipfile.ZipFile(io.BytesIO(client.get(run["zip"]).content))
    assert "Zoë Müller" in flat(pdf_text(archive.read(archive.namelist()[0])))


def test_class_sheets_too(studio: tuple[TestClient, Path]) -> None:
    client, _ = studio
    body = {"roster": upload("c.csv", "name\nAna\nBo\n"), "program": "desk-worker-reset",
            "layout": "class-sheet"}  # fmt: skip
    run = finished(client, client.post("/api/batch", json=body))
    assert run["made"] == 2
    names = zipfile.ZipFile(io.BytesIO(client.get(run["zip"]).content)).namelist()
    assert all(name.endswith("-desk-worker-reset-class-sheet.pdf") for name in names), names


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"roster": upload("r.csv", "nome\nJane\n")}, 'column A "nome"', 'Did you mean "name"?'),
        ({"roster": upload("r.csv", "name\n")}, None, "no rows"),
        ({"roster": upload("r.csv", "name\nJ\n"), "program": "desk"}, "program", "unknown program"),
        ({"roster": upload("r.csv", "name\nJ\n"), "lang": "nl"}, "lang", "Choose one of"),
        ({"roster": upload("r.csv", "name\nJ\n"), "layout": "poster"}, "layout", "handout"),
        ({"roster": upload("r.csv", "name\nJ\n"), "colour": 1}, "colour", "unknown field"),
        ({}, "roster", "choose the roster file"),
        ({"roster": {"filename": "../../etc/passwd"}}, "roster", "text or its base64"),
        ({"roster": {"filename": "r.csv", "base64": "%%%"}}, "roster", "base64 is damaged"),
    ],
)
def test_a_roster_that_cannot_be_read_is_refused_at_once(
    studio: tuple[TestClient, Path], body: dict[str, Any], field: str | None, words: str
) -> None:
    client, folder = studio
    answer = client.post("/api/batch", json=body)
    assert answer.status_code == 422, answer.text
    problems = answer.json()["problems"]
    assert any(p["field"] == field and words in p["message"] for p in problems), problems
    assert all(p["file"] in (None, "r.csv") for p in problems)  # the name as uploaded
    assert not list(folder.glob("batch-*"))  # nothing kept of it


def test_an_uploaded_name_cannot_place_the_roster_elsewhere(
    studio: tuple[TestClient, Path], tmp_path: Path
) -> None:
    client, folder = studio
    body = {"roster": upload("../../../" + str(tmp_path / "evil.csv"), "name\nJ\n"),
            "program": "desk-worker-reset"}  # fmt: skip
    run = finished(client, client.post("/api/batch", json=body))
    assert run["made"] == 1
    assert not (tmp_path / "evil.csv").exists()
    assert [p.name for p in folder.glob("batch-*/roster/*")] == ["evil.csv"]


def test_the_upload_may_be_larger_than_a_handout_request_but_not_without_end(
    studio: tuple[TestClient, Path],
) -> None:
    client, _ = studio
    big = "nome\n" + "x" * 200_000 + "\n"  # 200 KB: too big for /api/handout, fine here
    answer = client.post("/api/batch", json={"roster": upload("big.csv", big)})
    assert answer.status_code == 422  # read, and refused for its column
    handout = client.post("/api/handout", json={"name": "J", "notes": ["x" * 200_000]})
    assert handout.status_code == 413
    huge = json.dumps({"roster": upload("huge.csv", "x" * (MAX_UPLOAD + 1))})
    too_big = client.post("/api/batch", content=huge, headers={"content-type": "application/json"})
    assert too_big.status_code == 413
    assert "larger than 8 MB" in too_big.json()["problems"][0]["message"]


def test_one_batch_at_a_time_and_unknown_runs(studio: tuple[TestClient, Path]) -> None:
    client, _ = studio
    roster = "name,program\n" + "".join(f"P{i},desk-worker-reset\n" for i in range(4))
    first = client.post("/api/batch", json={"roster": upload("a.csv", roster)})
    second = client.post("/api/batch", json={"roster": upload("b.csv", roster)})
    assert second.status_code == 422
    assert "still being made" in second.json()["problems"][0]["message"]
    finished(client, first)
    assert client.get("/api/batch/nope").status_code == 404
    assert client.get(f"/api/batch/{first.json()['id']}/manifest").status_code == 404
    assert client.get("/api/batch/nope/zip").status_code == 404


def test_a_batch_the_engine_refuses_says_why(studio: tuple[TestClient, Path]) -> None:
    client, _ = studio
    body = {"roster": upload("c.csv", "name\nAna\n"), "program": "desk-worker-reset",
            "layout": "class-sheet", "tracker": 2}  # fmt: skip
    run = finished(client, client.post("/api/batch", json=body))
    assert run["state"] == "failed"
    assert run["problems"] == [
        {"file": None, "line": None, "field": "tracker", "message": "only handouts have a tracker"}
    ]
    assert run["made"] == 0 and run["zip"] is None and run["combined"] is None


def test_an_excel_roster_is_read_as_the_command_line_reads_it(
    studio: tuple[TestClient, Path], tmp_path: Path
) -> None:
    from openpyxl import Workbook

    client, _ = studio
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["name", "program", "date"])
    sheet.append(["Zoë Müller", "desk-worker-reset", "2026-03-14"])
    sheet.append(["Bob", "piriformis-relif", "2026-03-14"])
    data = io.BytesIO()
    book.save(data)
    started = client.post("/api/batch", json={"roster": upload("class.xlsx", data=data.getvalue())})
    run = finished(client, started)
    assert run["made"] == 1
    archive = zipfile.ZipFile(io.BytesIO(client.get(run["zip"]).content))
    assert archive.namelist() == ["2026-03-14-zoe-muller-desk-worker-reset.pdf"]
    (tmp_path / "class.xlsx").write_bytes(data.getvalue())
    check = run_subprocess(
        "check", "class.xlsx", "--library", str(LIBRARY), "--brand", str(BRAND), cwd=tmp_path
    )
    errors = [line.removeprefix("error: ") for line in check.stderr.splitlines()]
    assert [t for row in run["failed"] for t in row["text"]] == [
        line for line in errors if line.startswith("class.xlsx:")
    ]


def test_an_excel_rosters_sheet_is_chosen_by_name(studio: tuple[TestClient, Path]) -> None:
    from openpyxl import Workbook

    client, _ = studio
    book = Workbook()
    first = book.active
    assert first is not None
    first.append(["name", "program"])
    first.append(["Monday Person", "desk-worker-reset"])
    tuesday = book.create_sheet("Tuesday")
    tuesday.append(["name", "program"])
    tuesday.append(["Tuesday Person", "desk-worker-reset"])
    data = io.BytesIO()
    book.save(data)
    roster = upload("week.xlsx", data=data.getvalue())
    run = finished(client, client.post("/api/batch", json={"roster": roster, "sheet": "Tuesday"}))
    names = zipfile.ZipFile(io.BytesIO(client.get(run["zip"]).content)).namelist()
    assert [n.split("-", 3)[3] for n in names] == ["tuesday-person-desk-worker-reset.pdf"]
    wrong = client.post("/api/batch", json={"roster": roster, "sheet": "Wednesday"})
    assert wrong.status_code == 422
    assert "Tuesday" in wrong.json()["problems"][0]["message"]  # the sheets it has
