"""Rosters: a class list from a spreadsheet (CSV or Excel .xlsx) or a YAML list of clients.

Load stage. A structural problem (unreadable file, unknown column, no rows)
is a UserError for the whole roster; a bad cell only spoils its own row,
which comes back with its problems so the batch can make the others.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from stretchplan.errors import Problem, UserError, did_you_mean, display_name
from stretchplan.load.files import decode, refuse_controls
from stretchplan.load.models import Client
from stretchplan.load.sheet import SPREADSHEET_SUFFIXES, is_workbook, read_table, too_many_rows
from stretchplan.load.validate import problems_from
from stretchplan.load.yamlsrc import YamlDoc, parse_yaml
from stretchplan.media.reading import read_input

MAX_BYTES = 16 * 1024 * 1024
MAX_ROWS = 10_000  # clients in one roster, CSV or Excel
COLUMNS = tuple(Client.model_fields)  # name, date, program, mode, add, omit, notes, goals
DELIMITERS = (",", ";", "\t")
_LOWERCASE = ("program", "mode", "add", "omit")  # ids and modes: "Static" means static
_LIST_CELLS = ("notes", "goals")  # line breaks inside a cell separate entries


@dataclass(frozen=True)
class RosterRow:
    """One attendee: a valid Client, or the problems that stop this row only."""

    line: int  # where the row starts in the file (the spreadsheet's row number)
    name: str  # as written, for messages; may be empty when the name cell is
    client: Client | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Roster:
    path: Path
    rows: tuple[RosterRow, ...]
    has_programs: bool  # some row may name its program (a program column or key exists)


def load_roster(path: Path, sheet: str | None = None) -> Roster:
    """Read a .csv, .xlsx or .yaml roster; raises UserError for problems with the whole file.

    `sheet` names the sheet of an Excel workbook to read (the first one when None).
    """
    suffix = path.suffix.lower()
    name = display_name(path)
    if suffix in (".xls", ".ods", ".numbers"):
        raise UserError(
            Problem(
                "is a spreadsheet stretchplan cannot read; save it as an Excel workbook "
                "(.xlsx) or as CSV (in Excel: File > Save As > CSV UTF-8)",
                file=name,
            )
        )
    is_sheet = suffix in SPREADSHEET_SUFFIXES
    if sheet is not None and not is_sheet:
        raise UserError(
            Problem("[[sheet]] is only for Excel rosters (.xlsx); this one is not", file=name)
        )
    data = read_input(path, "roster", MAX_BYTES)
    if is_sheet:
        table = read_table(data, path, sheet, MAX_ROWS)
        roster = _table_roster(path, table.header_line, table.header, table.rows)
    else:
        if is_workbook(data):
            raise UserError(
                Problem(
                    f"is an Excel workbook, not CSV text; name it {path.stem}.xlsx and "
                    "stretchplan reads it as it is",
                    file=name,
                )
            )
        text = _text(data, path)
        is_yaml = suffix in (".yaml", ".yml")
        roster = _yaml_roster(path, text) if is_yaml else _csv_roster(path, text)
    if not roster.rows:
        raise UserError(Problem("the roster has no rows of clients", file=name))
    return roster


def _nfc(text: str) -> str:
    # Names typed on a Mac may arrive decomposed (e + combining diaeresis).
    return unicodedata.normalize("NFC", text)


def _text(data: bytes, path: Path) -> str:
    """Text as a spreadsheet wrote it: UTF-8 (BOM or not), UTF-16 with BOM, or Excel's cp1252."""
    text = decode(data, path, fallback=("cp1252",))
    refuse_controls(text, path)
    return _nfc(text)


# ----------------------------------------------------------------------------- CSV


def _csv_roster(path: Path, text: str) -> Roster:
    name = display_name(path)
    lines = text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise UserError(Problem("the roster is empty", file=name))
    delimiter = None
    # Excel writes (and reads) a first line such as "sep=;" to name the delimiter.
    if m := re.fullmatch(r'"?sep=(.)"?\s*', lines[first].strip("\r\n"), re.IGNORECASE):
        delimiter = m.group(1)
        first += 1
    body = "".join(lines[first:])
    if not body.strip():
        raise UserError(Problem("the roster has a header but no rows of clients", file=name))
    header_text = next(line for line in body.splitlines() if line.strip())
    delimiter = delimiter or _sniff_delimiter(header_text)
    records = _records(body, delimiter, first)
    try:
        header_line, header = next(records)
    except csv.Error as exc:
        raise UserError(Problem(f"cannot read the header row: {exc}", file=name)) from None
    raw_rows = list(_read_rows(records, name))
    if (opened := _unclosed_quote(body, delimiter)) is not None:
        raise UserError(
            Problem(
                'a quote (") opens a cell here and is never closed, so every row below would '
                "be read into this one cell; add the closing quote, or remove this one",
                file=name,
                line=first + body.count("\n", 0, opened) + 1,
            )
        )
    if len(raw_rows) > MAX_ROWS:
        raise UserError(too_many_rows(name, MAX_ROWS))
    return _table_roster(path, header_line, header, raw_rows)


def _table_roster(
    path: Path, header_line: int, header: list[str], raw_rows: list[tuple[int, list[str]]]
) -> Roster:
    """A roster from a header row and rows of cells, as a CSV file or a sheet holds them."""
    name = display_name(path)
    header = [_nfc(cell) for cell in header]
    raw_rows = [(line, [_nfc(cell) for cell in cells]) for line, cells in raw_rows]
    columns = _columns(header, header_line, raw_rows, name)
    rows = [_csv_row(path, line, cells, columns, len(header)) for line, cells in raw_rows]
    return Roster(path, tuple(rows), "program" in columns.values())


