"""The measurements: start-up, one handout in a warm process, batches."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from common import DATE, INPUTS, PROGRAM, Measure, Settings
from processes import run_cli, run_tree


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
    parse = Measure("parse_floor", "s")
    parse_only = [sys.executable, "-c", _PARSE_FLOOR, str(root), *handout]
    for _ in range(settings.repeats_start):
        help_.samples.append(run_cli(root, ["--help"], folder, env))
        cold.samples.append(run_cli(root, handout, folder, env))
        floor.samples.append(_time([sys.executable, "-c", _IMPORT_FLOOR], folder, env))
        parse.samples.append(_time(parse_only, folder, env))
    measures = {m.name: m for m in (help_, cold, first, floor, parse)}
    measures["cold_vs_floor"] = Measure("cold_vs_floor", "x", [cold.median / floor.median])
    measures["parse_vs_floor"] = Measure("parse_vs_floor", "x", [parse.median / floor.median])
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

# The same floor, then the command line reading the handout's options as it does for a
# real handout (Typer builds and runs its converter for every option), with the engine
# left out: the command itself does nothing. What a cold handout costs before any of
# stretchplan's own loading, planning or drawing.
_PARSE_FLOOR = """
import functools, gc, sys
gc.disable()  # as cli.py does when it is run
root = sys.argv[1]
sys.path.insert(0, root)
sys.argv = [root + "/cli.py", *sys.argv[2:]]
import reportlab.platypus, PIL.Image, qrcode, yaml
import cli
(command,) = [c for c in cli.app.registered_commands if c.callback.__name__ == "handout"]
command.callback = functools.wraps(command.callback)(lambda *args, **kwargs: None)
cli.main()
"""


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
