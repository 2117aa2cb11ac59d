"""stretchplan.show: the command line's words for the engine's problems."""

from __future__ import annotations

import io

from stretchplan.errors import Problem
from stretchplan.show import flag, in_flags, show_problems


def test_options_are_named_as_flags() -> None:
    assert [flag(n) for n in ("force", "out_dir", "page_size", "notes")] == [
        "--force", "--out-dir", "--page-size", "--note",
    ]  # fmt: skip


def test_a_field_from_no_file_was_a_flag_a_field_from_a_file_stays_a_field() -> None:
    given = Problem('unknown program "x"; give [[program]]', field="program")
    written = Problem('unknown program "x"', file="jane.yaml", line=2, field="program")
    assert str(in_flags(given)) == '--program: unknown program "x"; give --program'
    assert str(in_flags(written)) == 'jane.yaml:2: program: unknown program "x"'
    assert str(given) == 'program: unknown program "x"; give program'


def test_plain_lines_off_a_terminal() -> None:
    out = io.StringIO()
    show_problems([Problem("already exists; add [[force]]", file="a.pdf")], stream=out)
    assert out.getvalue() == "error: a.pdf: already exists; add --force\n"
