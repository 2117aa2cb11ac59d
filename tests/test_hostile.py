"""Files a careless or hostile user might hand over: never a traceback, a hang or a balloon.

Each case runs the real command line in a subprocess under a time limit and a memory
limit, in a small valid workspace (the one test_bad_inputs builds) with one input
replaced by something hostile: a FIFO, a device, a symbolic link that loops, text
with control characters or in the wrong encoding. A hang or runaway memory fails the
case instead of stalling the suite.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, pdf_text
from tests.test_bad_inputs import LIBRARY, workspace

TIME_LIMIT = 60  # seconds; a normal case takes two or three
MEMORY_LIMIT = 1536 * 1024 * 1024  # address space, bytes: a balloon dies here

CLIENT = "name: Ana Díaz\nprogram: relief\n"
ROSTER_YAML = "- name: Ana\n  program: relief\n- name: Ben\n  program: relief\n"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def hostile(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python cli.py ...` with a time and a memory limit; a hang raises TimeoutExpired."""
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        check=False,
        preexec_fn=_limits,  # a fresh child: setrlimit before exec is safe here
    )


Setup = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    setup: Setup
    args: tuple[str, ...]
    expect: tuple[str, ...]
    code: int = 2


def fifo(name: str) -> Setup:
    def make(folder: Path) -> None:
        target = folder / name
        target.unlink(missing_ok=True)
        os.mkfifo(target)

    return make


def loop(name: str) -> Setup:
    def make(folder: Path) -> None:
        target = folder / name
        target.unlink(missing_ok=True)
        target.symlink_to(target.name)  # points at itself

    return make


def device(name: str, dev: str = "/dev/zero") -> Setup:
    def make(folder: Path) -> None:
        target = folder / name
        target.unlink(missing_ok=True)
        target.symlink_to(dev)

    return make


def folder_named(name: str) -> Setup:
    def make(folder: Path) -> None:
        target = folder / name
        target.unlink(missing_ok=True)
        target.mkdir()

    return make


def write(name: str, data: bytes | str) -> Setup:
    def make(folder: Path) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (folder / name).write_bytes(raw)

    return make


def both(*steps: Setup) -> Setup:
    def make(folder: Path) -> None:
        for step in steps:
            step(folder)

    return make


def utf16_no_bom(text: str) -> bytes:
    return text.encode("utf-16-le")


LIB_WITH = LIBRARY.replace
BRAND_LOGO = "business: {name: Riverside Studio}\nlogo: logo.png\n" + "\n".join(
    [
        "fonts:",
        "  regular: fonts/NotoSans-Regular.ttf",
        "  bold: fonts/NotoSans-Bold.ttf",
        "  italic: fonts/NotoSans-Italic.ttf",
        "disclaimer: disclaimer.md",
        "",
    ]
)
HANDOUT = ("handout", "client.yaml", "-o", "out.pdf")

