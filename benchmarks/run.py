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
- peak memory of the 200- and 1,000-row batches, the worker processes included;
- the studio (benchmarks/studio.py): a warm /api/preview of the demo handout's first
  page (30 clients), and the server's memory over 500 previews of different clients.

The machine may be shared: every figure comes with its spread (min..max over
the runs) and the load average, so a noisy result is visible as such.
Only the standard library, the project's own dependencies and Linux's /proc.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from common import PHOTO_SIZE, ROOT, Measure, Settings
from inputs import make_inputs
from measures import measure_batches, measure_render, measure_starts
from report import derive, load_average, machine, noise, print_table, table
from studio import measure_studio


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
        choices=("start", "render", "batch", "studio"),
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
        settings.studio_early, settings.studio_previews = 5, 20
    if args.rows:
        settings.small_rows, settings.large_rows = args.rows
    if args.batch_runs:
        settings.repeats_batch = args.batch_runs
    if args.photo_size:
        settings.photo_size = args.photo_size
    settings.figures = args.figures
    return settings


def measure_all(args: argparse.Namespace, settings: Settings) -> dict[str, Measure]:
    only = set(args.only or ("start", "render", "batch", "studio"))
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
        if "studio" in only:
            print("the studio's preview ...", file=sys.stderr)
            results |= measure_studio(args.root, folder, env, settings)
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
