"""Rosters as trainers really keep them: Excel workbooks, CSV with stray quotes, YAML with
impossible dates, and photos of impossible shapes.

Each case runs the real command line in a subprocess under test_hostile's time and
memory limits, in the small valid workspace of test_bad_inputs. Workbooks are built
here with openpyxl itself, so no binary fixture hides what a case holds.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PIL import Image

from tests.conftest import pdf_text
from tests.test_bad_inputs import workspace
from tests.test_hostile import hostile

Rows = list[list[Any]]
HEADER = ["Name", "Date", "Program", "Notes"]


def workbook(sheets: dict[str, Rows]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def made(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "handouts").glob("*.pdf"))


def run_ok(folder: Path, *args: str, code: int = 0) -> str:
    result = hostile(*args, cwd=folder)
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout + result.stderr


# ----------------------------------------------------------------------------- Excel


def test_an_excel_roster_is_read_from_its_first_sheet(workdir: Path) -> None:
    rows: Rows = [
        [*HEADER, "#phone"],
        ["Ana Díaz", dt.date(2026, 3, 14), "relief", "Ice after runs", 447700900123],
        [],  # a blank row in the middle is skipped, as in CSV
        ["Ben", "2026-03-15", "Relief", 42.0, "0612 345 678"],  # a date typed as text
        ["Carla", dt.datetime(2026, 3, 16), "relief", "Call 0612345678", None],
    ]
    workspace(workdir, {"class.xlsx": workbook({"Tuesday": rows, "Thursday": [["name"]]})})
    run_ok(workdir, "batch", "class.xlsx")
    assert made(workdir) == [
        "2026-03-14-ana-diaz-relief.pdf",
        "2026-03-15-ben-relief.pdf",
        "2026-03-16-carla-relief.pdf",
    ]
    ben = pdf_text((workdir / "handouts" / "2026-03-15-ben-relief.pdf").read_bytes())
    assert "42" in ben and "42.0" not in ben  # a number cell reads as Excel shows it
    carla = pdf_text((workdir / "handouts" / "2026-03-16-carla-relief.pdf").read_bytes())
    assert "Call 0612345678" in carla  # numbers kept as text keep their leading zero


def test_sheet_chooses_the_sheet_and_an_unknown_one_lists_those_that_exist(
    workdir: Path,
) -> None:
    book = workbook(
        {"Tuesday": [HEADER, ["Ana", "2026-03-14", "relief"]], "Thursday": [["name"], ["Ben"]]}
    )
    workspace(workdir, {"class.xlsx": book})
    out = run_ok(workdir, "batch", "class.xlsx", "--sheet", "Monday", code=2)
    assert (
        'class.xlsx: there is no sheet "Monday" in this workbook; its sheets are: '
        '"Tuesday", "Thursday" (choose one with --sheet)'
    ) in out
    assert not (workdir / "handouts").exists()
    run_ok(workdir, "batch", "class.xlsx", "--sheet", "thursday", "--program", "relief")
    assert made(workdir) == [f"{dt.date.today()}-ben-relief.pdf"]


def test_a_bad_excel_row_fails_alone_at_its_row_number(workdir: Path) -> None:
    rows: Rows = [
        [],  # the header need not be on row 1
        HEADER,
        ["Ana", dt.date(2026, 3, 14), "relief"],
        ["Ben", "2026-02-30", "relief"],
        ["Carla", dt.date(2026, 3, 14), "releif"],
        ["Dan", dt.date(2026, 3, 14), "relief"],
        *[[None, "  "] for _ in range(40)],  # trailing rows that only look used
    ]
    workspace(workdir, {"class.xlsx": workbook({"Sheet1": rows})})
    out = run_ok(workdir, "batch", "class.xlsx", code=1)
    assert "2 rows failed" in out
    assert made(workdir) == ["2026-03-14-ana-relief.pdf", "2026-03-14-dan-relief.pdf"]
    checked = run_ok(workdir, "check", "class.xlsx", code=2)
    assert 'class.xlsx:4: date: "2026-02-30" is not a real date' in checked
    assert "class.xlsx:5: " in checked and "releif" in checked


def test_an_excel_header_is_mapped_as_a_csv_header_is(workdir: Path) -> None:
    rows: Rows = [["Name", "Nmae", "Program"], ["Ana", "x", "relief"]]
    workspace(workdir, {"class.xlsx": workbook({"Sheet1": rows})})
    out = run_ok(workdir, "batch", "class.xlsx", code=2)
    assert 'class.xlsx:1: column B "Nmae": this column appears twice' not in out
    assert 'class.xlsx:1: column B "Nmae": unknown column. Did you mean "name"?' in out


def test_workspace_batch_takes_the_sheet(workdir: Path) -> None:
    import stretchplan

    book = workbook({"A": [["name"], ["Ana"]], "B": [["name", "program"], ["Ben", "relief"]]})
    workspace(workdir, {"class.xlsx": book})
    with stretchplan.open_workspace(workdir / "exercises.yaml") as ws:
        result = ws.batch(workdir / "class.xlsx", sheet="B", today=dt.date(2026, 3, 14))
        assert [r.name for r in result.made] == ["Ben"]
        with pytest.raises(stretchplan.InvalidInput, match='its sheets are: "A", "B"'):
            ws.batch(workdir / "class.xlsx", sheet="C")


def _zip_with(extra: dict[str, bytes]) -> bytes:
    """A valid workbook with more members added to its ZIP."""
    data = workbook({"Sheet1": [["name", "program"], ["Ana", "relief"]]})
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in extra.items():
            archive.writestr(name, content)
    return out.getvalue()


def _ole(*streams: str) -> bytes:
    """The start of an OLE compound file (what .xls and encrypted .xlsx are) naming streams."""
    names = b"".join(s.encode("utf-16-le").ljust(64, b"\0") for s in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + names


def _many_rows(count: int) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Big")
    sheet.append(["name", "program"])
    for i in range(count):
        sheet.append([f"Client {i}", "relief"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _wide_row() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "program"])
    sheet.append(["Ana", "relief"])
    sheet.cell(row=2, column=65, value="far right")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


VALID = workbook({"Sheet1": [["name", "program"], ["Ana", "relief"]]})
WORKBOOK_CASES: dict[str, tuple[str, Callable[[], bytes], tuple[str, ...]]] = {
    "an .xlsx renamed .csv": (
        "class.csv",
        lambda: VALID,
        ("class.csv: is an Excel workbook, not CSV text; name it class.xlsx",),
    ),
    "a workbook cut short": (
        "class.xlsx",
        lambda: VALID[: len(VALID) // 2],
        ("class.xlsx: cannot be read as an Excel workbook (the file may be damaged",),
    ),
    "garbage named .xlsx": (
        "class.xlsx",
        lambda: b"name,program\nAna,relief\n",
        ("class.xlsx: cannot be read as an Excel workbook",),
    ),
    "a workbook with damaged sheet XML": (
        "class.xlsx",
        lambda: _rewritten(VALID, "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row"),
        ("class.xlsx: cannot be read as an Excel workbook",),
    ),
    "a password-protected workbook": (
        "class.xlsx",
        lambda: _ole("EncryptionInfo", "EncryptedPackage"),
        ("class.xlsx: is protected by a password",),
    ),
    "an old .xls named .xlsx": (
        "class.xlsx",
        lambda: _ole("Workbook"),
        ("class.xlsx: is an old Excel 97-2003 workbook (.xls)",),
    ),
    "a .xls file": (
        "class.xls",
        lambda: _ole("Workbook"),
        ("class.xls: is a spreadsheet stretchplan cannot read; save it as an Excel workbook",),
    ),
    "a workbook that unpacks to 80 MiB": (
        "class.xlsx",
        lambda: _zip_with({"xl/media/padding.bin": b"\0" * (80 << 20)}),
        ("class.xlsx: unpacks to more than 64 MiB",),
    ),
    "a sheet of 10,001 clients": (
        "class.xlsx",
        lambda: _many_rows(10_001),
        ("class.xlsx: has more than 10,000 rows of clients",),
    ),
    "a value in column 65": (
        "class.xlsx",
        _wide_row,
        ("class.xlsx:2: has a value beyond column 64",),
    ),
    "an empty workbook sheet": (
        "class.xlsx",
        lambda: workbook({"Empty": []}),
        ('class.xlsx: the sheet "Empty" is empty',),
    ),
    "a header and no rows": (
        "class.xlsx",
        lambda: workbook({"Sheet1": [["name", "program"], [None, None]]}),
        ("class.xlsx: the roster has no rows of clients",),
    ),
    "--sheet for a CSV roster": (
        "class.csv",
        lambda: b"name,program\nAna,relief\n",
        ("class.csv: --sheet is only for Excel rosters (.xlsx)",),
    ),
}


def _rewritten(data: bytes, member: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, content if info.filename == member else source.read(info))
    return out.getvalue()


@pytest.mark.parametrize(
    ("file", "build", "expect"),
    [pytest.param(*case, id=name) for name, case in WORKBOOK_CASES.items()],
)
def test_a_workbook_that_cannot_be_a_roster_is_one_plain_message(
    workdir: Path, file: str, build: Callable[[], bytes], expect: tuple[str, ...]
) -> None:
    workspace(workdir, {file: build()})
    sheet = ("--sheet", "Sheet1") if "--sheet" in expect[0] else ()
    out = run_ok(workdir, "batch", file, *sheet, code=2)
    for expected in expect:
        assert expected in out, out
    assert not (workdir / "handouts").exists()


def test_a_csv_roster_over_the_row_cap_is_refused_whole(workdir: Path) -> None:
    rows = "".join(f"Client {i},nosuch\n" for i in range(10_001))
    workspace(workdir, {"class.csv": "name,program\n" + rows})
    out = run_ok(workdir, "batch", "class.csv", code=2)
    assert "class.csv: has more than 10,000 rows of clients" in out


# ------------------------------------------------------------------------ CSV quotes

QUOTE_CASES: dict[str, tuple[str, int]] = {
    "the example: a quote opened in a notes cell": (
        'name,program,notes\nAna,relief,"ice\nBen,relief,\nCarla,relief,\n',
        2,
    ),
    "a quote opened in the last row": ('name,program\nAna,relief\nBen,"relief\n', 3),
    "a quote opened in a name cell, ; between cells": (
        'name;program\nAna;relief\n"Ben;relief\nCarla;relief\n',
        3,
    ),
    "after a cell legitimately spanning lines": (
        'name,program,notes\nAna,relief,"ice\nafter runs"\nBen,relief,"x\nCarla,relief,\n',
        4,
    ),
    "after a doubled quote inside a quoted cell": (
        'name,program,notes\nAna,relief,"say ""hi"""\nBen,relief,"x ""y\nCarla,relief,\n',
        3,
    ),
}


