"""Printing through CUPS, against a real cupsd with cups-pdf printers (tests/cups_server.py).

cups-pdf re-renders what it prints through Ghostscript, so the printed files are checked
for what survives that: page count, page size, blank back pages, QR codes that decode.
Text is checked on the original.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stretchplan.deliver import cups
from stretchplan.deliver.files import write_atomic
from tests import cups_server
from tests.conftest import (
    ROOT,
    decode_qr_codes,
    make_plan,
    pdf_text,
    render_handout,
    run_subprocess,
)
from tests.cups_server import CupsServer, free_port


def handout(folder: Path, name: str = "Jane Doe", **client: object) -> tuple[Path, bytes]:
    data = render_handout(make_plan(name, **client))
    path = folder / "handout.pdf"
    write_atomic(path, data)
    return path, data


def page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def page_sizes(data: bytes) -> set[tuple[int, int]]:
    from pypdf import PdfReader

    return {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(io.BytesIO(data)).pages
    }


def blank_pages(data: bytes) -> list[int]:
    """0-based indexes of pages with no ink at all."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        found = []
        for i, page in enumerate(pdf):
            low, _high = page.render(scale=30 / 72, grayscale=True).to_pil().getextrema()
            if low > 250:
                found.append(i)
        return found
    finally:
        pdf.close()


