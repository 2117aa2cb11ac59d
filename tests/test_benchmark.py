"""The benchmark runs end to end in its smallest form and reports every figure."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

FIGURES = [
    "help",
    "cold_handout",
    "render",
    "throughput_jobs1",
    "throughput_jobs2",
    "throughput_large",
    "pdf_size_median",
    "rss_small",
    "rss_1000",
    "rss_growth",
    "studio_preview",
    "studio_rss",
]


def test_quick_benchmark_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    tiny = ["--quick", "--rows", "2", "3", "--photo-size", "300x400", "--json", str(out)]
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), *tiny],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text(encoding="utf-8"))["results"]
    for figure in FIGURES:
        assert results[figure]["median"] > 0, figure
    assert len(results["pdf_size_median"]["samples"]) == 2  # one size per PDF of the batch
    assert results["throughput_large"]["target"] == ">= 60.0/s"
    assert results["help"]["verdict"].endswith(("ok", "MISSED"))
    table = done.stdout.splitlines()
    header = next(i for i, line in enumerate(table) if line.startswith("measure"))
    assert table[header + 1].startswith("---")
    assert any(line.startswith("batch 3 rows, --jobs 2") for line in table[header:])