READER_CASES: dict[str, Case] = {
    # FIFOs and devices: refused by name before a byte is read
    "library is a FIFO": Case(
        fifo("exercises.yaml"), ("check",), ("exercises.yaml: is a pipe (FIFO)",)
    ),
    "brand is a FIFO": Case(
        fifo("templates/brand.yaml"), HANDOUT, ("templates/brand.yaml: is a pipe (FIFO)",)
    ),
    "client is a FIFO": Case(fifo("client.yaml"), HANDOUT, ("client.yaml: is a pipe (FIFO)",)),
    "roster is a FIFO": Case(fifo("class.csv"), ("batch", "class.csv"), ("class.csv: is a pipe",)),
    "font is a FIFO": Case(
        fifo("templates/fonts/NotoSans-Bold.ttf"),
        ("check",),
        ("fonts.bold: bold font file", "is a pipe (FIFO), not a font file"),
    ),
    "photo is a FIFO": Case(fifo("photo.png"), HANDOUT, ("photo.png) is a pipe (FIFO)",)),
    "disclaimer is a FIFO": Case(
        fifo("templates/disclaimer.md"), ("check",), ("disclaimer.md: is a pipe (FIFO)",)
    ),
    "print input is a FIFO": Case(
        fifo("ready.pdf"), ("print", "ready.pdf"), ("ready.pdf: is a pipe (FIFO)",)
    ),
    "preview input is a FIFO": Case(
        fifo("ready.pdf"), ("preview", "ready.pdf"), ("ready.pdf: is a pipe (FIFO)",)
    ),
    "library is /dev/zero": Case(
        lambda folder: None, ("check", "--library", "/dev/zero"), ("/dev/zero: is a device",)
    ),
    "roster is /dev/zero": Case(
        device("class.csv"), ("batch", "class.csv"), ("class.csv: is a device",)
    ),
    "print input is /dev/zero": Case(
        lambda folder: None, ("print", "/dev/zero"), ("/dev/zero: is a device",)
    ),
    "font is /dev/urandom": Case(
        device("templates/fonts/NotoSans-Italic.ttf", "/dev/urandom"),
        ("check",),
        ("fonts.italic: italic font file", "is a device, not a font file"),
    ),
    # symbolic links that lead back to themselves
    "library is a symlink loop": Case(
        loop("exercises.yaml"), ("check",), ("exercises.yaml: is a symbolic link", "loop")
    ),
    "photo is a symlink loop": Case(
        loop("photo.png"), HANDOUT, ("images[0]: photo for", "is a symbolic link", "loop")
    ),
    "logo is a symlink loop": Case(
        both(write("templates/brand.yaml", BRAND_LOGO), loop("templates/logo.png")),
        ("check",),
        ("templates/brand.yaml:2: logo: logo", "is a symbolic link"),
    ),
    "font is a symlink loop": Case(
        loop("templates/fonts/NotoSans-Regular.ttf"),
        ("check",),
        ("fonts.regular: regular font file", "is a symbolic link"),
    ),
    "roster is a symlink loop": Case(
        loop("class.csv"), ("batch", "class.csv"), ("class.csv: is a symbolic link",)
    ),
    "client is a folder": Case(
        folder_named("client.yaml"),
        HANDOUT,
        ("client.yaml: is a folder, not a client file",),
    ),
    # control characters, named with line and column before YAML sees them
    "NUL in the library": Case(
        write("exercises.yaml", LIB_WITH("Figure four", "Figure\x00four")),
        ("check",),
        ("exercises.yaml:4:17: contains the invisible character U+0000 (NUL)",),
    ),
    "form feed in the brand": Case(
        write(
            "templates/brand.yaml",
            "business: {name: Riverside\x0cStudio}\n" + BRAND_LOGO.split("\n", 2)[2],
        ),
        ("check",),
        ("templates/brand.yaml:1:27: contains the invisible character U+000C (form feed)",),
    ),
    "escape in a client": Case(
        write("client.yaml", "name: Ana\nprogram: relief\nnotes: [\x1b[31mred]\n"),
        HANDOUT,
        ("client.yaml:3:9: contains the invisible character U+001B (escape)",),
    ),
    "DEL in a YAML roster": Case(
        write("class.yaml", ROSTER_YAML.replace("Ben", "B\x7fen")),
        ("batch", "class.yaml"),
        ("class.yaml:3:10: contains the invisible character U+007F (delete)",),
    ),
    "U+FFFE in the library": Case(
        write("exercises.yaml", LIB_WITH("Lie down.", "Lie \ufffedown.")),
        ("check",),
        ("exercises.yaml:11:17: contains the invisible character U+FFFE",),
    ),
    "C1 control in a CSV roster": Case(
        write("class.csv", "name,program\nAna\x9b,relief\n"),
        ("batch", "class.csv"),
        ("class.csv:2:4: contains the invisible character U+009B",),
    ),
    "NUL in the disclaimer file": Case(
        write("templates/disclaimer.md", "Ask your doctor.\n\nNot\x00 advice.\n"),
        ("check",),
        ("templates/disclaimer.md:3:4: contains the invisible character U+0000",),
    ),
    # encodings: one policy for every text file
    "UTF-16 library without BOM": Case(
        write("exercises.yaml", utf16_no_bom(LIBRARY)),
        ("check",),
        ("exercises.yaml: is UTF-16 text without a byte-order mark",),
    ),
    "UTF-16 client without BOM": Case(
        write("client.yaml", utf16_no_bom(CLIENT)),
        HANDOUT,
        ("client.yaml: is UTF-16 text without a byte-order mark",),
    ),
    "UTF-16 CSV roster without BOM": Case(
        write("class.csv", utf16_no_bom("name,program\nAna,relief\n")),
        ("batch", "class.csv"),
        ("class.csv: is UTF-16 text without a byte-order mark",),
    ),
    "UTF-32 brand": Case(
        write("templates/brand.yaml", BRAND_LOGO.encode("utf-32")),
        ("check",),
        ("templates/brand.yaml: is UTF-32 text",),
    ),
    "spreadsheet renamed .csv": Case(
        write("class.csv", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe"),
        ("batch", "class.csv"),
        ("class.csv: is a ZIP archive (an Excel .xlsx",),
    ),
}


@needs_fifo
@pytest.mark.parametrize("case", [pytest.param(c, id=n) for n, c in READER_CASES.items()])
def test_hostile_input_file_is_refused_by_name(workdir: Path, case: Case) -> None:
    workspace(workdir, {"client.yaml": CLIENT})
    case.setup(workdir)
    result = hostile(*case.args, cwd=workdir)
    assert result.returncode == case.code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for expected in case.expect:
        assert expected in result.stderr, result.stderr
    assert not (workdir / "out.pdf").exists()


@pytest.mark.parametrize(
    ("encoding", "readable"),
    [("utf-16", True), ("utf-8-sig", True), ("utf-16-be", False), ("utf-16-le", False)],
)
def test_client_file_encodings(workdir: Path, encoding: str, readable: bool) -> None:
    """UTF-16 with a BOM and UTF-8 with one are read; UTF-16 without one is refused."""
    workspace(workdir, {"client.yaml": CLIENT.encode(encoding)})
    result = hostile(*HANDOUT, "--date", "2026-03-14", cwd=workdir)
    if not readable:
        assert result.returncode == 2, result.stderr
        assert "client.yaml: is UTF-16 text without a byte-order mark" in result.stderr
        return
    assert result.returncode == 0, result.stderr
    assert "Ana Díaz" in pdf_text((workdir / "out.pdf").read_bytes())


def test_a_huge_sparse_library_is_refused_without_reading_it(workdir: Path) -> None:
    workspace(workdir, {})
    with (workdir / "exercises.yaml").open("r+b") as fh:
        fh.truncate(3 * 1024**3)  # 3 GiB of holes: reading it whole would break the limit
    result = hostile("check", cwd=workdir)
    assert result.returncode == 2, result.stderr
    assert "exercises.yaml: is larger than the limit of 2 MiB" in result.stderr


def test_a_huge_pdf_is_not_read_whole_before_printing(workdir: Path) -> None:
    with (workdir / "big.pdf").open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(3 * 1024**3)
    result = hostile("print", "big.pdf", cwd=workdir)
    assert result.returncode == 2, result.stderr
    assert "big.pdf: is larger than 512 MiB" in result.stderr


# ----------------------------------------------------------------------------- writing


def _file_size_limit(limit: int) -> Callable[[], None]:
    """Limits for a child that may write no file larger than `limit` bytes: the kernel
    then fails the write with EFBIG, as a full disk fails it with ENOSPC."""

    def apply() -> None:
        _limits()
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def cramped(*args: str, cwd: Path, limit: int = 8000) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        check=False,
        preexec_fn=_file_size_limit(limit),
    )


