"""Excel workbooks (.xlsx): one sheet of a roster as rows of text, numbered as Excel numbers them.

Load stage. The bytes come through media.reading (a regular file, capped); the ZIP's
own table of contents is checked before openpyxl unpacks anything, so a small file
that unpacks to gigabytes is refused, and openpyxl reads in its read-only (streaming)
mode. Cells become the text a trainer sees: a date cell "2026-03-14", a whole number
typed as a number "5551234" (not "5551234.0"). What a row means is roster.py's job.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stretchplan.errors import Problem, UserError, display_name

MAX_UNPACKED = 64 * 1024 * 1024  # a class list of 10,000 rows unpacks to a few MiB
MAX_COLUMNS = 64  # columns read from each row; a value further right is refused
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .xls and of encrypted .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class Table:
    """A sheet as text: its header row and the non-blank rows below it, with row numbers."""

    sheet: str
    header_line: int
    header: list[str]
    rows: list[tuple[int, list[str]]]


def is_workbook(data: bytes) -> bool:
    """Bytes of an Excel .xlsx workbook (a ZIP holding xl/workbook.xml)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def read_table(data: bytes, path: Path, sheet: str | None, max_rows: int) -> Table:
    """The header and rows of `sheet` (the first visible sheet when None); UserError otherwise."""
    name = display_name(path)
    _check_container(data, name)
    try:
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no default style" and the like: not the user's
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged workbook may fail in any part of openpyxl
        raise UserError(_damaged(name, exc)) from None
    try:
        chosen = _chosen_sheet(book, sheet, name)
        rows = _text_rows(book[chosen], name, max_rows)
        first = next(rows, None)
        if first is None:
            raise UserError(Problem(f'the sheet "{chosen}" is empty', file=name))
        header_line, header = first
        return Table(chosen, header_line, header, list(rows))
    finally:
        book.close()


def _check_container(data: bytes, name: str) -> None:
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            message = (
                "is protected by a password, so it cannot be read; open it in Excel, "
                "remove the password (File > Info > Protect Workbook) and save it again"
            )
        else:
            message = "is an old Excel 97-2003 workbook (.xls); save it as .xlsx or as CSV UTF-8"
        raise UserError(Problem(message, file=name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UserError(_damaged(name, exc)) from None
    if unpacked > MAX_UNPACKED:
        raise UserError(
            Problem(
                f"unpacks to more than {MAX_UNPACKED >> 20} MiB, far more than a class list "
                "needs; copy the class list into a new workbook and save that",
                file=name,
            )
        )


def _damaged(name: str, exc: BaseException) -> Problem:
    detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
    return Problem(
        "cannot be read as an Excel workbook (the file may be damaged or only partly "
        f"copied: {detail}); open it in Excel and save it again, or save it as CSV UTF-8",
        file=name,
    )


def _chosen_sheet(book: Any, sheet: str | None, name: str) -> str:
    names: list[str] = list(book.sheetnames)
    if sheet is None:
        # The first sheet the trainer can see: a hidden one may hold last term's class.
        shown = [n for n in names if getattr(book[n], "sheet_state", "visible") == "visible"]
        if not shown:
            raise UserError(Problem("the workbook has no sheets to read", file=name))
        return shown[0]
    if sheet in names:
        return sheet
    alike = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
    if len(alike) == 1:
        return alike[0]
    listing = ", ".join(f'"{n}"' for n in names)
    raise UserError(
        Problem(
            f'there is no sheet "{sheet}" in this workbook; its sheets are: {listing} '
            "(choose one with [[sheet]])",
            file=name,
        )
    )


def _text_rows(worksheet: Any, name: str, max_rows: int) -> Iterator[tuple[int, list[str]]]:
    """Non-blank rows as text, each with its row number; blank rows (trailing or not) skipped."""
    if not hasattr(worksheet, "iter_rows"):
        raise UserError(Problem(f'"{worksheet.title}" is a chart, not a sheet of rows', file=name))
    count = 0
    try:
        rows = worksheet.iter_rows(max_col=MAX_COLUMNS + 1)
        for number, cells in enumerate(rows, start=1):
            values = [_text(getattr(cell, "value", None)) for cell in cells]
            if not any(value.strip() for value in values):
                continue
            line = next((c.row for c in cells if getattr(c, "row", None)), number)
            if len(values) > MAX_COLUMNS and values[MAX_COLUMNS].strip():
                raise UserError(
                    Problem(
                        f"has a value beyond column {MAX_COLUMNS}; a roster needs a "
                        "column for each of its fields, not more",
                        file=name,
                        line=line,
                    )
                )
            count += 1
            if count > max_rows + 1:  # + 1: the header row
                raise UserError(too_many_rows(name, max_rows))
            yield line, values[:MAX_COLUMNS]
    except UserError:
        raise
    except Exception as exc:  # damaged sheet XML shows up only as rows are read
        raise UserError(_damaged(name, exc)) from None


def too_many_rows(name: str, max_rows: int) -> Problem:
    return Problem(
        f"has more than {max_rows:,} rows of clients; split the class list into smaller rosters",
        file=name,
    )


def _text(value: Any) -> str:
    """A cell's value as the text the trainer sees in Excel."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, float):
        # A phone number typed as a number is a float to openpyxl: no ".0", no "e+11".
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return f"{value:.15g}"
    return str(value)