@pytest.mark.parametrize(
    ("text", "line"), [pytest.param(*case, id=name) for name, case in QUOTE_CASES.items()]
)
def test_an_unclosed_quote_is_reported_where_it_opened(workdir: Path, text: str, line: int) -> None:
    workspace(workdir, {"class.csv": text})
    out = run_ok(workdir, "batch", "class.csv", code=2)
    assert f'class.csv:{line}: a quote (") opens a cell here and is never closed' in out, out
    assert not (workdir / "handouts").exists()


def test_quotes_that_close_still_work(workdir: Path) -> None:
    text = (
        "name,program,notes\n"
        'Ana,relief,"Ice after runs\nStretch twice a day"\n'  # a cell over two lines
        'Ben "BJ" Jones,relief,plain\n'  # quotes inside an unquoted cell are text
        'Carla,relief,"She said ""rest"""\n'
    )
    workspace(workdir, {"class.csv": text})
    run_ok(workdir, "batch", "class.csv", "--date", "2026-03-14")
    assert made(workdir) == [
        "2026-03-14-ana-relief.pdf",
        "2026-03-14-ben-bj-jones-relief.pdf",
        "2026-03-14-carla-relief.pdf",
    ]
    ana = pdf_text((workdir / "handouts" / "2026-03-14-ana-relief.pdf").read_bytes())
    assert "Ice after runs" in ana and "Stretch twice a day" in ana
    carla = pdf_text((workdir / "handouts" / "2026-03-14-carla-relief.pdf").read_bytes())
    assert "rest" in carla