ROSTER_CSV = "name,program\nAna,relief\nBen,relief\nCarla,relief\n"
LONG = "n" * 300  # longer than any file name a common file system allows (255 bytes)


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


WRITER_CASES: dict[str, Case] = {
    "-o /dev/full": Case(
        lambda folder: None,
        ("handout", "client.yaml", "-o", "/dev/full"),
        ("/dev/full: is a device, not a file",),
    ),
    "-o /dev/full with --force": Case(
        lambda folder: None,
        ("handout", "client.yaml", "-o", "/dev/full", "--force"),
        ("/dev/full: is a device, not a file",),
    ),
    "-o a FIFO": Case(
        fifo("out.pdf"), ("handout", "client.yaml", "-o", "out.pdf"), ("out.pdf: is a pipe",)
    ),
    "--combined is a FIFO": Case(
        fifo("all.pdf"),
        ("batch", "class.csv", "--combined", "all.pdf"),
        ("all.pdf: is a pipe",),
    ),
    "preview -o a FIFO": Case(
        fifo("page.png"),
        ("preview", "made.pdf", "-o", "page.png"),
        ("page.png: is a pipe",),
    ),
    "-o name too long": Case(
        lambda folder: None,
        ("handout", "client.yaml", "-o", f"{LONG}.pdf"),
        (f"{LONG}.pdf: cannot write here: the file name is too long",),
    ),
    "--out-dir name too long": Case(
        lambda folder: None,
        ("batch", "class.csv", "--out-dir", LONG),
        (f"{LONG}: cannot write here: the file name is too long",),
    ),
    "init into a name too long": Case(
        lambda folder: None,
        ("init", LONG),
        (f"{LONG}: cannot write here: the file name is too long",),
    ),
    "-o inside a file": Case(
        lambda folder: None,
        ("handout", "client.yaml", "-o", "class.csv/out.pdf"),
        ("class.csv", "is a file", "not a folder"),
    ),
    "--out-dir inside a file": Case(
        lambda folder: None,
        ("batch", "class.csv", "--out-dir", "class.csv/handouts"),
        ("class.csv", "not a folder"),
    ),
    "--out-dir is a device": Case(
        lambda folder: None,
        ("batch", "class.csv", "--out-dir", "/dev/null"),
        ("/dev/null", "not a folder"),
    ),
    "init where a file stands": Case(
        write("ws", "x"), ("init", "ws"), ("ws: is a file; give the name of a folder",)
    ),
}


