"""`stretchplan init`: a workspace that passes `check`, makes a handout, and never clobbers."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import yaml

from stretchplan.scaffold import SCHEMA_LINE, STARTER_PROGRAM, workspace_files
from tests.conftest import decode_qr_codes, flat, pdf_text, run_subprocess


def test_init_check_handout_round_trip(workdir: Path) -> None:
    made = run_subprocess("init", "studio", cwd=workdir)
    assert made.returncode == 0, made.stderr
    studio = workdir / "studio"
    checked = run_subprocess("check", cwd=studio)
    assert checked.returncode == 0, checked.stderr
    assert "exercises.yaml: 4 exercises, 1 program, all valid" in checked.stdout
    assert "No problems found." in checked.stdout
    handout = run_subprocess(
        "handout", "--name", "Zoë Łukasiewicz", "--program", STARTER_PROGRAM,
        "--date", "2026-03-14", cwd=studio,
    )  # fmt: skip
    assert handout.returncode == 0, handout.stderr
    pdf = (studio / "handouts" / f"2026-03-14-zoe-lukasiewicz-{STARTER_PROGRAM}.pdf").read_bytes()
    text = flat(pdf_text(pdf))
    assert "Zoë Łukasiewicz" in text
    assert "Hip reset" in text and "Glute bridge" in text
    assert "2 sets × 10 reps" in text  # the program's own dosage override
    assert "not medical advice" in text  # the bundled disclaimer came along
    assert len(decode_qr_codes(pdf)) == 4


def test_every_yaml_file_names_its_schema_and_validates_against_it(workdir: Path) -> None:
    assert run_subprocess("init", ".", cwd=workdir).returncode == 0
    for name in ("exercises.yaml", "templates/brand.yaml"):
        path = workdir / name
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(SCHEMA_LINE)
        schema_file = (path.parent / first.removeprefix(SCHEMA_LINE)).resolve()
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(path.read_text("utf-8")))


def test_example_roster_has_the_documented_columns(workdir: Path) -> None:
    assert run_subprocess("init", ".", cwd=workdir).returncode == 0
    with (workdir / "roster.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["name", "program", "mode", "lang", "add", "omit", "notes", "goals"]
    assert {row["program"] for row in rows} == {STARTER_PROGRAM}
    assert len(rows) >= 2


def test_fonts_come_with_their_licence(workdir: Path) -> None:
    names = {str(path) for path in workspace_files()}
    assert "templates/fonts/OFL.txt" in names
    assert {"templates/disclaimer.md", "templates/logo.png"} <= names
    assert sum(name.endswith(".ttf") for name in names) == 3


def test_existing_files_stop_init_before_anything_is_written(workdir: Path) -> None:
    mine = workdir / "exercises.yaml"
    mine.write_text("# my own library\n", encoding="utf-8")
    (workdir / "notes.txt").write_text("keep me\n", encoding="utf-8")
    result = run_subprocess("init", ".", cwd=workdir)
    assert result.returncode == 2
    assert "already holds exercises.yaml; nothing was written" in result.stderr
    assert "--force" in result.stderr
    assert sorted(p.name for p in workdir.iterdir()) == ["exercises.yaml", "notes.txt"]
    assert mine.read_text(encoding="utf-8") == "# my own library\n"

    forced = run_subprocess("init", ".", "--force", cwd=workdir)
    assert forced.returncode == 0, forced.stderr
    assert mine.read_text(encoding="utf-8").startswith(SCHEMA_LINE)
    assert (workdir / "notes.txt").read_text(encoding="utf-8") == "keep me\n"


def test_a_file_in_the_way_of_a_folder_is_named(workdir: Path) -> None:
    (workdir / "templates").write_text("oops\n", encoding="utf-8")
    for args in (("init", "."), ("init", ".", "--force")):
        result = run_subprocess(*args, cwd=workdir)
        assert result.returncode == 2
        assert "templates: is a file where init needs a folder" in result.stderr
        assert "Traceback" not in result.stderr
    assert [p.name for p in workdir.iterdir()] == ["templates"]


def test_init_into_a_file_is_refused(workdir: Path) -> None:
    (workdir / "studio").write_text("", encoding="utf-8")
    result = run_subprocess("init", "studio", cwd=workdir)
    assert result.returncode == 2
    assert "studio: is a file" in result.stderr
