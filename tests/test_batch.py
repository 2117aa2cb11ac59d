"""Batch: a roster in, one correct PDF per row out, crash-safe, resumable, failures isolated."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from stretchplan.batch import BatchChoices
from stretchplan.batch.targets import unique_name
from stretchplan.deliver.combine import padded
from stretchplan.media.pages import page_count
from tests.conftest import ROOT, TODAY, flat, make_plan, pdf_text, run_batch, run_subprocess

LONG_NAME = ("Maximiliana Wolfeschlegelsteinhausen " * 4)[:120].strip()
AWKWARD = [
    "Zoë Łukasiewicz",
    "Nguyễn Thị Hoa",
    "Νίκος Παπαδόπουλος",
    "Влад Петров",
    "AT&T <b>Bold</b> & Co",
    "Siobhán O'Connor-D'Arcy",
    "Jean-Luc Picard",
    "Jean-Luc Picard",
    LONG_NAME,
    "../../etc/passwd",
    "/",
    "..",
    "CON",
    "nul.txt",
    "C:\\Windows\\System32",
]
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10))}


def write_roster(folder: Path, names: list[str], extra: str = "") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["name", "program"])
    writer.writerows([name, ""] for name in names)
    path = folder / "roster.csv"
    path.write_text(buffer.getvalue() + extra, encoding="utf-8")
    return path


def manifest(out: Path) -> list[dict]:  # type: ignore[type-arg]
    return json.loads((out / "stretchplan-manifest.json").read_text(encoding="utf-8"))["outputs"]


def is_complete_pdf(path: Path) -> bool:
    data = path.read_bytes()
    return (
        data.startswith(b"%PDF-")
        and data.rstrip().endswith(b"%%EOF")
        and (len(PdfReader(io.BytesIO(data)).pages) > 0)
    )


@pytest.fixture(scope="module")
def awkward_batch(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One real batch over the awkward roster, shared by the tests that read its outputs."""
    folder = tmp_path_factory.mktemp("awkward") / "work"
    folder.mkdir()
    write_roster(folder, AWKWARD)
    result = run_subprocess(
        "batch",
        "roster.csv",
        "--program",
        "desk-worker-reset",
        "--out-dir",
        "out",
        "--combined",
        "class.pdf",
        "--jobs",
        "2",
        "--date",
        "2026-03-14",
        cwd=folder,
    )
    return folder, result


def test_awkward_names_one_valid_pdf_each(awkward_batch) -> None:  # type: ignore[no-untyped-def]
    folder, result = awkward_batch
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # not a terminal: no progress bar
    assert "Made 15 handouts in out (0 already up to date, 0 failed)" in result.stdout
    entries = manifest(folder / "out")
    assert [e["name"] for e in entries] == AWKWARD
    files = [e["file"] for e in entries]
    assert len(set(files)) == len(AWKWARD)
    assert "2026-03-14-jean-luc-picard-desk-worker-reset-2.pdf" in files
    for entry in entries:
        path = folder / "out" / entry["file"]
        assert is_complete_pdf(path)
        text = unicodedata.normalize("NFC", flat(pdf_text(path.read_bytes())))
        assert f"Prepared for {entry['name']}" in text
        assert len(PdfReader(path).pages) == entry["pages"]


def test_nothing_outside_the_output_folder(awkward_batch) -> None:  # type: ignore[no-untyped-def]
    folder, _ = awkward_batch
    made = sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    expected = ["class.pdf", "out", "out/stretchplan-manifest.json", "roster.csv"]
    pdfs = [name for name in made if name.startswith("out/") and name.endswith(".pdf")]
    assert sorted(set(made) - set(pdfs)) == expected
    assert len(pdfs) == len(AWKWARD)
    assert sorted(p.name for p in folder.parent.iterdir()) == ["work"]
    for name in pdfs:
        file = Path(name).name
        assert file.isascii() and len(file) <= 150
        assert file.split(".")[0].lower() not in WINDOWS_RESERVED
        assert not file.startswith(".")