def _records(body: str, delimiter: str, first: int) -> Iterator[tuple[int, list[str]]]:
    """Non-blank CSV records with the line each starts on (quoted cells may span lines)."""
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    end = 0
    for cells in reader:
        start, end = end + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            yield first + start, cells


def _unclosed_quote(body: str, delimiter: str) -> int | None:
    """Where a quote opens a cell that the file never closes, or None.

    Follows the csv module's own reading: a quote opens a quoted cell only as the
    cell's first character; inside one, a doubled quote is a quote and a single one
    closes it. The csv module itself takes such a cell to the end of the file.
    """
    events = re.finditer(f'["{re.escape(delimiter)}\r\n]', body)
    cell_start, opened = 0, None
    for event in events:
        at, char = event.start(), event.group()
        if opened is None:
            if char == '"':
                if at == cell_start:
                    opened = at
            else:
                cell_start = at + 1
        elif char == '"':
            if body.startswith('""', at):
                next(events, None)  # the second of the pair
            else:
                opened = None
                cell_start = -1  # the rest of this cell is plain text, quotes and all
    return opened


def _read_rows(
    records: Iterator[tuple[int, list[str]]], name: str
) -> Iterator[tuple[int, list[str]]]:
    try:
        yield from records
    except csv.Error as exc:
        raise UserError(Problem(f"cannot read the roster as CSV: {exc}", file=name)) from None


def _sniff_delimiter(header: str) -> str:
    """The delimiter that splits the header into the most column names we know."""

    def score(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        known = sum(_header_key(cell) in COLUMNS for cell in cells)
        return known, header.count(delimiter)

    return max(DELIMITERS, key=score)  # max keeps the first (",") on a tie


def _header_key(cell: str) -> str:
    return cell.strip().strip("\ufeff\u200b").strip().lower()


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the names a spreadsheet shows above its columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _columns(
    header: list[str], line: int, rows: list[tuple[int, list[str]]], name: str
) -> dict[int, str]:
    """Column index -> client field; every unknown or repeated column is reported at once."""
    columns: dict[int, str] = {}
    problems = []
    for i, cell in enumerate(header):
        key = _header_key(cell)
        where = f'column {column_letter(i)} "{cell.strip()}"'
        if key.startswith("#"):
            continue  # the trainer's own column, marked to be left alone
        if not key:
            if any(i < len(cells) and cells[i].strip() for _, cells in rows):
                problems.append(
                    Problem(
                        f"column {column_letter(i)} has values but no header; give it one "
                        f"of: {', '.join(COLUMNS)}",
                        file=name,
                        line=line,
                    )
                )
            continue
        if key in columns.values():
            problems.append(Problem("this column appears twice", file=name, line=line, field=where))
        elif key not in COLUMNS:
            hint = (
                did_you_mean(key, COLUMNS) or f" Columns stretchplan reads: {', '.join(COLUMNS)}."
            )
            problems.append(
                Problem(
                    f"unknown column.{hint} (To keep a column of your own, start its "
                    'header with "#".)',
                    file=name,
                    line=line,
                    field=where,
                )
            )
        else:
            columns[i] = key
    if not problems and "name" not in columns.values():
        problems.append(
            Problem(
                'the header row has no "name" column; the first row must name the '
                f"columns, e.g. {', '.join(COLUMNS[:3])}",
                file=name,
                line=line,
            )
        )
    if problems:
        raise UserError(problems)
    return columns


def _csv_row(
    path: Path, line: int, cells: list[str], columns: dict[int, str], width: int
) -> RosterRow:
    data: dict[str, Any] = {}
    for i, field in columns.items():
        value = cells[i].strip() if i < len(cells) else ""
        if not value:
            continue
        if field in _LOWERCASE:
            value = value.lower()
        if field in _LIST_CELLS:
            data[field] = [part.strip() for part in value.splitlines() if part.strip()]
        else:
            data[field] = value
    name = str(data.get("name", ""))
    if any(cell.strip() for cell in cells[width:]):
        problem = Problem(
            f"this row has {len(cells)} cells but the header names {width} columns; a value "
            'holding the delimiter needs quotes around it, like "Doe, Jane"',
            file=display_name(path),
            line=line,
        )
        return RosterRow(line, name, None, (problem,))
    doc = YamlDoc(path, data, {(): line, **{(field,): line for field in data}})
    return _client(doc, data, (), line, name)


# ---------------------------------------------------------------------------- YAML


def _yaml_roster(path: Path, text: str) -> Roster:
    doc = parse_yaml(text, path)
    if not isinstance(doc.data, list):
        raise UserError(
            doc.problem((), "expected a list of clients, each starting with '- name: ...'")
        )
    rows = []
    for i, item in enumerate(doc.data):
        line = doc.line_of((i,)) or 1
        if not isinstance(item, dict):
            problem = doc.problem((i,), "expected a client's fields (name: ..., program: ...)")
            rows.append(RosterRow(line, "", None, (problem,)))
            continue
        name = item.get("name")
        rows.append(_client(doc, item, (i,), line, str(name) if name is not None else ""))
    has_programs = any(isinstance(item, dict) and "program" in item for item in doc.data)
    return Roster(path, tuple(rows), has_programs)


def _client(doc: YamlDoc, data: Any, prefix: tuple[int, ...], line: int, name: str) -> RosterRow:
    try:
        return RosterRow(line, name, Client.model_validate(data))
    except ValidationError as exc:
        return RosterRow(line, name, None, tuple(problems_from(exc, doc, prefix, Client)))