# ------------------------------------------------------------------------ YAML dates

DATE_ROWS = {
    "30 February": "2026-02-30",
    "29 February of a common year": "2027-02-29",
    "month 13": "2026-13-01",
    "31 April": "2026-04-31",
}


@pytest.mark.parametrize("date", list(DATE_ROWS.values()), ids=list(DATE_ROWS))
def test_an_impossible_date_in_a_yaml_roster_fails_only_its_row(workdir: Path, date: str) -> None:
    roster = (
        "- name: Ana\n  program: relief\n  date: 2026-03-14\n"
        f"- name: Ben\n  program: relief\n  date: {date}\n"
        "- name: Carla\n  program: relief\n  date: 2028-02-29\n"
    )
    workspace(workdir, {"class.yaml": roster})
    out = run_ok(workdir, "batch", "class.yaml", code=1)
    assert f'[1].date: "{date}" is not a real date' in out, out
    assert made(workdir) == ["2026-03-14-ana-relief.pdf", "2028-02-29-carla-relief.pdf"]
    checked = run_ok(workdir, "check", "class.yaml", code=2)
    assert f'class.yaml:6: [1].date: "{date}" is not a real date' in checked


def test_a_date_shaped_note_is_kept_as_text(workdir: Path) -> None:
    roster = "- name: Ana\n  program: relief\n  date: 2026-03-14\n  notes: [2026-02-30]\n"
    workspace(workdir, {"class.yaml": roster})
    run_ok(workdir, "batch", "class.yaml")
    text = pdf_text((workdir / "handouts" / "2026-03-14-ana-relief.pdf").read_bytes())
    assert "2026-02-30" in text


