"""What every part of the benchmark shares: the inputs' names, the targets, the
settings and one measured quantity."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
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
    "studio_preview": ("<=", 0.3, "s"),  # the live preview follows a change within 0.3 s
    "studio_memory_growth": ("<=", 10 * MIB, "bytes"),  # flat over many clients' previews
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
    studio_early: int = 50  # studio previews before the first memory reading
    studio_previews: int = 500  # ... and before the second


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
