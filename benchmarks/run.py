"""stretchplan benchmark: how long a trainer waits, and how fast a class goes through.

Run from a checkout:  python benchmarks/run.py [--quick] [--json results.json]

Everything it needs is made in a temporary folder: six phone-sized photos
(3024 x 4032 JPEGs of gradients and shapes with mild sensor-like noise, two of
them stored sideways with an EXIF rotation as phones do), a six-exercise
library and program using them (one photo and one video QR code each), the
bundled brand, and rosters of 200 and 1,000 clients. It then measures, as
medians over repeated runs:

- `stretchplan --help` and a cold `stretchplan handout`, each a new process (7 runs);
- one handout planned and rendered in a warm process (30 handouts);
- batch throughput at --jobs 1 and --jobs 2, whole command, start-up included
  (3 runs of each), the same less a one-row batch's time (7 runs), and the
  median size of the PDFs it made;
- peak memory of the 200- and 1,000-row batches, the worker processes included.

The machine may be shared: every figure comes with its spread (min..max over
the runs) and the load average, so a noisy result is visible as such.
Only the standard library, the project's own dependencies and Linux's /proc.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATE = "2026-03-14"
PROGRAM = "bench-plan"
PHOTO_SIZE = (3024, 4032)  # a 12 MP phone photo, portrait
MIB = 1024 * 1024
# The options every measured command shares: the made-up library, brand, program and date.
INPUTS = [
    "--program", PROGRAM,
    "--library", "exercises.yaml",
    "--brand", "templates/brand.yaml",
    "--date", DATE,
]  # fmt: skip

# What the issue asks for: (comparison, target, unit) by figure.
TARGETS = {
    "throughput_large": (">=", 60.0, "handouts/s"),
    "throughput_steady": (">=", 60.0, "handouts/s"),
    "pdf_size_median": ("<=", 200 * 1024, "bytes"),
    "rss_1000": ("<=", 150 * MIB, "bytes"),
    "rss_growth": ("<=", 1.05, "x"),  # "no growth", give or take sampling noise
    "cold_handout": ("<=", 0.6, "s"),
    "cold_vs_floor": ("<=", 2.0, "x"),  # a cold handout within twice the import floor
    "memory_growth": ("<=", 10 * MIB, "bytes"),  # in-process, early -> late handouts
    "help": ("<=", 0.3, "s"),
}


@dataclass
class Settings:
    """How much to run: --quick shrinks it to a smoke test of a few seconds."""

    small_rows: int = 200
    large_rows: int = 1000
    repeats_start: int = 7  # --help and cold handout, each
    repeats_render: int = 30  # in-process handouts
    repeats_batch: int = 3  # each batch size and job count
    memory_early: int = 100  # in-process handouts before the first memory reading
    memory_late: int = 1000  # ... and before the second
    photo_size: tuple[int, int] = PHOTO_SIZE
    figures: bool = False  # pose figures on every card instead of photos


# Two-frame pose figures in the bundled library's style, one per benchmark exercise.
FIGURES = [
    "      - {pose: supine, joints: {left.hip: 45, left.knee: 90, right.hip: 45, right.knee: 90}}",
    "      - {pose: supine, joints: {left.knee: 90, right.knee: 90}, arrow: pelvis}",
]


@dataclass
class Measure:
    """Repeated samples of one quantity."""

    name: str
    unit: str
    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def spread(self) -> float:
        """(max - min) / median: how noisy the runs were."""
        if not self.samples or self.median == 0:
            return 0.0
        return (max(self.samples) - min(self.samples)) / self.median

    def summary(self) -> dict[str, object]:
        return {
            "unit": self.unit,
            "median": self.median,
            "min": min(self.samples),
            "max": max(self.samples),
            "runs": len(self.samples),
            "spread": self.spread,
            "samples": self.samples,
        }


# ----------------------------------------------------------------------------- inputs


def make_photo(path: Path, seed: int, sideways: bool, size: tuple[int, int] = PHOTO_SIZE) -> None:
    """A phone-like photo: soft gradients and shapes, with mild per-pixel sensor noise.

    Pure noise would not compress like a real photo; this lands near a phone's
    2 MB at JPEG quality 90, and its smooth areas behave like real ones. Drawn
    at a quarter size and enlarged (which softens every edge like a lens), then
    noise is added at full size.
    """
    from PIL import Image, ImageChops, ImageDraw

    width, height = size
    pick = random.Random(seed)
    small = (max(1, width // 4), max(1, height // 4))
    ramp = Image.linear_gradient("L").resize(small)
    channels = []
    for turn in (0, 90, 0):
        low, high = pick.randrange(20, 120), pick.randrange(140, 240)
        gradient = ramp.rotate(turn, expand=False) if turn else ramp
        channels.append(gradient.point(lambda v, lo=low, hi=high: lo + v * (hi - lo) // 255))
    image = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(image)
    for _ in range(14):
        x0, y0 = pick.randrange(small[0]), pick.randrange(small[1])
        w, h = (
            pick.randrange(small[0] // 15 + 1, small[0] // 2 + 2),
            pick.randrange(small[1] // 15 + 1, small[1] // 2 + 2),
        )
        colour = (pick.randrange(256), pick.randrange(256), pick.randrange(256))
        shape = draw.ellipse if pick.random() < 0.5 else draw.rectangle
        shape((x0, y0, x0 + w, y0 + h), fill=colour)
    image = image.resize(size, Image.Resampling.BICUBIC)
    grain = [
        Image.frombytes("L", size, pick.randbytes(width * height)).point(
            lambda v: 120 + v * 17 // 256  # 120..136: a few levels either side of 128
        )
        for _ in range(3)
    ]
    image = ImageChops.add(image, Image.merge("RGB", grain), offset=-128)
    exif = Image.Exif()
    exif[0x010F] = "stretchplan benchmark"  # Make
    if sideways:
        # Stored landscape with "rotate 90 degrees clockwise to view", as phones store portraits.
        image = image.transpose(Image.Transpose.ROTATE_90)
        exif[0x0112] = 6
    image.save(path, "JPEG", quality=90, exif=exif.tobytes())


EXERCISES = [
    ("figure-four", "Supine figure-4 stretch", "stretch"),
    ("seated-twist", "Seated piriformis twist", "stretch"),
    ("pigeon", "Pigeon pose", "stretch"),
    ("hip-flexor", "Kneeling hip flexor stretch", "stretch"),
    ("glute-bridge", "Glute bridge", "strength"),
    ("foam-roll", "Foam roller glute release", "release"),
]


def library_yaml(figures: bool = False) -> str:
    lines = ["version: 1", "exercises:"]
    for i, (slug, name, kind) in enumerate(EXERCISES, start=1):
        dosage = (
            ["      default: {sets: 2, reps: 10-15}"]
            if kind == "strength"
            else [
                "      dynamic: {reps: 5-10, hold: 4-6}",
                "      static: {reps: 1-2, hold: 20-30}",
            ]
        )
        lines += [
            f"  - id: {slug}",
            f"    name: {name}",
            f"    kind: {kind}",
            "    summary: Eases the deep hip muscles so sitting and running feel easier.",
            "    targets: [piriformis, gluteus maximus]",
            "    tags: [piriformis-syndrome, hip]",
            "    equipment: [mat]",
            *(["    figures:", *FIGURES] if figures else [f"    images: [photos/photo-{i}.jpg]"]),
            f"    video: https://videos.studio.example/stretch/{slug}?list=piriformis&t=0",
            "    dosage:",
            *dosage,
            "    sides: each",
            "    steps:",
            "      - Start lying on your back with both knees bent and feet flat on the floor.",
            "      - Move slowly into position until you feel a gentle stretch, not pain.",
            "      - Breathe out as you ease a little further, keeping your back relaxed.",
            "      - Hold, breathing slowly, then come out of it gently and swap sides.",
            "    cues:",
            "      - Keep your shoulders and jaw relaxed.",
            "      - Go only as far as feels comfortable today.",
            "    cautions:",
            "      - Stop if pain shoots down the leg, or if you feel tingling or numbness.",
        ]
    lines += [
        "programs:",
        f"  - id: {PROGRAM}",
        "    title: Piriformis relief",
        "    intro: >-",
        "      A short daily routine to ease a tight piriformis: stretch it, loosen the front",
        "      of the hip, and strengthen the glutes that take the strain off it.",
        "    mode: static",
        "    frequency: Daily, and after long periods of sitting",
        "    sections:",
        "      - title: Stretch",
        "        items:",
        *[f"          - exercise: {slug}" for slug, _, _ in EXERCISES[:4]],
        "      - title: Strengthen and release",
        "        items:",
        *[f"          - exercise: {slug}" for slug, _, _ in EXERCISES[4:]],
        "    notes:",
        "      - Heat before, or cold after, often helps.",
    ]
    return "\n".join(lines) + "\n"


FIRST = ["Jane", "Zoë", "Şule", "Nguyễn Thị", "Oluwaseun", "María José", "Jean-Luc", "Ana", "Liam"]
LAST = ["Doe", "Łukasiewicz", "Yılmaz", "Hoa", "Adeyemi", "García", "Picard", "Silva", "Ó Briain"]


def write_roster(path: Path, rows: int) -> None:
    pick = random.Random(rows)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "notes"])
        for i in range(rows):
            name = f"{pick.choice(FIRST)} {pick.choice(LAST)} {i + 1}"
            note = "Ice for 10 minutes after long runs." if i % 3 == 0 else ""
            out.writerow([name, note])


def make_inputs(folder: Path, settings: Settings, root: Path) -> None:
    photos = folder / "photos"
    photos.mkdir(parents=True)
    for i in range(1, 7):
        make_photo(photos / f"photo-{i}.jpg", i, i in (2, 5), settings.photo_size)
    (folder / "exercises.yaml").write_text(library_yaml(settings.figures), encoding="utf-8")
    shutil.copytree(root / "templates", folder / "templates")
    write_roster(folder / "roster-one.csv", 1)
    write_roster(folder / "roster-small.csv", settings.small_rows)
    write_roster(folder / "roster-large.csv", settings.large_rows)


# -------------------------------------------------------------------------- processes


def cli_command(root: Path) -> list[str]:
    """The checkout's CLI, run as a user runs it (a new interpreter each time)."""
    return [sys.executable, str(root / "cli.py")]


