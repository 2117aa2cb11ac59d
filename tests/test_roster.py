"""Rosters as spreadsheets write them: encodings, delimiters, blank lines, typos in headers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from stretchplan.errors import UserError
from stretchplan.load.roster import column_letter, load_roster


@pytest.fixture
def tmp_path(workdir: Path) -> Path:
    """Files in the current folder, so messages name them as a trainer would."""
    return workdir


def write(folder: Path, text: str, name: str = "roster.csv", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def messages(exc: pytest.ExceptionInfo[UserError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


# cp1252 holds Western European letters only; Excel on Windows writes exactly these.
WESTERN = ["Zoë Dupré", "Jérôme Müller", "Œdipe Façade", "Ana O'Brien"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    header = delimiter.join(["Name", "Program", "Notes"])
    rows = [delimiter.join([name, "piriformis-relief", "Ice, then rest"]) for name in WESTERN]
    # Quote the notes cell when the delimiter is a comma, as a spreadsheet does.
    if delimiter == ",":
        rows = [row.replace("Ice, then rest", '"Ice, then rest"') for row in rows]
    path = write(tmp_path, "\r\n".join([header, *rows]) + "\r\n", encoding=encoding)
    roster = load_roster(path)
    assert [row.name for row in roster.rows] == WESTERN
    assert [row.client.name for row in roster.rows if row.client] == WESTERN
    assert all(row.client and row.client.notes == ["Ice, then rest"] for row in roster.rows)
    assert [row.line for row in roster.rows] == [2, 3, 4, 5]


def test_utf8_holds_every_script(tmp_path: Path) -> None:
    names = ["Nguyễn Thị Hoa", "Νίκος Παπαδόπουλος", "Влад Петров", "Zoë Łukasiewicz"]
    roster = load_roster(write(tmp_path, "name\n" + "\n".join(names) + "\n", encoding="utf-8-sig"))
    assert [row.name for row in roster.rows] == names


def test_utf16_from_excel_unicode_text(tmp_path: Path) -> None:
    path = write(tmp_path, "name\tprogram\nNguyễn Thị Hoa\tpiriformis-relief\n", encoding="utf-16")
    assert [row.name for row in load_roster(path).rows] == ["Nguyễn Thị Hoa"]


def test_excel_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    roster = load_roster(write(tmp_path, "sep=;\nname;notes\nDoe, Jane;Ice\n"))
    assert roster.rows[0].name == "Doe, Jane"
    assert roster.rows[0].line == 3


def test_blank_lines_are_skipped_and_lines_still_count(tmp_path: Path) -> None:
    text = '\n\nname,notes\n\nJane Doe,"First\nSecond"\n ,\n\nJohn Roe,\n'
    roster = load_roster(write(tmp_path, text))
    assert [(row.line, row.name) for row in roster.rows] == [(5, "Jane Doe"), (9, "John Roe")]
    assert roster.rows[0].client and roster.rows[0].client.notes == ["First", "Second"]


def test_headers_are_case_insensitive_and_cells_tidy(tmp_path: Path) -> None:
    text = (
        "  NAME ,Program,MODE,Add,omit,Date,Goals\n"
        "Jane,Piriformis-Relief,Static,clamshell glute-bridge,pigeon-pose,2026-04-01,Run 10 km\n"
    )
    client = load_roster(write(tmp_path, text)).rows[0].client
    assert client is not None
    assert client.program == "piriformis-relief" and client.mode == "static"
    assert client.add == ["clamshell", "glute-bridge"] and client.omit == ["pigeon-pose"]
    assert client.date == dt.date(2026, 4, 1) and client.goals == ["Run 10 km"]


def test_unknown_columns_name_row_column_and_suggest(tmp_path: Path) -> None:
    path = write(tmp_path, "Nmae,program,email\nJane,piriformis-relief,j@x.example\n")
    with pytest.raises(UserError) as exc:
        load_roster(path)
    assert messages(exc)[0].startswith('roster.csv:1: column A "Nmae": unknown column.')
    assert 'Did you mean "name"?' in messages(exc)[0]
    assert 'column C "email"' in messages(exc)[1] and "name, date, program" in messages(exc)[1]


def test_own_columns_marked_with_hash_are_ignored(tmp_path: Path) -> None:
    roster = load_roster(write(tmp_path, "name,# phone\nJane,555 0100\n"))
    assert roster.rows[0].client is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name,name\nJane,Jane\n", "appears twice"),
        ("program\npiriformis-relief\n", 'no "name" column'),
        ("name,,notes\nJane,oops,\n", "column B has values but no header"),
        ("name\n\n\n", "no rows"),
        ("\n \n", "empty"),
    ],
)
def test_structural_problems_stop_the_whole_roster(
    tmp_path: Path, text: str, expected: str
) -> None:
    with pytest.raises(UserError) as exc:
        load_roster(write(tmp_path, text))
    assert expected in " ".join(messages(exc))


def test_unreadable_files_are_plain_errors(tmp_path: Path) -> None:
    for name, data, expected in [
        ("missing.csv", None, "roster not found"),
        ("class.xlsx", b"PK\x03\x04", "cannot be read as an Excel workbook"),
        ("class.xls", b"\xd0\xcf\x11\xe0", "save it as an Excel workbook (.xlsx)"),
        ("binary.csv", b"name\n\x81\x8d\x8f\n", "neither UTF-8 nor Windows"),
    ]:
        if data is not None:
            (tmp_path / name).write_bytes(data)
        with pytest.raises(UserError) as exc:
            load_roster(tmp_path / name)
        assert expected in messages(exc)[0] and name in messages(exc)[0]


def test_a_bad_cell_spoils_only_its_row(tmp_path: Path) -> None:
    text = (
        "name,date,mode\nJane,2026-03-14,static\nJohn,14/03/2026,static\n"
        "Ann,,sideways\n,2026-03-14,\nBo,,\n"
    )
    rows = load_roster(write(tmp_path, text)).rows
    assert [row.client is not None for row in rows] == [True, False, False, False, True]
    assert str(rows[1].problems[0]) == (
        'roster.csv:3: date: expected a date like 2026-03-31, got "14/03/2026"'
    )
    assert str(rows[2].problems[0]).startswith("roster.csv:4: mode: expected one of")
    assert str(rows[3].problems[0]) == 'roster.csv:5: name: missing required field "name"'


def test_extra_cells_fail_their_row(tmp_path: Path) -> None:
    rows = load_roster(write(tmp_path, "name,notes\nDoe, Jane,Ice\nJohn,Rest,\n")).rows
    assert rows[0].client is None and "needs quotes" in str(rows[0].problems[0])
    assert rows[1].client is not None  # a trailing empty cell is only a stray delimiter


def test_yaml_roster(tmp_path: Path) -> None:
    text = (
        "- name: Jane Doe\n  program: piriformis-relief\n  notes: [Ice after runs]\n"
        "- name: John Roe\n  progam: desk-worker-reset\n"
        "- just a string\n"
    )
    roster = load_roster(write(tmp_path, text, "roster.yaml"))
    assert roster.has_programs
    jane, john, junk = roster.rows
    assert jane.client is not None and jane.client.notes == ["Ice after runs"]
    assert john.client is None and john.line == 4
    expected = 'roster.yaml:5: [1].progam: unknown key "progam". Did you mean "program"?'
    assert str(john.problems[0]) == expected
    assert junk.client is None and junk.line == 6


def test_yaml_roster_must_be_a_list(tmp_path: Path) -> None:
    with pytest.raises(UserError) as exc:
        load_roster(write(tmp_path, "name: Jane\n", "roster.yaml"))
    assert "expected a list of clients" in messages(exc)[0]


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
