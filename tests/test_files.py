"""stretchplan.deliver.files: where a PDF goes, and what it may replace."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchplan.deliver.files import output_name, resolve_target, save
from stretchplan.errors import InvalidInput

PDF = b"%PDF-1.4\n/Creator (stretchplan 0.1.0)\n%%EOF\n"


def test_output_names_are_ascii_slugs() -> None:
    import datetime as dt

    day = dt.date(2026, 3, 14)
    assert output_name(day, "Zoë Łukasiewicz", "relief") == "2026-03-14-zoe-lukasiewicz-relief.pdf"
    assert output_name(day, "../../etc", "relief") == "2026-03-14-etc-relief.pdf"
    assert output_name(day, None, "relief", "class-sheet") == "2026-03-14-relief-class-sheet.pdf"


def test_o_names_a_file_or_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "handouts"
    assert resolve_target(None, out, "a.pdf") == out / "a.pdf"
    assert resolve_target(tmp_path, out, "a.pdf") == tmp_path / "a.pdf"
    assert resolve_target(tmp_path / "mine.pdf", out, "a.pdf") == tmp_path / "mine.pdf"


def test_save_replaces_its_own_pdf_but_not_someone_elses(tmp_path: Path) -> None:
    target = save(PDF, "a.pdf", None, False, tmp_path)
    assert target.read_bytes() == PDF
    save(PDF + b"again", "a.pdf", None, False, tmp_path)  # ours: replaced
    theirs = tmp_path / "theirs.pdf"
    theirs.write_bytes(b"a trainer's own notes")
    with pytest.raises(InvalidInput) as exc:
        save(PDF, "x.pdf", theirs, False, tmp_path)
    assert "[[force]]" in exc.value.problems[0].message
    assert theirs.read_bytes() == b"a trainer's own notes"
    save(PDF, "x.pdf", theirs, True, tmp_path)
    assert theirs.read_bytes() == PDF