# ---------------------------------------------------------------------- photo shapes


def picture(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("size", "shape"),
    [
        ((1, 100_000), "100000 times as tall as it is wide"),
        ((100_000, 1), "100000 times as wide as it is tall"),
        ((1100, 100), "11 times as wide as it is tall"),
        ((30, 400), "13 times as tall as it is wide"),
    ],
    ids=["1x100000", "100000x1", "11:1", "1:13"],
)
def test_a_photo_of_an_impossible_shape_is_refused_at_its_line(
    workdir: Path, size: tuple[int, int], shape: str
) -> None:
    workspace(workdir, {"photo.png": picture(*size)})
    for args in (("check",), ("handout", "--name", "Ana", "--program", "relief")):
        out = run_ok(workdir, *args, code=2)
        assert 'exercises.yaml:6: exercises[0].images[0]: photo for "figure-four"' in out, out
        assert shape in out and "crop it" in out
    assert not (workdir / "handouts").exists()


@pytest.mark.parametrize("size", [(1000, 100), (100, 1000), (3000, 400)], ids=str)
def test_long_photos_within_ten_to_one_are_printed(workdir: Path, size: tuple[int, int]) -> None:
    workspace(workdir, {"photo.png": picture(*size)})
    run_ok(workdir, "handout", "--name", "Ana", "--program", "relief", "-o", "out.pdf")
    assert (workdir / "out.pdf").stat().st_size > 0


def test_a_long_logo_is_not_held_to_the_photo_ratio(workdir: Path) -> None:
    brand = (
        "business: {name: Riverside Studio}\nlogo: logo.png\nfonts:\n"
        "  regular: fonts/NotoSans-Regular.ttf\n  bold: fonts/NotoSans-Bold.ttf\n"
        "  italic: fonts/NotoSans-Italic.ttf\ndisclaimer: disclaimer.md\n"
    )
    workspace(workdir, {"templates/brand.yaml": brand, "templates/logo.png": picture(1200, 100)})
    run_ok(workdir, "check")


def test_a_hidden_first_sheet_is_passed_over(workdir: Path) -> None:
    book = openpyxl.Workbook()
    old = book.active
    old.title = "Last term"
    old.append(["name", "program"])
    old.append(["Zed", "relief"])
    old.sheet_state = "hidden"
    now = book.create_sheet("This term")
    now.append(["name", "program"])
    now.append(["Ana", "relief"])
    out = io.BytesIO()
    book.save(out)
    workspace(workdir, {"class.xlsx": out.getvalue()})
    run_ok(workdir, "batch", "class.xlsx", "--date", "2026-03-14")
    assert made(workdir) == ["2026-03-14-ana-relief.pdf"]


@pytest.mark.parametrize(
    ("roster", "cell"),
    [
        ("class.csv", "0"),  # pydantic alone reads 0 as 1970-01-01
        ("class.csv", "86400"),  # ... and this as 1970-01-02
        ("class.xlsx", 46095),  # an Excel date serial in a cell formatted General
        ("class.yaml", 0),
    ],
    ids=["csv 0", "csv 86400", "xlsx serial", "yaml 0"],
)
def test_a_number_in_a_date_column_fails_its_row_not_1970(
    workdir: Path, roster: str, cell: Any
) -> None:
    if roster.endswith(".xlsx"):
        data: bytes | str = workbook(
            {"S": [["name", "program", "date"], ["Ana", "relief", cell], ["Ben", "relief", None]]}
        )
    elif roster.endswith(".csv"):
        data = f"name,program,date\nAna,relief,{cell}\nBen,relief,\n"
    else:
        data = f"- name: Ana\n  program: relief\n  date: {cell}\n- name: Ben\n  program: relief\n"
    workspace(workdir, {roster: data})
    out = run_ok(workdir, "batch", roster, "--date", "2026-03-14", code=1)
    assert f'date: expected a date like 2026-03-31, got "{cell}" (a number, not a date' in out
    assert made(workdir) == ["2026-03-14-ben-relief.pdf"]
    assert not list((workdir / "handouts").glob("1970-*"))