def run_with_env(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python cli.py ARGS` with some environment variables changed."""
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


def job_id(output: str) -> str:
    match = re.search(r"as job (\S+)", output)
    assert match, output
    return match.group(1)


# --- against the real scheduler -------------------------------------------------------------


@pytest.mark.cups
def test_duplex_copies_each_start_on_a_fresh_sheet(cupsd: CupsServer, tmp_path: Path) -> None:
    # desk-worker-reset is three pages: an odd count, with a blank back
    path, original = handout(tmp_path, program="desk-worker-reset")
    pages = page_count(original)
    assert pages % 2 == 1, "needs an odd page count to show the blank back page"
    assert "Jane Doe" in pdf_text(original)

    result = run_subprocess("print", str(path), "--copies", "2", "--duplex", "--wait", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    job = job_id(result.stdout)
    assert f"{job}: printed" in result.stdout
    printed = cupsd.printed(job).read_bytes()
    assert page_count(printed) == 2 * (pages + 1)
    assert blank_pages(printed) == [pages, 2 * pages + 1]  # each copy's padding back page
    # The printer's own default is A4; the job asked for the handout's letter paper.
    assert page_sizes(printed) == {(612, 792)}
    expected = decode_qr_codes(original)
    assert expected
    assert sorted(decode_qr_codes(printed)) == sorted(expected * 2)


@pytest.mark.cups
def test_simplex_copies_on_a4(cupsd: CupsServer, tmp_path: Path) -> None:
    path, original = handout(tmp_path, program="desk-worker-reset")
    options = cups.PrintOptions(copies=2, duplex=False, page_size="a4")

    report = cups.print_files([path], options)
    outcomes = cups.wait_for_jobs(report.jobs)

    assert [o.ok for o in outcomes] == [True]
    assert report.jobs[0].printer == cupsd.printer  # the default printer
    printed = cupsd.printed(report.jobs[0].id).read_bytes()
    assert page_count(printed) == 2 * page_count(original)
    assert blank_pages(printed) == []
    assert page_sizes(printed) == {(595, 842)}


@pytest.mark.cups
def test_handout_print_prints_the_file_it_wrote(cupsd: CupsServer, workdir: Path) -> None:
    result = run_subprocess(
        "handout", "--name", "Zoë Łukasiewicz", "--program", "piriformis-relief",
        "--date", "2026-03-14", "--print", "--copies", "2",
        "--printer", cupsd.spare.lower(),  # CUPS printer names ignore case
        cwd=workdir,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    written = workdir / "handouts" / "2026-03-14-zoe-lukasiewicz-piriformis-relief.pdf"
    assert f"Sent {Path('handouts') / written.name} to {cupsd.spare} as job" in result.stdout
    original = written.read_bytes()
    assert "Zoë Łukasiewicz" in pdf_text(original)
    printed = cupsd.printed(job_id(result.stdout)).read_bytes()
    assert page_count(printed) == 2 * page_count(original)
    assert sorted(decode_qr_codes(printed)) == sorted(decode_qr_codes(original) * 2)


@pytest.mark.cups
def test_batch_print_sends_the_combined_file_double_sided(cupsd: CupsServer, workdir: Path) -> None:
    (workdir / "class.csv").write_text(
        "name,program\nAda Lovelace,desk-worker-reset\nŞule Yılmaz,runners-hip-mobility\n",
        encoding="utf-8",
    )
    result = run_subprocess(
        "batch", "class.csv", "--combined", "class.pdf", "--jobs", "1", "--date", "2026-03-14",
        "--print", "--printer", cupsd.spare, cwd=workdir,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    combined = (workdir / "class.pdf").read_bytes()
    assert f"Sent class.pdf to {cupsd.spare} as job" in result.stdout
    assert result.stdout.count("as job") == 1  # one job: the combined stack, in roster order
    printed = cupsd.printed(job_id(result.stdout)).read_bytes()
    assert page_count(printed) == page_count(combined)
    assert sorted(decode_qr_codes(printed)) == sorted(decode_qr_codes(combined))


@pytest.mark.cups
@pytest.mark.parametrize(
    "command",
    [
        ["batch", "class.csv", "--program", "desk-worker-reset"],
        ["handout", "--name", "Jane", "--program", "piriformis-relief"],
    ],
    ids=["batch", "handout"],
)
def test_print_to_an_unknown_printer_writes_nothing(
    cupsd: CupsServer, workdir: Path, command: list[str]
) -> None:
    (workdir / "class.csv").write_text("name\nAda Lovelace\n", encoding="utf-8")
    result = run_subprocess(*command, "--print", "--printer", "Handout-PDF", cwd=workdir)

    assert result.returncode == 2
    assert 'Did you mean "Handouts-PDF"?' in result.stderr
    assert not (workdir / "handouts").exists()


@pytest.mark.cups
def test_printers_lists_them_and_the_default(cupsd: CupsServer, workdir: Path) -> None:
    result = run_subprocess("printers", cwd=workdir)

    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[1:]}
    assert rows[cupsd.printer][0] == "yes"
    assert rows[cupsd.spare][0] != "yes"


@pytest.mark.cups
def test_unknown_printer_lists_printers_and_suggests_nearest(
    cupsd: CupsServer, tmp_path: Path
) -> None:
    path, _ = handout(tmp_path)
    before = cupsd.jobs()

    result = run_subprocess("print", str(path), "--printer", "Spare-PFD", cwd=tmp_path)

    assert result.returncode == 2
    assert 'no printer called "Spare-PFD". Did you mean "Spare-PDF"?' in result.stderr
    assert f"Printers: {cupsd.printer}, {cupsd.spare}." in result.stderr
    assert "Traceback" not in result.stderr
    assert cupsd.jobs() == before


@pytest.mark.cups
def test_half_written_or_foreign_files_are_never_sent(cupsd: CupsServer, tmp_path: Path) -> None:
    good, data = handout(tmp_path)
    half = tmp_path / "half.pdf"
    half.write_bytes(data[: len(data) // 2])
    before = cupsd.jobs()

    result = run_subprocess("print", str(good), str(half), "--wait", cwd=tmp_path)

    assert result.returncode == 2
    assert f"{half}: is not a complete PDF" in result.stderr
    assert "Traceback" not in result.stderr
    assert cupsd.jobs() == before  # not even the good file went out


@pytest.mark.cups
def test_wait_reports_a_stopped_printer(cupsd: CupsServer, tmp_path: Path) -> None:
    path, _ = handout(tmp_path)
    cupsd.run("cupsdisable", "-r", "Out of paper", cupsd.spare)
    try:
        result = run_subprocess(
            "print", str(path), "--printer", cupsd.spare, "--wait", cwd=tmp_path
        )
    finally:
        cupsd.run("cancel", "-a", cupsd.spare)
        cupsd.run("cupsenable", cupsd.spare)

    assert result.returncode == 1, result.stderr
    job = job_id(result.stdout)
    assert f"{job}: printer {cupsd.spare} has stopped (Out of paper)" in result.stdout
    assert "1 of 1 print jobs did not print" in result.stdout


@pytest.mark.cups
def test_wait_reports_held_cancelled_and_failed_jobs(cupsd: CupsServer, tmp_path: Path) -> None:
    path, data = handout(tmp_path)
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data[:3000] + b"\n%%EOF\n")  # passes a glance, not a PDF reader

    def submit(*args: str) -> cups.Job:
        out = cupsd.run("lp", "-d", cupsd.spare, *args)
        return cups.Job(re.search(r"request id is (\S+)", out).group(1), path, cupsd.spare, 1)  # type: ignore[union-attr]

    held = submit("-H", "hold", str(path))
    [outcome] = cups.wait_for_jobs([held])
    assert not outcome.ok and "held" in outcome.summary

    cupsd.run("cancel", held.id)
    [outcome] = cups.wait_for_jobs([held])
    assert not outcome.ok and "cancelled" in outcome.summary

    broken = submit(str(damaged))
    try:
        [outcome] = cups.wait_for_jobs([broken], limit=120)
    finally:
        cupsd.run("cancel", "-a", cupsd.spare)
        cupsd.run("cupsenable", cupsd.spare)
    assert not outcome.ok
    # CUPS words the reason as its filter or backend last reported it ("Filter failed",
    # or the filter's own complaint about the damaged file): any reason, but a reason.
    assert re.match(r"stopped \([^)]+\); it waits in the queue", outcome.summary), outcome.summary


# --- no scheduler needed ---------------------------------------------------------------------


def test_file_problems_are_reported_together(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a pdf", encoding="utf-8")
    (tmp_path / "folder.pdf").mkdir()
    _, data = handout(tmp_path)
    (tmp_path / "damaged.pdf").write_bytes(data[: len(data) // 2] + b"\n%%EOF\n")

    result = run_subprocess(
        "print", "missing.pdf", "notes.txt", "folder.pdf", "damaged.pdf", cwd=tmp_path
    )

    assert result.returncode == 2
    assert "damaged.pdf: is damaged and cannot be read as a PDF" in result.stderr
    assert "missing.pdf: no such file" in result.stderr
    assert "notes.txt: is not a PDF" in result.stderr
    assert "folder.pdf: is a folder" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["print", "handout.pdf"], ["printers"]])
def test_without_the_cups_client_says_what_to_install(tmp_path: Path, command: list[str]) -> None:
    handout(tmp_path)
    empty = tmp_path / "bin"
    empty.mkdir()

    result = run_with_env({"PATH": str(empty)}, *command, cwd=tmp_path)

    assert result.returncode == 2
    assert "apt-get install cups-client" in result.stderr
    assert "any PDF viewer" in result.stderr
    assert "Traceback" not in result.stderr


def test_cups_tests_skip_locally_but_fail_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cups_server, "CUPSD", "/nonexistent/cupsd")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="cupsd is not installed"):
        cups_server.require_cups()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="must run in CI"):
        cups_server.require_cups()


def test_printer_options_need_print(workdir: Path) -> None:
    result = run_subprocess(
        "handout", "--name", "Jane", "--program", "piriformis-relief", "--copies", "3",
        cwd=workdir,
    )  # fmt: skip

    assert result.returncode == 2
    assert "--copies: only applies when printing; add --print" in result.stderr
    assert not (workdir / "handouts").exists()


def test_scheduler_not_running(tmp_path: Path) -> None:
    if shutil.which("lpstat") is None:
        pytest.skip("lpstat is not installed (Debian: apt-get install cups-client)")
    path, _ = handout(tmp_path)

    nobody = f"127.0.0.1:{free_port()}"
    result = run_with_env({"CUPS_SERVER": nobody}, "print", str(path), cwd=tmp_path)

    assert result.returncode == 2
    assert "the print service (the CUPS scheduler, cupsd" in result.stderr
    assert "is not running" in result.stderr
    assert "Traceback" not in result.stderr