@needs_fifo
@pytest.mark.parametrize("case", [pytest.param(c, id=n) for n, c in WRITER_CASES.items()])
def test_unwritable_output_is_one_plain_message(workdir: Path, case: Case) -> None:
    workspace(workdir, {"client.yaml": CLIENT, "class.csv": ROSTER_CSV})
    made = hostile("handout", "client.yaml", "-o", "made.pdf", cwd=workdir)
    assert made.returncode == 0, made.stderr
    case.setup(workdir)
    before = files_under(workdir)
    result = hostile(*case.args, cwd=workdir)
    assert result.returncode == case.code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for expected in case.expect:
        assert expected in result.stderr, result.stderr
    assert files_under(workdir) == before  # nothing half-written, nothing new


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("handout", "client.yaml", "-o", "out/a.pdf"), id="handout"),
        pytest.param(("class-sheet", "--program", "relief", "-o", "out/"), id="class sheet"),
        pytest.param(("batch", "class.csv", "--out-dir", "out"), id="batch"),
        pytest.param(
            ("batch", "class.csv", "--out-dir", "b", "--combined", "out/all.pdf"), id="combined"
        ),
        pytest.param(("init", "out"), id="init"),
        pytest.param(("preview", "made.pdf", "--dpi", "300", "-o", "out/"), id="preview"),
    ],
)
def test_a_full_disk_is_a_plain_message_and_leaves_no_partial_file(
    workdir: Path, args: tuple[str, ...]
) -> None:
    workspace(workdir, {"client.yaml": CLIENT, "class.csv": ROSTER_CSV})
    made = hostile("handout", "client.yaml", "-o", "made.pdf", cwd=workdir)
    assert made.returncode == 0, made.stderr
    result = cramped(*args, cwd=workdir)
    assert "Traceback" not in result.stderr
    assert "would be larger than this disk allows" in result.stdout + result.stderr
    assert result.returncode == (1 if args[0] == "batch" else 2)  # batch: each row failed
    out = workdir / "out"
    leftovers = (
        [name for name in files_under(out) if name.endswith((".pdf", ".png", ".part"))]
        if out.exists()
        else []
    )
    assert leftovers == []


