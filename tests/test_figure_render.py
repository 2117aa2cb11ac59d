"""Pose figures on the printed page and through the command line: every bundled exercise
shows one, photos win, no picture leaves no empty slot, bad figure input is exit 2."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from stretchplan import pipeline
from stretchplan.figures import tones_for
from stretchplan.load.models import Client
from stretchplan.plan import Options
from tests.conftest import ROOT, TODAY, pdf_text, render_handout, run_subprocess

BUNDLED = pipeline.load_inputs(ROOT / "exercises.yaml", ROOT / "templates" / "brand.yaml")
EXERCISE_IDS = [e.id for e in BUNDLED.library.exercises]
TONES = tones_for(BUNDLED.brand.colors.primary, BUNDLED.brand.colors.accent)
DPI = 60
MM = DPI / 25.4  # pixels per millimetre


def _rgb(hex_color: str) -> tuple[int, int, int]:
    return int(hex_color[1:3], 16), int(hex_color[3:5], 16), int(hex_color[5:7], 16)


def _page(pdf: bytes, index: int = 0) -> tuple[bytes, int, int]:
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(pdf)[index]
    image = page.render(scale=DPI / 72).to_pil().convert("RGB")
    return image.tobytes(), image.width, image.height


def _ink(pdf: bytes, hex_color: str, x_max_mm: float, tolerance: int = 28) -> int:
    """Pixels of about `hex_color` left of `x_max_mm` on the first page at 60 dpi."""
    data, width, height = _page(pdf)
    target = _rgb(hex_color)
    limit = int(x_max_mm * MM)
    count = 0
    for y in range(height):
        row = data[y * width * 3 : (y * width + limit) * 3]
        for x in range(0, len(row), 3):
            if all(abs(row[x + i] - target[i]) <= tolerance for i in range(3)):
                count += 1
    return count


def _one_exercise_pdf(inputs: pipeline.Inputs, exercise_id: str, lang: str | None = None) -> bytes:
    client = Client(name="Jane Doe", add=[exercise_id])
    plan = pipeline.plan_for(inputs, client, Options(today=TODAY, language=lang))
    return render_handout(plan)


PICTURE_COLUMN_MM = 12 + 44  # the page margin and the card's picture column


@pytest.fixture(scope="module")
def no_figure_ink(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, int]:
    """Brand-coloured pixels in the picture column of a card with no picture (the logo,
    the number badge): what a figure's ink is counted on top of."""
    plain = _one_exercise_pdf(_workspace(tmp_path_factory.mktemp("plain")), "plain")
    return _ink(plain, TONES.near, PICTURE_COLUMN_MM), _ink(plain, TONES.far, PICTURE_COLUMN_MM)


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_every_bundled_exercise_shows_its_figure_on_the_handout(
    exercise_id: str, no_figure_ink: tuple[int, int]
) -> None:
    pdf = _one_exercise_pdf(BUNDLED, exercise_id)
    near = _ink(pdf, TONES.near, PICTURE_COLUMN_MM) - no_figure_ink[0]
    far = _ink(pdf, TONES.far, PICTURE_COLUMN_MM) - no_figure_ink[1]
    assert near > 250, f"only {near} pixels of the figure's near tone in the picture column"
    assert far > 80, f"only {far} pixels of the far side's tint"
    exercise = BUNDLED.library.exercise(exercise_id)
    assert exercise is not None
    words = [f.label.first() for f in exercise.figures if f.label]
    text = pdf_text(pdf)
    for word in words:
        assert word in text  # the frame's own caption is printed under it


def test_the_demo_handout_has_a_figure_on_every_card_and_stays_small() -> None:
    client = Client(name="Jane Doe", program="piriformis-relief")
    plan = pipeline.plan_for(BUNDLED, client, Options(today=TODAY))
    pdf = render_handout(plan)
    assert len(pdf) < 200 * 1024
    text = pdf_text(pdf)
    assert text.count("Start") >= len(plan.exercises) - 2  # one-frame figures say Hold/Roll


def test_captions_follow_the_handout_language() -> None:
    text = pdf_text(_one_exercise_pdf(BUNDLED, "supine-figure-four", lang="es"))
    assert "Inicio" in text
    assert "Start" not in text
    assert "Estiramiento" in text  # the trainer's own label, in its Spanish version
    assert "Stretch" not in text


LIBRARY = """\
version: 1
exercises:
  - id: bridge
    name: Bridge
    kind: strength
    images: {images}
    figures:
      - pose: supine
        joints: {{left.hip: 45, left.knee: 90, right.hip: 45, right.knee: 90}}
      - pose: supine
        joints: {{left.knee: 90, right.knee: 90}}
        arrow: pelvis
    dosage:
      default: {{sets: 2, reps: 10}}
    steps:
      - Lie on your back with your knees bent.
  - id: plain
    name: Plain
    kind: stretch
    dosage:
      default: {{reps: 2}}
    steps:
      - Lie on your back with your knees bent.
"""


def _workspace(folder: Path, images: str = "[]") -> pipeline.Inputs:
    from PIL import Image

    Image.new("RGB", (600, 800), (205, 40, 40)).save(folder / "photo.jpg", quality=90)
    (folder / "exercises.yaml").write_text(LIBRARY.format(images=images), encoding="utf-8")
    return pipeline.load_inputs(folder / "exercises.yaml", ROOT / "templates" / "brand.yaml")


