"""The table: each figure against its target, with the machine and its noise."""

from __future__ import annotations

import contextlib
import os
import platform
import statistics
from dataclasses import replace
from pathlib import Path

from common import MIB, TARGETS, Measure, Settings


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
        ("parse_floor", "the floor, then the CLI reading the handout's options (no engine)"),
        ("parse_vs_floor", "options read / import floor"),
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
        ("studio_preview", "studio /api/preview, demo handout page 1 (warm)"),
        ("studio_preview_first", "studio /api/preview, the first"),
        ("studio_rss", f"studio RSS, read every {settings.studio_early} previews"),
        (
            "studio_memory_growth",
            f"studio RSS growth, {settings.studio_early} -> {settings.studio_previews} previews",
        ),
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
