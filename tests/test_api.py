"""The public API (stretchplan.api): the CLI's bytes, file-located problems, owned state."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

import stretchplan
from tests.conftest import ROOT, pdf_text


def test_the_readme_snippet_gives_the_cli_bytes(workdir: Path) -> None:
    with stretchplan.open_workspace() as ws:
        doc = ws.handout(
            stretchplan.Client(name="Jane Doe", program="piriformis-relief"),
            date=dt.date(2026, 3, 14),
        )
        sheet = ws.class_sheet("piriformis-relief", title="Tuesday runners")
    subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "handout", "--name", "Jane Doe",
         "--program", "piriformis-relief", "--date", "2026-03-14", "-o", "cli.pdf"],
        cwd=workdir, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert doc.pdf == (workdir / "cli.pdf").read_bytes()
    assert doc.name == "2026-03-14-jane-doe-piriformis-relief.pdf"
    assert doc.pages == pdf_text(doc.pdf).count("Page ") >= 2
    assert "Tuesday runners" in pdf_text(sheet.pdf)


def test_keywords_replace_the_clients_fields(workdir: Path) -> None:
    with stretchplan.open_workspace() as ws:
        client = stretchplan.Client(name="Jane Doe", program="piriformis-relief")
        doc = ws.handout(client, omit=["pigeon-pose"], notes=["Ice after runs."], mode="Dynamic")
    text = pdf_text(doc.pdf)
    assert "Pigeon" not in text and "Ice after runs." in text and "Dynamic" in text


def test_a_misspelt_program_in_a_client_file_names_file_line_and_field(workdir: Path) -> None:
    from stretchplan.load.client import load_client

    (workdir / "jane.yaml").write_text("name: Jane Doe\nprogram: piriformis-relif\n")
    with stretchplan.open_workspace() as ws, pytest.raises(stretchplan.InvalidInput) as exc:
        ws.handout(load_client(workdir / "jane.yaml"))
    [problem] = exc.value.problems
    assert (problem.file, problem.line, problem.field) == ("jane.yaml", 2, "program")
    assert 'Did you mean "piriformis-relief"?' in problem.message
    # The engine's words name the field, never a flag; only the CLI speaks of --program.
    assert "--" not in str(problem)


def test_bad_look_options_are_problems_in_field_terms(workdir: Path) -> None:
    with stretchplan.open_workspace() as ws:
        client = stretchplan.Client(name="Jane Doe", program="piriformis-relief")
        with pytest.raises(stretchplan.InvalidInput) as exc:
            ws.handout(client, page_size="A5")
        assert [p.field for p in exc.value.problems] == ["page_size"]
        with pytest.raises(stretchplan.InvalidInput) as exc:
            ws.handout(client, omit=["no-such-stretch"])
        assert [p.field for p in exc.value.problems] == ["omit"]


def test_a_workspace_owns_its_state_and_lets_go_of_it(tmp_path: Path, workdir: Path) -> None:
    ws = stretchplan.open_workspace(cache_dir=tmp_path / "cache")
    client = stretchplan.Client(name="Jane Doe", program="piriformis-relief")
    first = ws.handout(client, date=dt.date(2026, 3, 14)).pdf
    assert len(ws.renderer.cards) > 0  # cards laid out once, kept for the next handout
    ws.close()
    assert len(ws.renderer.cards) == 0 and len(ws.renderer.measures) == 0
    with stretchplan.open_workspace() as again:  # a new workspace: same bytes
        assert again.handout(client, date=dt.date(2026, 3, 14)).pdf == first


def test_importing_stretchplan_changes_no_setting() -> None:
    code = (
        "import PIL.Image, reportlab.rl_config as rl; before = (PIL.Image.MAX_IMAGE_PIXELS, "
        "rl.useA85, dict(PIL.Image.OPEN)); import stretchplan, stretchplan.api, "
        "stretchplan.render.handout, stretchplan.media.probe, stretchplan.deliver.files; "
        "assert before == (PIL.Image.MAX_IMAGE_PIXELS, rl.useA85, dict(PIL.Image.OPEN)), 'changed'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_a_client_that_does_not_fit_is_invalid_input_naming_the_fields() -> None:
    with pytest.raises(stretchplan.InvalidInput) as exc:
        stretchplan.Client(name="", mode="wobbly")
    assert [p.field for p in exc.value.problems] == ["name", "mode"]
    assert all(p.file is None for p in exc.value.problems)


def test_a_tracker_past_twelve_weeks_is_refused_by_the_engine(workdir: Path) -> None:
    with stretchplan.open_workspace() as ws, pytest.raises(stretchplan.InvalidInput) as exc:
        ws.handout(stretchplan.Client(name="Jane", program="piriformis-relief"), tracker=40)
    assert [(p.field, p.message) for p in exc.value.problems] == [
        ("tracker", "expected 0 to 12 weeks, got 40")
    ]