def test_photos_win_over_figures(tmp_path: Path, no_figure_ink: tuple[int, int]) -> None:
    import pdfplumber

    with_photo = _one_exercise_pdf(_workspace(tmp_path, "[photo.jpg]"), "bridge")
    assert _ink(with_photo, TONES.far, PICTURE_COLUMN_MM) - no_figure_ink[1] < 20
    drawn = _one_exercise_pdf(_workspace(tmp_path), "bridge")
    assert _ink(drawn, TONES.near, PICTURE_COLUMN_MM) - no_figure_ink[0] > 250
    with pdfplumber.open(io.BytesIO(with_photo)) as a, pdfplumber.open(io.BytesIO(drawn)) as b:
        # the photo is one more image than the logo alone; the figure is vector paths
        assert len(a.pages[0].images) == len(b.pages[0].images) + 1


def _step_at_mm(pdf: bytes) -> tuple[float, float]:
    """Where the first step begins: from the page's left edge, and below the card's name."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        words = doc.pages[0].extract_words()
    first = next(w for w in words if w["text"] == "Lie")
    name = next(w for w in words if w["text"] in ("Bridge", "Plain"))
    return float(first["x0"]) / 72 * 25.4, float(first["top"] - name["bottom"]) / 72 * 25.4


def test_an_exercise_without_pictures_has_no_empty_slot(tmp_path: Path) -> None:
    inputs = _workspace(tmp_path)
    plain_x, plain_down = _step_at_mm(_one_exercise_pdf(inputs, "plain"))
    assert plain_x < 12 + 12
    assert plain_down < 8  # right under the name band: no slot left empty above
    bridge_x, bridge_down = _step_at_mm(_one_exercise_pdf(inputs, "bridge"))
    assert bridge_x > 12 + 40 or bridge_down > plain_down + 12  # beside or under the figure


# --------------------------------------------------------------------- bad figure input

BAD_BASE = """\
version: 1
exercises:
  - id: bridge
    name: Bridge
    kind: strength
    figures:
{frames}
    dosage:
      default: {{sets: 2, reps: 10}}
    steps:
      - Lift your hips.
"""

BAD = {
    "pose typo": (
        "      - pose: supin",
        "pose",
        'figures[0].pose: unknown pose "supin". Did you mean "supine"?',
    ),
    "joint typo": (
        "      - pose: supine\n        joints: {right.hipp: 90}",
        "joints",
        'unknown joint "right.hipp". Did you mean "right.hip"?',
    ),
    "angle out of range": (
        "      - pose: supine\n        joints: {right.knee: 170}",
        "joints",
        "right.knee 170° is outside its range, -5° to 135°",
    ),
    "prop typo": (
        "      - pose: supine\n        props: [matt]",
        "props",
        'unknown prop "matt". Did you mean "mat"?',
    ),
    "prop point typo": (
        "      - pose: standing\n        props: [chair@left.hnad]",
        "props",
        'unknown body point "left.hnad" for chair. Did you mean "left.hand"?',
    ),
    "arrow typo": (
        "      - pose: supine\n        arrow: pelvsi up",
        "arrow",
        'unknown body point "pelvsi" for the arrow. Did you mean "pelvis"?',
    ),
    "unknown key": (
        "      - pose: supine\n        jionts: {right.hip: 90}",
        "jionts",
        'unknown key "jionts". Did you mean "joints"?',
    ),
    "one frame arrow without direction": (
        "      - pose: supine\n        arrow: pelvis",
        "figures",
        "a one-frame figure's arrow needs a direction",
    ),
    "three frames": (
        "      - pose: supine\n      - pose: supine\n      - pose: supine",
        "figures",
        "allows at most 2",
    ),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_bad_figure_is_exit_2_with_file_line_field_and_suggestion(
    tmp_path: Path, case: str
) -> None:
    frames, key, expected = BAD[case]
    text = BAD_BASE.format(frames=frames)
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line = next(i for i, t in enumerate(lines, 1) if t.strip().lstrip("- ").startswith(f"{key}:"))
    result = run_subprocess("check", "--library", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"bad.yaml:{line}: exercises[0].figures" in result.stderr
    assert expected in result.stderr


# --------------------------------------------------------------------------- commands


def test_poses_lists_poses_joints_with_ranges_and_props(tmp_path: Path) -> None:
    result = run_subprocess("poses", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for word in ("half-kneeling", "all-fours", "long-sitting", "foam-roller", "chair"):
        assert word in result.stdout
    line = next(t for t in result.stdout.splitlines() if t.strip().startswith("right.knee "))
    assert "-5 to 135" in line


def test_exercises_show_picture_writes_svg_and_png(tmp_path: Path) -> None:
    from PIL import Image

    svg = run_subprocess("exercises", "show", "glute-bridge", "--picture", "b.svg", cwd=tmp_path)
    assert svg.returncode == 0, svg.stderr
    assert "Glute bridge" in svg.stdout
    root = ET.parse(tmp_path / "b.svg").getroot()
    assert root.tag.endswith("svg")
    png = run_subprocess("exercises", "show", "clamshell", "--picture", "c.png", cwd=tmp_path)
    assert png.returncode == 0, png.stderr
    with Image.open(tmp_path / "c.png") as image:
        assert image.format == "PNG" and image.width > image.height
    again = run_subprocess("exercises", "show", "clamshell", "--picture", "c.png", cwd=tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr


def test_picture_needs_a_known_format_and_figures(tmp_path: Path) -> None:
    result = run_subprocess("exercises", "show", "clamshell", "--picture", "c.gif", cwd=tmp_path)
    assert result.returncode == 2
    assert "--picture" in result.stderr and ".svg" in result.stderr
    assert not (tmp_path / "c.gif").exists()
    _workspace(tmp_path)
    plain = run_subprocess(
        "exercises", "show", "plain", "--library", "exercises.yaml", "--picture", "p.png",
        cwd=tmp_path,
    )  # fmt: skip
    assert plain.returncode == 2 and "has no figures" in plain.stderr