@pytest.mark.parametrize("command", ["handout", "class-sheet", "preview"])
def test_a_trailing_slash_means_a_folder_made_when_missing(workdir: Path, command: str) -> None:
    workspace(workdir, {"client.yaml": CLIENT})
    made = hostile("handout", "client.yaml", "-o", "made.pdf", cwd=workdir)
    assert made.returncode == 0, made.stderr
    args = {
        "handout": ("handout", "client.yaml"),
        "class-sheet": ("class-sheet", "--program", "relief"),
        "preview": ("preview", "made.pdf"),
    }[command]
    result = hostile(*args, "-o", "new/deeper/", cwd=workdir)
    assert result.returncode == 0, result.stderr
    written = list((workdir / "new" / "deeper").iterdir())
    assert len(written) == 1 and written[0].suffix in (".pdf", ".png"), written
    assert written[0].stat().st_size > 0


# ----------------------------------------------------------------------------- numbers

DOSAGE = "      static: {reps: 1-2, hold: 20-30}"
assert DOSAGE in LIBRARY


@pytest.mark.parametrize(
    ("dosage", "expected"),
    [
        ("reps: 010", '"010" has a leading zero, which YAML 1.1 reads as octal; write 10'),
        ("hold: 0x1F", '"0x1F" is a hexadecimal number; write it in plain digits: 31'),
        (
            "hold: 1:30",
            '"1:30" is minutes:seconds (or a time of day); write it in plain digits: 90',
        ),
        ("reps: 1.5", 'expected a whole number (a count like 2 or 1-2), got "1.5"'),
        ("sets: 2.5", 'expected a whole number (a count like 2 or 1-2), got "2.5"'),
        ("reps: 0o17", '"0o17" is an octal number; write it in plain digits: 15'),
        ("reps: 0b101", '"0b101" is a binary number; write it in plain digits: 5'),
        ("hold: 1_000", '"1_000" is written with an underscore or a trailing dot'),
        ("hold: 1:00:00", '"1:00:00" is minutes:seconds (or a time of day)'),
        ("reps: 08-012", '"08-012" has a leading zero, which YAML 1.1 reads as octal; write 8-12'),
        ('hold: "030"', '"030" has a leading zero'),
        ("reps: 1-2.5", 'expected a whole number (a count like 2 or 1-2), got "1-2.5"'),
        ("reps: 3.", '"3." is written with an underscore or a trailing dot; write it in plain'),
    ],
)
def test_yaml_number_forms_in_a_dosage_are_refused(
    workdir: Path, dosage: str, expected: str
) -> None:
    field = dosage.split(":", maxsplit=1)[0]
    library = LIBRARY.replace(DOSAGE, f"      static: {{{dosage}}}")
    workspace(workdir, {"exercises.yaml": library})
    result = hostile("check", cwd=workdir)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"exercises.yaml:9: exercises[0].dosage.static.{field}: {expected}" in result.stderr


