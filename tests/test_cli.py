"""The command line as a trainer uses it: outputs, messages, exit codes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import ROOT, pdf_text, run_subprocess


def test_handout_writes_default_name_in_handouts_folder(workdir: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "handout",
        "--name",
        "Nguyễn Thị Hoa",
        "--program",
        "piriformis-relief",
        "--date",
        "2026-03-14",
        "--note",
        "Ice after long runs.",
    )
    assert result.exit_code == 0, result.output
    out = workdir / "handouts" / "2026-03-14-nguyen-thi-hoa-piriformis-relief.pdf"
    assert out.is_file()
    assert str(Path("handouts") / out.name) in result.output
    assert "Ice after long runs." in pdf_text(out.read_bytes())
    assert [p.name for p in (workdir / "handouts").iterdir()] == [out.name]  # no temp files


def test_client_file_and_flags(workdir: Path, run) -> None:  # type: ignore[no-untyped-def]
    (workdir / "jane.yaml").write_text(
        "name: Jane Doe\nprogram: piriformis-relief\nmode: dynamic\nomit: [pigeon-pose]\n"
        "notes: [Ice after long runs.]\ngoals: [Run 10 km without buttock pain]\n",
        encoding="utf-8",
    )
    result = run("handout", "jane.yaml", "--date", "2026-03-14", "-o", "jane.pdf")
    assert result.exit_code == 0, result.output
    text = pdf_text((workdir / "jane.pdf").read_bytes())
    assert "Jane Doe" in text and "Run 10 km without buttock pain" in text
    assert "Pigeon pose" not in text
    assert "Hold 4–6 s" in text


def test_never_overwrites_a_file_it_did_not_make(workdir: Path, run) -> None:  # type: ignore[no-untyped-def]
    precious = workdir / "plan.pdf"
    precious.write_bytes(b"%PDF-1.4 my own work")
    result = run("handout", "--name", "Jane", "--program", "piriformis-relief", "-o", "plan.pdf")
    assert result.exit_code == 2
    assert "--force" in result.output
    assert precious.read_bytes() == b"%PDF-1.4 my own work"
    # Regenerating its own output is fine.
    assert (
        run(
            "handout", "--name", "Jane", "--program", "piriformis-relief", "-o", "new.pdf"
        ).exit_code
        == 0
    )
    assert (
        run(
            "handout", "--name", "Jane", "--program", "piriformis-relief", "-o", "new.pdf"
        ).exit_code
        == 0
    )


def test_misspelt_program_suggests_the_right_one(workdir: Path) -> None:
    result = run_subprocess(
        "handout", "--name", "Jane", "--program", "piriformis-releif", cwd=workdir
    )
    assert result.returncode == 2
    assert 'Did you mean "piriformis-relief"?' in result.stderr
    assert "Traceback" not in result.stderr
    assert not (workdir / "handouts").exists()


def test_malformed_library_names_file_line_and_field(workdir: Path) -> None:
    source = (ROOT / "exercises.yaml").read_text(encoding="utf-8")
    lines = source.splitlines()
    target = next(i for i, line in enumerate(lines) if "static:" in line and "hold:" in line)
    lines[target] = lines[target].replace("hold: 20-30", 'hold: "thirty"')
    assert 'hold: "thirty"' in lines[target]
    (workdir / "exercises.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_subprocess(
        "handout", "--name", "Jane", "--program", "piriformis-relief", cwd=workdir
    )
    assert result.returncode == 2
    assert f"exercises.yaml:{target + 1}: exercises[" in result.stderr
    assert '.dosage.static.hold: expected seconds like 30 or 20-30, got "thirty"' in result.stderr
    assert "Traceback" not in result.stderr


def test_yaml_syntax_error_is_exit_2_with_line(workdir: Path) -> None:
    (workdir / "exercises.yaml").write_text(
        "version: 1\nexercises:\n  - id: x\n   name: [\n", encoding="utf-8"
    )
    result = run_subprocess("check", cwd=workdir)
    assert result.returncode == 2
    assert "exercises.yaml:" in result.stderr and "YAML syntax error" in result.stderr
    assert "Traceback" not in result.stderr


def test_brand_without_disclaimer_is_refused(workdir: Path) -> None:
    shutil.copytree(ROOT / "templates", workdir / "templates")
    brand = workdir / "templates" / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    # The disclaimer key and its per-language lines below it.
    brand.write_text(re.sub(r"(?m)^disclaimer:.*\n(^ +.*\n)*", "", text), encoding="utf-8")
    result = run_subprocess(
        "handout", "--name", "Jane", "--program", "piriformis-relief", cwd=workdir
    )
    assert result.returncode == 2
    assert "disclaimer" in result.stderr and "brand.yaml" in result.stderr


def test_check_programs_and_exercises_commands(workdir: Path, run) -> None:  # type: ignore[no-untyped-def]
    check = run("check")
    assert check.exit_code == 0 and "all valid" in check.output
    programs = run("programs")
    assert "piriformis-relief" in programs.output
    listing = run("exercises", "--tag", "piriformis-syndrome")
    assert "supine-figure-four" in listing.output
    show = run("exercises", "show", "supine-figure-four")
    assert "Hold 20–30 s · 1–2 times · each side" in show.output
    missing = run("exercises", "show", "supine-figure-for")
    assert missing.exit_code == 2 and 'Did you mean "supine-figure-four"?' in missing.output


def test_version_and_help_show_examples(run) -> None:  # type: ignore[no-untyped-def]
    assert "stretchplan 0." in run("--version").output
    for command in (["handout"], ["check"], ["programs"], ["exercises"], ["exercises", "show"]):
        assert "Example:" in run(*command, "--help").output


def _commands(command: object, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, sub in getattr(command, "commands", {}).items():
        found += _commands(sub, (*path, name))
    return found


def test_every_help_reads_in_a_trainers_words() -> None:
    """No programmer notation in any command's --help: `<path>`, `[1<=x<=100]`,
    `list[str]`, `[[CLIENT.yaml]]`, `{PDF}`, INTEGER."""
    import typer.main
    from typer.testing import CliRunner

    from tests.conftest import cli

    notation = re.compile(r"<\w+>|<=|>=|\[\[|\{\w+\}|list\[|\bINTEGER\b|\bFLOAT\b|\bBOOLEAN\b")
    commands = _commands(typer.main.get_command(cli.app))
    assert len(commands) > 12  # the walk found the subcommands too
    runner = CliRunner()
    for path in commands:
        shown = runner.invoke(cli.app, [*path, "--help"], env={"COLUMNS": "200"}).output
        assert "Usage:" in shown
        assert [line for line in shown.splitlines() if notation.search(line)] == [], path


def test_a_number_out_of_range_is_said_in_words(run) -> None:  # type: ignore[no-untyped-def]
    result = run("handout", "--name", "Ana", "--program", "piriformis-relief", "--copies", "0")
    assert result.exit_code == 2
    assert "expected 1 to 100, got 0" in result.output
    result = run("handout", "--name", "Ana", "--program", "piriformis-relief", "--tracker", "13")
    assert result.exit_code == 2
    assert "--tracker: expected 0 to 12 weeks, got 13" in result.output
    result = run("preview", "x.pdf", "--dpi", "lots")
    assert result.exit_code == 2 and "expected a whole number, got 'lots'" in result.output
