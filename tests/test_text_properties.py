"""Any text a trainer types either prints, exactly, or is refused naming the character.

Property-based: hypothesis feeds arbitrary Unicode into every user-facing text
field, through the same loading, planning and rendering a handout goes through.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stretchplan.errors import UserError
from stretchplan.load.client import client_from_flags
from stretchplan.load.library import load_brand, load_library
from stretchplan.plan import Options, build_plan, typeset
from tests.conftest import ROOT, pdf_text, render_handout

BRAND = load_brand(ROOT / "templates" / "brand.yaml")

# Mostly text a trainer might really type (accents, punctuation, markup characters),
# plus anything at all from Unicode, where most characters are not in the font.
likely = st.text(
    st.characters(
        codec="utf-8",
        categories=("L", "M", "N", "P", "S", "Zs"),
        max_codepoint=0x2FFF,
    ),
    min_size=1,
    max_size=60,
)
anything = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)
TEXT = st.one_of(likely, likely, anything).filter(lambda text: text.strip() != "")

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)


def library_data(**fields: str) -> dict[str, Any]:
    return {
        "version": 1,
        "exercises": [
            {
                "id": "figure-four",
                "name": fields.get("name", "Figure four"),
                "kind": "stretch",
                "dosage": {"static": {"reps": "1-2", "hold": "20-30"}},
                "steps": [fields.get("step", "Lie down."), "Breathe."],
            }
        ],
        "programs": [
            {
                "id": "relief",
                "title": fields.get("title", "Relief"),
                "sections": [{"title": "Stretch", "items": [{"exercise": "figure-four"}]}],
            }
        ],
    }


def handout(folder: Path, client: dict[str, Any], **library_fields: str) -> bytes:
    """Load, plan and render as `stretchplan handout` does; UserError for refusals."""
    path = folder / "exercises.yaml"
    path.write_text(
        yaml.safe_dump(library_data(**library_fields), allow_unicode=True), encoding="utf-8"
    )
    library = load_library(path)
    person = client_from_flags({"program": "relief", **client})
    plan = build_plan(library, BRAND, person, Options(today=dt.date(2026, 3, 14)))
    return render_handout(plan)


def normalised(text: str) -> str:
    """Text as it can be compared with text extracted from a PDF: compatibility forms
    folded, and no white space (lines wrap, and extraction spaces glyphs freely).

    A soft hyphen (U+00AD) only marks where a word may break, so reportlab prints it
    as nothing, as it should; it is dropped from both sides.
    """
    return "".join(unicodedata.normalize("NFKC", text).replace("\u00ad", "").split())


def prints_or_is_refused_by_name(
    text: str, make: Callable[[], bytes], printed: str | None = None
) -> None:
    """`printed` is what the text should print as, when the plan typesets it (quotes)."""
    try:
        pdf = make()
    except UserError as exc:
        message = "\n".join(str(p) for p in exc.problems)
        named = [ch for ch in set(text) if f"U+{ord(ch):04X}" in message]
        assert named, f"refused without naming a character of {text!r}: {message}"
        return
    assert normalised(text if printed is None else printed) in normalised(pdf_text(pdf))


FIELDS: dict[str, Callable[[Path, str], bytes]] = {
    "client name": lambda folder, text: handout(folder, {"name": text}),
    "note": lambda folder, text: handout(folder, {"name": "Jane", "notes": [text]}),
    "exercise name": lambda folder, text: handout(folder, {"name": "Jane"}, name=text),
    "step": lambda folder, text: handout(folder, {"name": "Jane"}, step=text),
    "program title": lambda folder, text: handout(folder, {"name": "Jane"}, title=text),
}


@pytest.mark.parametrize("field", list(FIELDS))
@SETTINGS
@given(text=TEXT)
@example(text="Zoë Łukasiewicz <b>&amp;</b> O'Brien")
@example(text="Nguyễn Thị Hoa")
@example(text="中文 name")
@example(text="tab\there\u00a0nbsp")
@example(text="bell\x07")
def test_any_text_prints_or_is_refused_naming_the_character(
    workdir: Path, field: str, text: str
) -> None:
    # A name prints as typed; the library's and the trainer's words get typographic quotes.
    printed = text if field == "client name" else typeset(text)
    prints_or_is_refused_by_name(text, lambda: FIELDS[field](workdir, text), printed)


def test_undecodable_bytes_on_the_command_line_are_refused(workdir: Path) -> None:
    with pytest.raises(UserError) as exc:
        handout(workdir, {"name": "Jane\udcff"})
    assert "name: contains bytes that are not valid text" in str(exc.value)
    assert exc.value.problems[0].field == "name"