@pytest.mark.parametrize(
    ("dosage", "printed"),
    [("hold: 2.5", "2.5"), ("sets: 2.0", "2 sets"), ("reps: 10", "10"), ("hold: 20-30", "20–30")],
)
def test_plain_decimal_dosages_are_taken_as_written(
    workdir: Path, dosage: str, printed: str
) -> None:
    library = LIBRARY.replace(DOSAGE, f"      static: {{{dosage}}}")
    workspace(workdir, {"exercises.yaml": library, "client.yaml": CLIENT})
    result = hostile(*HANDOUT, "--date", "2026-03-14", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert printed in pdf_text((workdir / "out.pdf").read_bytes())


# ----------------------------------------------------------------------------- layout


def numbered_words(count: int, prefix: str = "w") -> str:
    """'w0001 w0002 ...': text whose every word can be found again in the PDF."""
    return " ".join(f"{prefix}{i:04d}" for i in range(1, count + 1))


def printed_in_order(words: str, text: str) -> bool:
    """Every word of `words` in `text`, in order (page headers may come between, and a
    word too long for a line may be broken across lines)."""
    text = "".join(text.split())
    at = 0
    for word in words.split():
        at = text.find(word, at)
        if at < 0:
            return False
        at += len(word)
    return True


def note_flags(notes: list[str]) -> list[str]:
    return [arg for note in notes for arg in ("--note", note)]


LONG_NOTE = numbered_words(834)  # 5,003 characters
assert len(LONG_NOTE) >= 5000


@pytest.mark.parametrize(
    ("extra", "notes"),
    [
        pytest.param((), [LONG_NOTE], id="a 5000-character note"),
        pytest.param(("--large-print",), [numbered_words(417)], id="2500 characters, large"),
        pytest.param((), [numbered_words(40, f"n{i}x") for i in range(30)], id="30 notes"),
        pytest.param(("--large-print",), [LONG_NOTE, LONG_NOTE], id="two long notes, large"),
        pytest.param(("--page-size", "a4", "--tracker", "12"), [LONG_NOTE], id="a4 and tracker"),
        pytest.param((), ["x" * 3000], id="one unbroken word"),
    ],
)
def test_long_trainer_notes_flow_across_pages(
    workdir: Path, extra: tuple[str, ...], notes: list[str]
) -> None:
    workspace(workdir, {"client.yaml": CLIENT})
    result = hostile(*HANDOUT, *extra, *note_flags(notes), cwd=workdir)
    assert result.returncode == 0, result.stderr
    text = pdf_text((workdir / "out.pdf").read_bytes())
    for note in notes:  # every word printed, in order, on however many pages
        assert printed_in_order(note, text)


def test_long_goals_and_many_goals_flow_across_pages(workdir: Path) -> None:
    goals = [numbered_words(1000, "g"), *[numbered_words(40, f"m{i}x") for i in range(30)]]
    client = "name: Ana\nprogram: relief\ngoals:\n" + "".join(f"  - {g}\n" for g in goals)
    workspace(workdir, {"client.yaml": client})
    result = hostile(*HANDOUT, "--large-print", cwd=workdir)
    assert result.returncode == 0, result.stderr
    text = pdf_text((workdir / "out.pdf").read_bytes())
    assert all(printed_in_order(goal, text) for goal in goals)


def test_batch_rows_with_long_notes_are_made_not_internal_errors(workdir: Path) -> None:
    rows = [f'Row{i},relief,"{numbered_words(1000, f"r{i}x")}"' for i in range(3)]
    workspace(workdir, {"class.csv": "name,program,notes\n" + "\n".join(rows) + "\n"})
    for layout in ("handout", "class-sheet"):
        result = hostile("batch", "class.csv", "--layout", layout, "--out-dir", layout, cwd=workdir)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "internal error" not in result.stdout + result.stderr
        assert len(list((workdir / layout).glob("*.pdf"))) == 3


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Tuesday " * 150, 2),  # 1,200 characters: refused with the limit
        ("T" * 121, 2),
        (("Tuesday run club " * 8)[:120], 0),
        ("W" * 120, 0),  # one word as wide as it gets still fits
    ],
)
def test_class_sheet_titles_fit_or_are_refused_with_the_limit(
    workdir: Path, title: str, code: int
) -> None:
    workspace(workdir, {})
    for extra in ((), ("--large-print",)):
        result = hostile(
            "class-sheet",
            "--program",
            "relief",
            "--title",
            title,
            *extra,
            "-o",
            "s.pdf",
            "--force",
            cwd=workdir,
        )
        assert result.returncode == code, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        if code == 2:
            assert f"--title: the title is {len(title.strip())} characters; at most 120" in (
                result.stderr
            )
        else:
            text = "".join(pdf_text((workdir / "s.pdf").read_bytes()).split())
            assert "".join(title.split()) in text


