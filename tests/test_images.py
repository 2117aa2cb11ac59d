"""Phone photos on the page: upright, embedded at their print size, small, cached;
bad image files stopped with a plain message."""

from __future__ import annotations

import io
import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from stretchplan.plan import Options, Plan
from stretchplan.render import images
from tests.conftest import ROOT, TODAY, make_plan, render_handout
from tests.photo_factory import MARKER, library_with_photos, phone_photo
from tests.print_rules import MM, open_pdf, rule_breaks

# The six exercises that get a photo each, and the piriformis-relief items left out.
WITH_PHOTOS = {
    "foam-roller-glute-release": "plain-0",
    "supine-figure-four": "rotated",
    "knee-to-opposite-shoulder": "cutout",
    "seated-piriformis": "iphone",
    "pigeon-pose": "plain-1",
    "kneeling-hip-flexor": "plain-2",
}
LEFT_OUT = ["standing-quad", "glute-bridge", "clamshell"]


@pytest.fixture(scope="module")
def photo_library(phone_photos: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("photo-library")
    photos = {exercise: [phone_photos[name]] for exercise, name in WITH_PHOTOS.items()}
    return library_with_photos(folder, photos)


@pytest.fixture(scope="module")
def photo_plan(photo_library: Path) -> Plan:
    return make_plan(library=photo_library, omit=LEFT_OUT)


@pytest.fixture(scope="module")
def photo_pdf(photo_plan: Plan) -> bytes:
    return render_handout(photo_plan)


def placed_photos(pdf: bytes, plan: Plan) -> dict[str, dict[str, Any]]:
    """Exercise id -> the image placed in its card (the one just under its name)."""
    found = {}
    with open_pdf(pdf) as doc:
        for number, page in enumerate(doc.pages):
            photos = [im for im in page.images if im["width"] > 20 * MM]  # not the logo
            for exercise in plan.exercises:
                for match in page.search(exercise.name, regex=False):
                    below = [im for im in photos if 0 < im["top"] - match["bottom"] < 20 * MM]
                    if below:
                        found[exercise.id] = {**below[0], "page_number": number}
    return found


def test_six_phone_photos_make_a_handout_under_250_kib(photo_pdf: bytes, photo_plan: Plan) -> None:
    assert len(photo_plan.exercises) == 6
    assert len(placed_photos(photo_pdf, photo_plan)) == 6
    assert len(photo_pdf) <= 250 * 1024


def test_photos_are_embedded_at_150_to_300_dpi(photo_pdf: bytes, photo_plan: Plan) -> None:
    for exercise, image in placed_photos(photo_pdf, photo_plan).items():
        width_px, height_px = image["srcsize"]
        dpi_x = width_px / (image["width"] / 72)
        dpi_y = height_px / (image["height"] / 72)
        assert 150 <= dpi_x <= 300 and 150 <= dpi_y <= 300, (exercise, dpi_x, dpi_y)
        # a JPEG passed through as it is, not pixels re-compressed by reportlab
        assert "DCTDecode" in str(image["stream"].get("Filter")), exercise


def rendered_photo(pdf: bytes, image: dict[str, Any], dpi: int = 100) -> Image.Image:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[image["page_number"]].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()
    scale = dpi / 72
    box = (image["x0"], image["top"], image["x1"], image["bottom"])
    return page.crop(tuple(round(v * scale) for v in box))  # type: ignore[arg-type]


def is_marker(pixel: tuple[int, ...]) -> bool:
    return all(abs(a - b) < 50 for a, b in zip(pixel, MARKER, strict=False))


def test_every_photo_prints_upright(photo_pdf: bytes, photo_plan: Plan) -> None:
    placed = placed_photos(photo_pdf, photo_plan)
    # The rotated photo is stored landscape; its EXIF flag makes it a portrait.
    rotated = placed["supine-figure-four"]
    assert rotated["height"] > rotated["width"] * 1.2
    assert rotated["srcsize"][1] > rotated["srcsize"][0]
    for exercise, image in placed.items():
        picture = rendered_photo(photo_pdf, image)
        w, h = picture.size
        top = picture.getpixel((w // 2, round(h * 0.03)))
        bottom = picture.getpixel((w // 2, round(h * 0.97)))
        left = picture.getpixel((round(w * 0.03), h // 2))
        assert is_marker(top), (exercise, top)  # the red bar is along the top edge
        assert not is_marker(bottom) and not is_marker(left), exercise


def test_transparent_png_is_laid_on_white(photo_pdf: bytes, photo_plan: Plan) -> None:
    picture = rendered_photo(
        photo_pdf, placed_photos(photo_pdf, photo_plan)["knee-to-opposite-shoulder"]
    )
    w, h = picture.size
    corner = picture.getpixel((round(w * 0.03), round(h * 0.9)))  # outside the cut-out
    assert min(corner) > 240, corner


def test_photo_pages_keep_the_print_rules(photo_library: Path) -> None:
    for options in (Options(today=TODAY), Options(today=TODAY, large_print=True, page_size="a4")):
        plan = make_plan(library=photo_library, options=options)
        with open_pdf(render_handout(plan)) as doc:
            assert rule_breaks(doc, plan) == []


def test_exercise_without_photo_has_no_empty_column(photo_library: Path) -> None:
    plan = make_plan(library=photo_library)  # the last three exercises have no photo
    with open_pdf(render_handout(plan)) as doc:
        starts = {}
        for page in doc.pages:
            for exercise in plan.exercises:
                for match in page.search(" ".join(exercise.steps[0].split()[:6]), regex=False):
                    starts[exercise.id] = match["x0"]
    margin = 16 * MM
    for exercise in plan.exercises:
        if not (exercise.images or exercise.figures):
            assert starts[exercise.id] < margin + 10 * MM, exercise.id  # no hole on the left
    pictured = [e for e in plan.exercises if e.images or e.figures]
    # the picture slot sits above its column (steps at the band's edge) or beside the text
    assert all(starts[e.id] < margin + 10 * MM or starts[e.id] > margin + 30 * MM for e in pictured)


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(images.CACHE_ENV, str(folder))
    return folder


def test_second_handout_reuses_the_prepared_photos(
    photo_pdf: bytes, photo_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_decoding(*_: object) -> None:
        raise AssertionError("decoded a photo the cache already had")

    monkeypatch.setattr(images, "_shrink", no_decoding)
    assert render_handout(photo_plan) == photo_pdf


def test_same_bytes_from_an_empty_cache_and_from_concurrent_runs(
    photo_pdf: bytes, photo_library: Path, fresh_cache: Path
) -> None:
    env = {**os.environ, images.CACHE_ENV: str(fresh_cache)}
    args = [
        sys.executable, str(ROOT / "cli.py"), "handout", "--library", str(photo_library),
        "--name", "Jane Doe", "--program", "piriformis-relief", "--date", TODAY.isoformat(),
        *(f"--omit={exercise}" for exercise in LEFT_OUT),
    ]  # fmt: skip
    outputs = [fresh_cache.parent / f"run{i}.pdf" for i in range(2)]
    runs = [
        subprocess.Popen([*args, "-o", str(out)], env=env, stderr=subprocess.PIPE, text=True)
        for out in outputs
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert [out.read_bytes() == photo_pdf for out in outputs] == [True, True]
    cached = sorted(p.name for p in (fresh_cache / "images").iterdir())
    assert cached and all(name.endswith(".jpg") for name in cached)  # no half-written files


def test_cache_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_cache: Path
) -> None:
    assert images.PhotoCache().folder() == fresh_cache / "images"
    monkeypatch.delenv(images.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert images.PhotoCache().folder() == tmp_path / "xdg" / "stretchplan" / "images"
    assert images.PhotoCache(tmp_path / "given").folder() == tmp_path / "given" / "images"
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should go", encoding="utf-8")
    monkeypatch.setenv(images.CACHE_ENV, str(blocked))
    cache = images.PhotoCache()
    fallback = cache.folder()  # still works: a private temporary folder
    assert fallback.is_dir() and blocked not in fallback.parents
    cache.close()  # ... which goes when its owner closes
    assert not fallback.exists()


def jpeg_bytes(**save: Any) -> bytes:
    buffer = io.BytesIO()
    phone_photo(1, (300, 400)).save(buffer, "JPEG", **save)
    return buffer.getvalue()


# Missing, unreadable, non-picture and decompression-bomb files are stopped while
# loading (tests/test_bad_inputs.py). A JPEG cut short passes that quick look, its
# header being whole, and is only found when the picture is decoded for printing.


def test_damaged_photo_through_the_real_command_line(workdir: Path) -> None:
    photo = workdir / "photos" / "cut-short.jpg"
    photo.parent.mkdir()
    photo.write_bytes(jpeg_bytes(progressive=True)[:3000])
    library_with_photos(workdir, {"pigeon-pose": [photo]})
    result = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "handout", "--name", "Jane", "--program",
         "piriformis-relief"],
        cwd=workdir, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert 'photo for "pigeon-pose" (photos/cut-short.jpg): the picture is damaged' in result.stderr
    assert not (workdir / "handouts").exists()


def test_bad_logo_names_the_brand_line(workdir: Path, run) -> None:  # type: ignore[no-untyped-def]
    import shutil

    shutil.copytree(ROOT / "templates", workdir / "templates")
    (workdir / "templates" / "logo.png").write_bytes(b"not a picture")
    result = run("handout", "--name", "Jane", "--program", "piriformis-relief")
    assert result.exit_code == 2
    assert "brand.yaml:" in result.output and ": logo: logo (templates/logo.png)" in result.output


def test_batch_workers_prepare_photos_their_parent_never_saw(
    phone_photos: dict[str, Path], tmp_path: Path
) -> None:
    """The first row renders in the main process, which starts photo threads; the
    forked workers must start their own for the photos of the other programs."""
    library_with_photos(
        tmp_path,
        {
            "pigeon-pose": [phone_photos["plain-0"]],  # piriformis-relief, the first row
            "chair-sit-to-stand": [phone_photos["rotated"]],  # desk-worker-reset only
            "leg-swings": [phone_photos["plain-1"]],  # runners-hip-mobility only
        },
    )
    rows = ["Ann,piriformis-relief"] + [f"Row {n},desk-worker-reset" for n in range(3)]
    rows += [f"Run {n},runners-hip-mobility" for n in range(3)]
    (tmp_path / "roster.csv").write_text("name,program\n" + "\n".join(rows) + "\n", "utf-8")
    env = {**os.environ, images.CACHE_ENV: str(tmp_path / "empty-cache")}
    result = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "batch", "roster.csv", "--jobs", "2"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    made = sorted((tmp_path / "handouts").glob("*.pdf"))
    assert len(made) == 7
    for pdf in made:
        with open_pdf(pdf.read_bytes()) as doc:
            photos = [im for page in doc.pages for im in page.images if im["width"] > 20 * MM]
        assert len(photos) == 1, pdf.name


_SHRINKING: list[object] = []


def _shrunk_in_a_worker(photo: str) -> tuple[str, str]:
    """The parent's photo, ready; and a new photo shrunk on threads of the child's own."""
    cache = _SHRINKING[1]
    assert isinstance(cache, images.PhotoCache)
    first = _SHRINKING[0]
    assert isinstance(first, Future)
    return first.result(timeout=30), cache.printable_soon(photo, 60, 80, "photo").result(timeout=30)


def test_a_photo_still_shrinking_at_a_fork_is_ready_in_the_worker(
    phone_photos: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batch workers are forked with the first row's cards; a photo of a card that was
    built but not yet drawn must not leave them waiting for a thread they lack."""
    cache = images.PhotoCache(tmp_path)
    try:
        _SHRINKING.append(cache.printable_soon(str(phone_photos["plain-0"]), 90, 120, "photo"))
        _SHRINKING.append(cache)
        cache.finish()  # what a batch does (Renderer.before_fork) before forking its workers
        with multiprocessing.get_context("fork").Pool(1) as pool:
            made, own = pool.apply(_shrunk_in_a_worker, (str(phone_photos["plain-1"]),))
        assert Path(made).is_file() and Path(made).parent == tmp_path / "images"
        assert Path(own).is_file() and own != made
        assert isinstance(_SHRINKING[0], Future) and _SHRINKING[0].result() == made
    finally:
        _SHRINKING.clear()
        cache.close()


def test_a_photo_edited_between_two_handouts_shows_the_new_picture(tmp_path: Path) -> None:
    """One process makes cards once and reuses them; a photo saved again in between
    (a trainer retook it) must still show as it is now."""
    from pypdf import PdfReader

    photo = tmp_path / "pigeon.jpg"
    library = library_with_photos(tmp_path, {"pigeon-pose": [photo]})

    def photo_colour(colour: tuple[int, int, int]) -> tuple[int, ...]:
        Image.new("RGB", (600, 800), colour).save(photo, "JPEG")
        pdf = render_handout(make_plan(library=library))
        pictures = [im.image for page in PdfReader(io.BytesIO(pdf)).pages for im in page.images]
        photos = [p for p in pictures if p is not None and p.height > 200]  # not the logo
        assert len(photos) == 1
        return tuple(photos[0].convert("RGB").resize((1, 1)).getpixel((0, 0)))

    red = photo_colour((200, 30, 30))
    blue = photo_colour((30, 30, 200))
    assert red[0] > 150 > red[2] and blue[2] > 150 > blue[0]