def test_combined_file_pads_each_person_to_a_fresh_sheet(awkward_batch) -> None:  # type: ignore[no-untyped-def]
    folder, result = awkward_batch
    entries = manifest(folder / "out")
    combined = PdfReader(folder / "class.pdf")
    assert len(combined.pages) == sum(padded(e["pages"]) for e in entries)
    assert f"class.pdf ({len(combined.pages)} pages" in result.stdout
    start = 0
    for entry in entries:
        first = combined.pages[start].extract_text()
        assert "Page 1 of" in first and "Prepared for" in first
        if entry["pages"] % 2:
            assert (combined.pages[start + entry["pages"]].extract_text() or "").strip() == ""
        start += padded(entry["pages"])
    titles = [item.title for item in combined.outline]  # type: ignore[union-attr]
    assert titles == AWKWARD


def test_bad_rows_fail_alone_with_a_summary(workdir: Path) -> None:
    (workdir / "roster.csv").write_text(
        "name,program,add\n"
        "Jane Doe,,\n"
        "Bad Program,piriformis-releif,\n"
        "John Roe,,clamshel\n"
        ",desk-worker-reset,\n"
        "Ann Poe,,\n"
        "王秀英,,\n",
        encoding="utf-8",
    )
    result = run_subprocess(
        "batch",
        "roster.csv",
        "--program",
        "desk-worker-reset",
        "--date",
        "2026-03-14",
        "--combined",
        "all.pdf",
        cwd=workdir,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Made 2 handouts in handouts (0 already up to date, 4 failed)" in result.stdout
    assert "4 rows failed; the others were made:" in result.stderr
    table = result.stderr.splitlines()[1:]
    assert table[0].split() == ["ROW", "NAME", "PROBLEM"]
    assert table[1].startswith("3    Bad Program  program: unknown program")
    assert 'Did you mean "piriformis-relief"?' in table[1]
    assert table[2].startswith("4    John Roe") and 'Did you mean "clamshell"?' in table[2]
    assert table[3].startswith("5    (no name)") and "name" in table[3]
    # A name the font cannot draw fails at rendering time, in a worker process.
    assert table[4].startswith("7    王秀英") and "cannot draw" in table[4]
    made = sorted(p.name for p in (workdir / "handouts").glob("*.pdf"))
    assert made == [
        "2026-03-14-ann-poe-desk-worker-reset.pdf",
        "2026-03-14-jane-doe-desk-worker-reset.pdf",
    ]
    # The combined file holds the rows that were made, in roster order.
    combined = PdfReader(workdir / "all.pdf")
    assert [item.title for item in combined.outline] == ["Jane Doe", "Ann Poe"]  # type: ignore[union-attr]
    assert len(combined.pages) == sum(padded(e["pages"]) for e in manifest(workdir / "handouts"))


def test_a_missing_photo_fails_only_the_rows_that_show_it(workdir: Path) -> None:
    from tests.photo_factory import library_with_photos

    library_with_photos(workdir, {"pigeon-pose": [workdir / "photos" / "pigeon.jpg"]})
    (workdir / "roster.csv").write_text(
        "name,program,add\n"
        "Jane Doe,piriformis-relief,\n"  # pigeon pose is in this program
        "Ann Poe,desk-worker-reset,\n"
        "John Roe,desk-worker-reset,pigeon-pose\n"
        "Mia Moe,runners-hip-mobility,\n",
        encoding="utf-8",
    )
    result = run_subprocess("batch", "roster.csv", "--date", "2026-03-14", cwd=workdir)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "2 rows failed; the others were made:" in result.stderr
    failed = [line for line in result.stderr.splitlines() if "photos/pigeon.jpg" in line]
    assert [line.split()[:3] for line in failed] == [["2", "Jane", "Doe"], ["4", "John", "Roe"]]
    assert all('photo for "pigeon-pose" not found' in line for line in failed)
    made = sorted(p.name for p in (workdir / "handouts").glob("*.pdf"))
    assert made == [
        "2026-03-14-ann-poe-desk-worker-reset.pdf",
        "2026-03-14-mia-moe-runners-hip-mobility.pdf",
    ]
    # One handout without that exercise is made; one with it is refused, naming the line.
    ok = run_subprocess("handout", "--name", "Ann", "--program", "desk-worker-reset", cwd=workdir)
    assert ok.returncode == 0, ok.stderr
    refused = run_subprocess(
        "handout", "--name", "Jane", "--program", "piriformis-relief", cwd=workdir
    )
    assert refused.returncode == 2
    assert "exercises.yaml:" in refused.stderr and "images[0]" in refused.stderr
    assert 'photo for "pigeon-pose" not found: photos/pigeon.jpg' in refused.stderr
    # Listing needs no photos; check still reports the missing one.
    assert run_subprocess("programs", cwd=workdir).returncode == 0
    check = run_subprocess("check", cwd=workdir)
    assert check.returncode == 2 and "photos/pigeon.jpg" in check.stdout + check.stderr


def page_look(pdf: Path, word: str = "sturdy") -> tuple[tuple[int, int], float, float]:
    """Page size in points, the type size of `word` (from a step) and the smallest size."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        words = [w for page in doc.pages for w in page.extract_words(extra_attrs=["size"])]
        size = (round(doc.pages[0].width), round(doc.pages[0].height))
    step = next(w["size"] for w in words if w["text"] == word)
    return size, step, min(w["size"] for w in words)


@pytest.mark.parametrize("layout", ["handout", "class-sheet"])
def test_batch_large_print_a4_in_german(workdir: Path, layout: str) -> None:
    write_roster(workdir, ["Jane Doe", "Ann Poe"])
    args = ["batch", "roster.csv", "--program", "desk-worker-reset", "--layout", layout]
    args += ["--date", "2026-03-14", "--large-print", "--page-size", "a4", "--lang", "de"]
    result = run_subprocess(*args, cwd=workdir)
    assert result.returncode == 0, result.stderr
    pdfs = sorted((workdir / "handouts").glob("*.pdf"))
    assert len(pdfs) == 2
    for pdf in pdfs:
        size, step, smallest = page_look(pdf, "stabilen")  # a step's word, in German
        assert size == (595, 842)  # A4
        assert step >= 14 and smallest >= 10  # large print: body 14 pt, nothing under 10
        assert "Erstellt für" in pdf_text(pdf.read_bytes()) or layout == "class-sheet"
        assert "Kursblatt" in pdf_text(pdf.read_bytes()) or layout == "handout"
    # The same rows in the usual print are different files: nothing is "up to date".
    again = run_subprocess(*args[:8], cwd=workdir)
    assert again.returncode == 0, again.stderr
    assert "(0 already up to date, 0 failed)" in again.stdout
    assert page_look(pdfs[0])[0] == (612, 792)  # letter, the brand's


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--page-size", "a5"], '--page-size: unknown value "a5"'),
        (["--lang", "deu"], '--lang: unknown value "deu". Did you mean "de"?'),
        (["--lang", "nl"], "Choose one of: en, es, fr, de, it, pt."),
        (["--layout", "class-sheet", "--tracker", "4"], "--tracker: only handouts have a tracker"),
    ],
)
def test_batch_look_flags_are_checked_before_any_output(
    workdir: Path, flags: list[str], message: str
) -> None:
    write_roster(workdir, ["Jane Doe"])
    result = run_subprocess(
        "batch", "roster.csv", "--program", "desk-worker-reset", *flags, cwd=workdir
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert not (workdir / "handouts").exists()


def test_a_bug_in_one_row_keeps_its_traceback_and_spares_the_rest(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchplan.render.renderer import Renderer

    real = Renderer.handout

    def flaky(self, plan):  # type: ignore[no-untyped-def]
        if plan.client_name == "John Roe":
            raise ZeroDivisionError("a bug")
        return real(self, plan)

    monkeypatch.setattr(Renderer, "handout", flaky)
    roster = write_roster(workdir, ["Jane Doe", "John Roe", "Ann Poe"])
    result = run_batch(roster, BatchChoices(today=TODAY, program="desk-worker-reset", jobs=1))
    assert [r.ok for r in result.rows] == [True, False, True]
    bug = result.rows[1].bug
    assert bug is not None and "ZeroDivisionError: a bug" in bug and "Traceback" in bug


def test_unknown_column_is_exit_2_before_any_output(workdir: Path) -> None:
    (workdir / "roster.csv").write_text("name,progam\nJane,piriformis-relief\n", encoding="utf-8")
    result = run_subprocess(
        "batch",
        "roster.csv",
        "--program",
        "desk-worker-reset",
        "--combined",
        "all.pdf",
        cwd=workdir,
    )
    assert result.returncode == 2
    assert (
        'roster.csv:1: column B "progam": unknown column. Did you mean "program"?' in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in workdir.iterdir()) == ["roster.csv"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "no program chosen"),
        (["--program", "desk-worker-rest"], 'Did you mean "desk-worker-reset"?'),
        (["--program", "desk-worker-reset", "--layout", "poster"], "--layout"),
        (["--program", "desk-worker-reset", "--combined", "all.txt"], "must end in .pdf"),
    ],
)
def test_usage_problems_are_exit_2_before_any_output(
    workdir: Path,
    run,
    args: list[str],
    expected: str,  # type: ignore[no-untyped-def]
) -> None:
    (workdir / "roster.csv").write_text("name\nJane\n", encoding="utf-8")
    result = run("batch", "roster.csv", *args)
    assert result.exit_code == 2
    assert expected in result.output
    assert sorted(p.name for p in workdir.iterdir()) == ["roster.csv"]


def test_rerun_skips_finished_rows_and_remakes_changed_ones(workdir: Path) -> None:
    roster = write_roster(workdir, ["Jane Doe", "John Roe", "Ann Poe"])
    choices = BatchChoices(today=TODAY, program="desk-worker-reset", jobs=1)
    first = run_batch(roster, choices)
    assert [r.skipped for r in first.rows] == [False, False, False]
    before = {r.name: r.file.stat() for r in first.rows if r.file}

    again = run_batch(roster, choices)
    assert [r.skipped for r in again.rows] == [True, True, True]
    for row in again.rows:
        assert row.file and row.file.stat().st_ino == before[row.name].st_ino
        assert row.file.stat().st_mtime_ns == before[row.name].st_mtime_ns

    roster.write_text(
        roster.read_text(encoding="utf-8").replace("John Roe,", "John Roe,piriformis-relief"),
        encoding="utf-8",
    )
    changed = run_batch(roster, choices)
    assert [r.skipped for r in changed.rows] == [True, False, True]
    assert changed.rows[1].file and "piriformis-relief" in changed.rows[1].file.name

    # A file changed behind our back is not ours any more: kept unless --force.
    jane = changed.rows[0].file
    assert jane is not None
    jane.write_bytes(b"%PDF-1.4 edited by hand")
    kept = run_batch(roster, choices)
    assert not kept.rows[0].ok and jane.read_bytes() == b"%PDF-1.4 edited by hand"
    forced = run_batch(roster, replace(choices, force=True))
    assert [r.skipped for r in forced.rows] == [False, True, True]
    assert is_complete_pdf(jane)


def test_a_changed_brand_remakes_every_file(workdir: Path) -> None:
    shutil.copytree(ROOT / "templates", workdir / "templates")
    roster = write_roster(workdir, ["Jane Doe", "John Roe"])
    choices = BatchChoices(today=TODAY, program="desk-worker-reset", jobs=2)
    first = run_batch(roster, choices)
    disclaimer = workdir / "templates" / "disclaimer.md"
    disclaimer.write_text(disclaimer.read_text(encoding="utf-8") + "\n\nNew last line.\n", "utf-8")
    second = run_batch(roster, choices)
    assert [r.skipped for r in second.rows] == [False, False]
    assert [r.file for r in second.rows] == [r.file for r in first.rows]
    assert all("New last line." in pdf_text(r.file.read_bytes()) for r in second.rows if r.file)


def test_manifest_records_what_made_each_file(workdir: Path) -> None:
    import hashlib

    roster = write_roster(workdir, ["Jane Doe", "Jane Doe"])
    result = run_batch(roster, BatchChoices(today=TODAY, program="desk-worker-reset", jobs=1))
    entries = manifest(workdir / "handouts")
    assert [(e["row"], e["name"]) for e in entries] == [(2, "Jane Doe"), (3, "Jane Doe")]
    for entry, row in zip(entries, result.rows, strict=True):
        data = (workdir / "handouts" / entry["file"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["pages"] == len(PdfReader(io.BytesIO(data)).pages) == row.pages
        assert len(entry["inputs"]) == 64
    # Same person twice, same inputs: same digest, different files.
    assert entries[0]["inputs"] == entries[1]["inputs"]
    assert entries[0]["file"] != entries[1]["file"]


def test_never_overwrites_a_file_it_did_not_make(workdir: Path) -> None:
    roster = write_roster(workdir, ["Jane Doe", "John Roe"])
    mine = workdir / "handouts" / f"{TODAY.isoformat()}-jane-doe-desk-worker-reset.pdf"
    mine.parent.mkdir()
    mine.write_bytes(b"%PDF-1.4 the trainer's own file")
    result = run_batch(roster, BatchChoices(today=TODAY, program="desk-worker-reset", jobs=1))
    assert [r.ok for r in result.rows] == [False, True]
    assert "not made by stretchplan" in result.rows[0].problems[0].message
    assert mine.read_bytes() == b"%PDF-1.4 the trainer's own file"


def test_class_sheet_layout_names_each_attendee(workdir: Path, run) -> None:  # type: ignore[no-untyped-def]
    write_roster(workdir, ["Jane Doe", "Влад Петров"])
    result = run(
        "batch", "roster.csv", "--program", "runners-hip-mobility", "--layout", "class-sheet"
    )
    assert result.exit_code == 0, result.output
    assert "Made 2 class sheets" in result.output
    for entry, name in zip(
        manifest(workdir / "handouts"), ["Jane Doe", "Влад Петров"], strict=True
    ):
        assert entry["file"].endswith("-runners-hip-mobility-class-sheet.pdf")
        text = pdf_text((workdir / "handouts" / entry["file"]).read_bytes())
        assert f"Name: {name}" in text and "Class sheet" in text


def test_kill_9_leaves_only_complete_pdfs_and_a_rerun_finishes(workdir: Path) -> None:
    names = [f"Client Number {i}" for i in range(40)]
    write_roster(workdir, names)
    command = [
        sys.executable,
        str(ROOT / "cli.py"),
        "batch",
        "roster.csv",
        "--program",
        "piriformis-relief",
        "--jobs",
        "2",
    ]
    out = workdir / "handouts"
    process = subprocess.Popen(
        command,
        cwd=workdir,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while len(list(out.glob("*.pdf"))) < 4 and time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()  # type: ignore[union-attr]
        time.sleep(0.01)
    # The whole process group, workers included, dies at once, mid-write if need be.
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    process.stderr.close()  # type: ignore[union-attr]

    left = list(out.glob("*.pdf"))
    assert 4 <= len(left) < len(names), "the batch should have been stopped half-way"
    assert all(is_complete_pdf(path) for path in left)
    recorded = {e["file"]: (out / e["file"]).stat() for e in manifest(out)}
    assert recorded  # the manifest is rewritten as rows finish, and always whole

    rerun = subprocess.run(command, cwd=workdir, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    skipped = int(rerun.stdout.split("(")[1].split()[0])
    assert skipped >= len(recorded)
    entries = manifest(out)
    assert [e["name"] for e in entries] == names
    for entry in entries:
        path = out / entry["file"]
        assert is_complete_pdf(path)
        if entry["file"] in recorded:  # finished before the kill: not made again
            assert path.stat().st_ino == recorded[entry["file"]].st_ino
            assert path.stat().st_mtime_ns == recorded[entry["file"]].st_mtime_ns
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # no temp files


def test_progress_bar_on_a_terminal(workdir: Path) -> None:
    import pty

    write_roster(workdir, ["Jane Doe", "John Roe", "Ann Poe"])
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "batch",
            "roster.csv",
            "--program",
            "desk-worker-reset",
        ],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "100"},
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the batch is done
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert process.wait() == 0
    assert b"Making handouts" in seen and b"3/3" in seen


def test_names_are_unique_within_a_batch() -> None:
    taken: set[str] = set()
    names = [unique_name(n, taken) for n in ["a.pdf", "a.pdf", "a-2.pdf", "a.pdf"]]
    assert names == ["a.pdf", "a-2.pdf", "a-2-2.pdf", "a-3.pdf"]


@pytest.mark.parametrize("layout", ["handout", "class-sheet"])
@pytest.mark.parametrize("program", ["piriformis-relief", "desk-worker-reset"])
def test_page_count_without_parsing_agrees_with_pypdf(layout: str, program: str) -> None:
    from tests.conftest import render_class_sheet as class_sheet_pdf
    from tests.conftest import render_handout as handout_pdf

    plan = make_plan(program=program, notes=["Ice after long runs."] * 12)
    pdf = class_sheet_pdf(plan) if layout == "class-sheet" else handout_pdf(plan)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert page_count(pdf) == pages
    assert layout == "class-sheet" or pages > 1  # a count of one proves little


def test_manifest_is_one_output_a_line(workdir: Path) -> None:
    roster = write_roster(workdir, ["Jane Doe", "Ann Poe"])
    run_batch(roster, BatchChoices(today=TODAY, program="desk-worker-reset", jobs=1))
    lines = (workdir / "handouts" / "stretchplan-manifest.json").read_text("utf-8").splitlines()
    assert [json.loads(line.rstrip(","))["name"] for line in lines[1:-1]] == ["Jane Doe", "Ann Poe"]


def test_objects_are_frozen_for_the_batch_only(workdir: Path) -> None:
    import gc

    roster = write_roster(workdir, ["Jane Doe", "Ann Poe"])
    before = gc.get_freeze_count()
    run_batch(roster, BatchChoices(today=TODAY, program="desk-worker-reset", jobs=1))
    assert gc.get_freeze_count() == before == 0  # the caller's collector sees everything again


def test_help_shows_examples(run) -> None:  # type: ignore[no-untyped-def]
    for command in ("batch", "class-sheet"):
        assert "Example:" in run(command, "--help").output


def test_a_name_with_a_direction_mark_fails_its_row_and_shows_spelt_out(workdir: Path) -> None:
    # Printed raw, U+202E would turn the rest of the terminal's line around.
    (workdir / "roster.csv").write_text(
        "name,program\nAna\u202eorraB,piriformis-relief\nBo Lee,piriformis-relief\n",
        encoding="utf-8",
    )
    result = run_subprocess("batch", "roster.csv", "--date", "2026-03-14", cwd=workdir)
    assert result.returncode == 1, result.stderr
    assert "\u202e" not in result.stderr
    row = result.stderr.splitlines()[2]
    assert row.startswith("2    Ana\\u202eorraB  name: contains the invisible direction mark")
    made = [p.name for p in (workdir / "handouts").glob("*.pdf")]
    assert made == ["2026-03-14-bo-lee-piriformis-relief.pdf"]


def test_rows_on_one_program_share_its_plan_parts() -> None:
    """Every row's plan lives until the batch ends: rows on the same program hold one copy
    of its sections, notes and brand, not one each, so memory does not grow with the roster."""
    from stretchplan.batch.run import _Batch

    holder = type("Holder", (), {"_parts": {}})()
    first, second, other = (
        _Batch._shared(holder, make_plan(name, program))  # type: ignore[arg-type]
        for name, program in (
            ("Ann", "piriformis-relief"),
            ("Bo", "piriformis-relief"),
            ("Cy", "runners-hip-mobility"),
        )
    )
    fresh = make_plan("Bo", "piriformis-relief")
    assert second == fresh and repr(second) == repr(fresh)  # the same plan, all the same
    assert second.sections is first.sections and second.brand is first.brand
    assert second.client_name == "Bo" and other.sections is not first.sections