# ---- class 3: work lost without a word


def test_single_handouts_whose_names_reduce_alike_are_refused(workdir: Path) -> None:
    workspace(workdir, {"a.yaml": 'name: "..."\nprogram: relief\n'})
    (workdir / "b.yaml").write_text('name: "—"\nprogram: relief\n', encoding="utf-8")
    assert hostile("handout", "a.yaml", "-o", "out/", cwd=workdir).returncode == 0
    [made] = list((workdir / "out").glob("*.pdf"))
    before = made.read_bytes()
    second = hostile("handout", "b.yaml", "-o", "out/", cwd=workdir)
    assert second.returncode == 2, second.stderr
    assert "made for another client" in second.stderr and "Traceback" not in second.stderr
    assert made.read_bytes() == before
    again = hostile("handout", "a.yaml", "-o", "out/", cwd=workdir)
    assert again.returncode == 0, again.stderr  # the same client: replaced as before


def test_an_edited_single_handout_is_not_replaced_without_force(workdir: Path) -> None:
    workspace(workdir, {"client.yaml": CLIENT})
    assert hostile(*HANDOUT, cwd=workdir).returncode == 0
    out = workdir / "out.pdf"
    edited = out.read_bytes() + b"\n% a note the trainer added\n%%EOF\n"
    out.write_bytes(edited)
    result = hostile(*HANDOUT, cwd=workdir)
    assert result.returncode == 2 and "was changed after stretchplan made it" in result.stderr
    assert out.read_bytes() == edited
    assert hostile(*HANDOUT, "--force", cwd=workdir).returncode == 0
    assert out.read_bytes() != edited


def test_combined_naming_a_handout_is_refused(workdir: Path) -> None:
    workspace(workdir, {"roster.yaml": ROSTER_YAML})
    first = hostile("batch", "roster.yaml", "--out-dir", "out", cwd=workdir)
    assert first.returncode == 0, first.stderr
    [ana, *_] = sorted((workdir / "out").glob("*ana*.pdf"))
    before = ana.read_bytes()
    for target in (str(ana.relative_to(workdir)), "copy.pdf"):
        if target == "copy.pdf":
            (workdir / "copy.pdf").write_bytes(before)  # a handout moved elsewhere
        result = hostile(
            "batch", "roster.yaml", "--out-dir", "out", "--combined", target, "--force", cwd=workdir
        )
        assert result.returncode == 2, result.stderr
        assert "combined" in result.stderr and "Traceback" not in result.stderr
    assert ana.read_bytes() == before


def test_batch_keeps_an_annotated_or_other_rosters_handout(workdir: Path) -> None:
    workspace(workdir, {"roster.yaml": ROSTER_YAML})
    other_roster = "- name: Ana\n  program: relief\n  notes: [Another Ana, another roster]\n"
    (workdir / "other.yaml").write_text(other_roster, encoding="utf-8")
    assert hostile("batch", "roster.yaml", "--out-dir", "out", cwd=workdir).returncode == 0
    other = hostile("batch", "other.yaml", "--out-dir", "out", cwd=workdir)
    assert other.returncode == 1 and "of roster roster.yaml" in other.stdout + other.stderr
    [ana] = sorted((workdir / "out").glob("*ana*.pdf"))
    ana.write_bytes(ana.read_bytes() + b"\n%%EOF\n")
    edited = hostile("batch", "roster.yaml", "--out-dir", "out", cwd=workdir)
    assert edited.returncode == 1
    assert "was changed after stretchplan made it" in edited.stdout + edited.stderr