def run_cli(root: Path, args: Sequence[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [*cli_command(root), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"stretchplan {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return elapsed


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        todo += [int(c) for c in children]
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes; PSS shares pages fairly between forked processes."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return rss, pss


@dataclass
class TreeRun:
    seconds: float
    max_process_rss: int  # the kernel's high-water mark of the largest single process
    tree_rss: int  # sampled peak of the summed RSS of the process and its workers
    tree_pss: int  # the same in PSS: shared copy-on-write pages counted once


# A small interpreter that forks and execs the command, then reports wait4's rusage.
# Measuring through it matters: a process started straight from this one inherits
# this one's memory high-water mark through exec (Linux keeps it in ru_maxrss).
# wait4 merges the command's own peak with those of the workers it reaped, so
# ru_maxrss is the largest peak RSS of any process in the tree.
_LAUNCHER = """
import os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as fh:
    unit = 1 if sys.platform == "darwin" else 1024  # bytes there, KiB on Linux
    fh.write(f"{time.perf_counter() - started} {usage.ru_maxrss * unit}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_tree(root: Path, args: Sequence[str], cwd: Path, env: dict[str, str]) -> TreeRun:
    """Run the CLI, sampling the memory of its whole process tree every 20 ms."""
    report = cwd / "launcher.txt"
    proc = subprocess.Popen(
        [sys.executable, "-I", "-S", "-c", _LAUNCHER, str(report), *cli_command(root), *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    peaks = [0, 0]
    stop = threading.Event()
    sampling = Path("/proc/self/smaps_rollup").exists()

    def sample() -> None:
        while not stop.wait(0.02):
            usage = [_memory(p) for p in _tree(proc.pid)[1:]]  # the launcher aside
            peaks[0] = max(peaks[0], sum(u[0] for u in usage))
            peaks[1] = max(peaks[1], sum(u[1] for u in usage))

    sampler = threading.Thread(target=sample, daemon=True)
    if sampling:
        sampler.start()
    output, _ = proc.communicate()
    stop.set()
    if sampling:
        sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"stretchplan {' '.join(args)} failed:\n{output.decode()}")
    seconds, maxrss = report.read_text().split()
    report.unlink()
    return TreeRun(float(seconds), int(maxrss), peaks[0], peaks[1])


# ------------------------------------------------------------------------ measurements


def measure_starts(
    root: Path, folder: Path, env: dict[str, str], settings: Settings
) -> dict[str, Measure]:
    help_ = Measure("help", "s")
    cold = Measure("cold_handout", "s")
    handout = ["handout", "--name", "Jane Doe", *INPUTS, "-o", "cold.pdf"]
    first = Measure("cold_handout_first", "s")  # an empty image cache, if there is one
    first.samples.append(run_cli(root, handout, folder, env))
    run_cli(root, ["--help"], folder, env)  # the interpreter's own files in the page cache
    floor = Measure("import_floor", "s")
    for _ in range(settings.repeats_start):
        help_.samples.append(run_cli(root, ["--help"], folder, env))
        cold.samples.append(run_cli(root, handout, folder, env))
        floor.samples.append(_time([sys.executable, "-c", _IMPORT_FLOOR], folder, env))
    measures = {m.name: m for m in (help_, cold, first, floor)}
    measures["cold_vs_floor"] = Measure("cold_vs_floor", "x", [cold.median / floor.median])
    return measures


def _time(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


# Renders handouts one after another in a fresh interpreter, as a batch worker
# does, and prints each one's seconds; the first also pays for the caches.
# Then, through the public API, it keeps going with a new client each time and
# reads its resident memory after `early` and after `late` handouts: a process
# that lives for weeks (the studio) must not grow with every client.
_RENDERER = """
import datetime, json, os, sys, time
from pathlib import Path
root, folder, count, program, date, early, late = sys.argv[1:]
sys.path.insert(0, root)
import stretchplan
folder = Path(folder)
ws = stretchplan.open_workspace(folder / "exercises.yaml", folder / "templates" / "brand.yaml")
day = datetime.date.fromisoformat(date)
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
times, memory = [], {}
for i in range(max(int(count) + 1, int(late))):
    client = stretchplan.Client(name=f"Client {i:05d} Example", program=program)
    started = time.perf_counter()
    ws.handout(client, date=day)
    if i <= int(count):
        times.append(time.perf_counter() - started)
    if i + 1 in (int(early), int(late)):
        memory[str(i + 1)] = rss()
ws.close()
print(json.dumps({"times": times, "memory": memory}))
"""

# The floor a cold handout can't go under: Python importing what rendering needs.
_IMPORT_FLOOR = "import reportlab.platypus, PIL.Image, qrcode, yaml"


def measure_render(
    root: Path, folder: Path, env: dict[str, str], settings: Settings
) -> dict[str, Measure]:
    """Plan and render one handout at a time in one process, the library already loaded."""
    args = [str(root), str(folder), str(settings.repeats_render), PROGRAM, DATE]
    args += [str(settings.memory_early), str(settings.memory_late)]
    done = subprocess.run(
        [sys.executable, "-c", _RENDERER, *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"rendering in-process failed:\n{done.stderr}")
    answer = json.loads(done.stdout)
    first, *rest = answer["times"]
    early, late = (
        answer["memory"].get(str(n)) for n in (settings.memory_early, settings.memory_late)
    )
    out = {
        "render_first": Measure("render_first", "s", [first]),
        "render": Measure("render", "s", rest),
    }
    if early and late:
        out["memory_growth"] = Measure("memory_growth", "bytes", [late - early])
    return out


def measure_batches(
    root: Path, folder: Path, env: dict[str, str], settings: Settings
) -> dict[str, Measure]:
    out: dict[str, Measure] = {}

    def batch(roster: str, rows: int, jobs: int, key: str, keep: bool = False) -> None:
        rate = out.setdefault(f"throughput_{key}", Measure(f"throughput_{key}", "handouts/s"))
        rss = out.setdefault(f"rss_{key}", Measure(f"rss_{key}", "bytes"))
        tree_rss = out.setdefault(f"tree_rss_{key}", Measure(f"tree_rss_{key}", "bytes"))
        tree_pss = out.setdefault(f"tree_pss_{key}", Measure(f"tree_pss_{key}", "bytes"))
        for repeat in range(settings.repeats_batch):
            target = folder / f"out-{key}-{repeat}"
            args = ["batch", roster, *INPUTS, "--jobs", str(jobs), "--out-dir", str(target)]
            run = run_tree(root, args, folder, env)
            made = len(list(target.glob("*.pdf")))
            if made != rows:
                raise SystemExit(f"batch made {made} PDFs, expected {rows}")
            rate.samples.append(rows / run.seconds)
            rss.samples.append(run.max_process_rss)
            if run.tree_rss:  # sampled from Linux's /proc only
                tree_rss.samples.append(run.tree_rss)
                tree_pss.samples.append(run.tree_pss)
            if keep and repeat == 0:
                sizes = sorted(p.stat().st_size for p in target.glob("*.pdf"))
                out["pdf_size"] = Measure("pdf_size", "bytes", [float(s) for s in sizes])
            else:
                shutil.rmtree(target)

    batch("roster-small.csv", settings.small_rows, 1, "jobs1")
    batch("roster-small.csv", settings.small_rows, 2, "jobs2", keep=True)
    batch("roster-large.csv", settings.large_rows, 2, "large")
    # What a batch costs before its workers start: interpreter, imports, the library
    # and the first row, which the main process renders itself.
    startup = Measure("batch_startup", "s")
    for repeat in range(settings.repeats_start):
        target = folder / f"out-one-{repeat}"
        args = ["batch", "roster-one.csv", *INPUTS, "--jobs", "2", "--out-dir", str(target)]
        startup.samples.append(run_tree(root, args, folder, env).seconds)
        shutil.rmtree(target)
    out["batch_startup"] = startup
    return out


# ---------------------------------------------------------------------------- report


def machine() -> dict[str, object]:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": model or platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "reportlab": _version("reportlab"),
        "rl_accel": _version("rl-accel"),
        "pillow": _version("pillow"),
    }


def _version(dist: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


Row = tuple[str, str, str, str, str]


def _fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"
    if unit == "bytes":
        return f"{value / 1024:.0f} KiB" if value < 10 * MIB else f"{value / MIB:.1f} MiB"
    if unit == "handouts/s":
        return f"{value:.1f}/s"
    return f"{value:.2f}{unit}"


def _verdict(key: str, value: float) -> tuple[str, str]:
    if key not in TARGETS:
        return "", ""
    op, target, unit = TARGETS[key]
    ok = value >= target if op == ">=" else value <= target
    return f"{op} {_fmt(target, unit)}", f"{value / target:.2f}x {'ok' if ok else 'MISSED'}"


def _labels(settings: Settings) -> list[tuple[str, str]]:
    small, large = settings.small_rows, settings.large_rows
    return [
        ("help", "stretchplan --help (new process)"),
        ("cold_handout", "stretchplan handout, cold (new process)"),
        ("import_floor", "python importing reportlab, Pillow, qrcode, yaml"),
        ("cold_vs_floor", "cold handout / import floor"),
        (
            "memory_growth",
            f"in-process RSS growth, {settings.memory_early} -> {settings.memory_late} handouts",
        ),
        ("cold_handout_first", "stretchplan handout, first (empty photo cache)"),
        ("render", "one handout in-process (warm)"),
        ("render_first", "one handout in-process, the first"),
        ("throughput_jobs1", f"batch {small} rows, --jobs 1"),
        ("throughput_jobs2", f"batch {small} rows, --jobs 2"),
        ("throughput_large", f"batch {large} rows, --jobs 2"),
        ("batch_startup", "batch of 1 row (start-up)"),
        ("throughput_steady", f"batch {large} rows, --jobs 2, less start-up"),
        ("pdf_size_median", "PDF size (median over a batch)"),
        ("rss_small", f"peak RSS, largest process, {small} rows"),
        ("rss_1000", f"peak RSS, largest process, {large} rows"),
        ("rss_growth", f"peak RSS growth, {small} -> {large} rows"),
        ("tree_rss_small", f"peak RSS, all processes, {small} rows"),
        ("tree_rss_large", f"peak RSS, all processes, {large} rows"),
        ("tree_pss_small", f"peak PSS, all processes, {small} rows"),
        ("tree_pss_large", f"peak PSS, all processes, {large} rows"),
    ]


def table(results: dict[str, Measure], settings: Settings) -> tuple[list[Row], dict[str, object]]:
    """Rows for the terminal and a plain dict for JSON, with the targets' verdicts."""
    rows: list[Row] = [("measure", "median", "min..max (runs)", "target", "ratio")]
    data: dict[str, object] = {}
    for key, label in _labels(settings):
        measure = results.get(key)
        if measure is None or not measure.samples:
            continue
        low, high = (
            _fmt(min(measure.samples), measure.unit),
            _fmt(max(measure.samples), measure.unit),
        )
        count = (
            f"{len(measure.samples)} files" if key == "pdf_size_median" else len(measure.samples)
        )
        target, ratio = _verdict(key, measure.median)
        rows.append(
            (label, _fmt(measure.median, measure.unit), f"{low}..{high} ({count})", target, ratio)
        )
        data[key] = {**measure.summary(), "target": target or None, "verdict": ratio or None}
    return rows, data


def derive(results: dict[str, Measure], settings: Settings) -> None:
    """Measures computed from others: the size median, the RSS growth, the steady rate."""
    if "pdf_size" in results:
        results["pdf_size_median"] = replace(results.pop("pdf_size"), name="pdf_size_median")
    renames = {"rss_jobs2": "rss_small", "rss_large": "rss_1000"}
    renames |= {f"tree_{m}_jobs2": f"tree_{m}_small" for m in ("rss", "pss")}
    for old, new in renames.items():
        if old in results:
            results[new] = replace(results.pop(old), name=new)
    small, large = results.get("rss_small"), results.get("rss_1000")
    if small and large:
        results["rss_growth"] = Measure("rss_growth", "x", [large.median / small.median])
    steady(results, settings)


def steady(results: dict[str, Measure], settings: Settings) -> None:
    """The large batch's rate once it is going: its time less a one-row batch's."""
    large, startup = results.get("throughput_large"), results.get("batch_startup")
    if not (large and startup):
        return
    working = settings.large_rows / large.median - startup.median
    if working > 0:
        rate = (settings.large_rows - 1) / working
        results["throughput_steady"] = Measure("throughput_steady", "handouts/s", [rate])


def noise(results: dict[str, Measure]) -> float | None:
    """The median spread of the repeated timings: how much the machine disturbed them."""
    timings = [m for m in results.values() if m.unit in ("s", "handouts/s")]
    spreads = [m.spread for m in timings if len(m.samples) > 1]
    return statistics.median(spreads) if spreads else None


def print_table(rows: list[Row], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(rows[0]) + " |")
        print("|" + "---|" * len(rows[0]))
        for row in rows[1:]:
            print("| " + " | ".join(cell.strip() for cell in row) + " |")
        return
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


# ------------------------------------------------------------------------------ main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="small rosters, one run each: a smoke test"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument(
        "--root",
        type=Path,
        default=ROOT,
        help="the stretchplan checkout to measure (default: the one holding this script)",
    )
    parser.add_argument(
        "--only",
        choices=("start", "render", "batch"),
        action="append",
        help="run only some of the measurements (repeatable)",
    )
    parser.add_argument("--rows", type=int, nargs=2, metavar=("SMALL", "LARGE"))
    parser.add_argument("--batch-runs", type=int, metavar="N", help="runs of each batch")
    parser.add_argument(
        "--photo-size",
        type=lambda text: tuple(int(n) for n in text.split("x")),
        metavar="WxH",
        help=f"photo size in pixels (default {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]})",
    )
    parser.add_argument(
        "--figures", action="store_true", help="pose figures on every card instead of photos"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    settings = Settings()
    if args.quick:
        settings = Settings(small_rows=8, large_rows=16, repeats_start=1, repeats_render=3)
        settings.memory_early, settings.memory_late = 5, 20
        settings.repeats_batch = 1
    if args.rows:
        settings.small_rows, settings.large_rows = args.rows
    if args.batch_runs:
        settings.repeats_batch = args.batch_runs
    if args.photo_size:
        settings.photo_size = args.photo_size
    settings.figures = args.figures
    return settings


def measure_all(args: argparse.Namespace, settings: Settings) -> dict[str, Measure]:
    only = set(args.only or ("start", "render", "batch"))
    folder = Path(tempfile.mkdtemp(prefix="stretchplan-bench-"))
    # The cache of prepared photos starts empty and goes with the folder.
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
    env.pop("STRETCHPLAN_CACHE_DIR", None)
    # A trainer's `pip install .` compiles stretchplan's modules once; a checkout run
    # with PYTHONDONTWRITEBYTECODE would compile them on every start instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    results: dict[str, Measure] = {}
    try:
        print(f"making inputs in {folder} ...", file=sys.stderr)
        make_inputs(folder, settings, args.root)
        if "start" in only:
            print("start-up: --help and a cold handout ...", file=sys.stderr)
            results |= measure_starts(args.root, folder, env, settings)
        if "render" in only:
            print("rendering in-process ...", file=sys.stderr)
            results |= measure_render(args.root, folder, env, settings)
        if "batch" in only:
            print("batches ...", file=sys.stderr)
            results |= measure_batches(args.root, folder, env, settings)
    finally:
        if args.keep:
            print(f"kept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    derive(results, settings)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    settings = settings_from(args)
    load_before, started = load_average(), time.perf_counter()
    results = measure_all(args, settings)
    rows, data = table(results, settings)
    info = machine()
    load = {"before": load_before, "after": load_average()}
    spread = noise(results)
    print()
    print(
        f"stretchplan benchmark on {info['cpu']}, {info['usable_cores']} cores, "
        f"Python {info['python']}, reportlab {info['reportlab']}, rl-accel {info['rl_accel']}"
    )
    print(
        f"medians of {settings.repeats_start} starts, {settings.repeats_render} renders and "
        f"{settings.repeats_batch} runs of each batch; load average {load['before']} before, "
        f"{load['after']} after"
        + (f"; timings spread {spread:.0%} (median max-min/median)" if spread is not None else "")
    )
    print()
    print_table(rows, args.markdown)
    if args.json:
        report = {
            "machine": info,
            "load_average": load,
            "timing_spread": spread,
            "settings": asdict(settings),
            "quick": args.quick,
            "seconds": round(time.perf_counter() - started, 1),
            "results": data,
        }
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
