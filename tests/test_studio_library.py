"""The studio's library cards: every program and exercise with dosage and steps, and
pictures served for known exercise ids only (the figure as `exercises show --picture`
draws it, or the photo scaled down)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageOps
from starlette.testclient import TestClient

from stretchplan.api import Workspace
from stretchplan.studio import create_app
from stretchplan.studio.server import host_headers
from tests.conftest import ROOT, run_subprocess, workspace
from tests.photo_factory import library_with_photos

ORIGIN = "http://127.0.0.1:8123"
LIBRARY = ROOT / "exercises.yaml"
BRAND = ROOT / "templates" / "brand.yaml"


@pytest.fixture(scope="module")
def ws() -> Iterator[Workspace]:
    with workspace(LIBRARY, BRAND) as opened:
        yield opened


@pytest.fixture(scope="module")
def client(ws: Workspace) -> Iterator[TestClient]:
    app = create_app(ws, "library-token", hosts=host_headers("127.0.0.1", 8123))
    yield TestClient(app, base_url=ORIGIN)
    app.state.close()


def test_every_program_and_exercise_is_a_card(client: TestClient, ws: Workspace) -> None:
    cards = client.get("/api/library").json()
    assert [p["id"] for p in cards["programs"]] == ws.programs
    assert [e["id"] for e in cards["exercises"]] == ws.exercises
    relief = next(p for p in cards["programs"] if p["id"] == "piriformis-relief")
    assert relief["title"] == "Piriformis relief" and relief["mode"] == "static"
    dosage = {e["id"]: e["dosage"] for s in relief["sections"] for e in s["exercises"]}
    assert dosage["supine-figure-four"] == "Hold 20–30 s · 1–2 times · each side"
    four = next(e for e in cards["exercises"] if e["id"] == "supine-figure-four")
    assert {d["mode"]: d["text"] for d in four["dosage"]} == {
        "dynamic": "Hold 4–6 s · 5–10 times · each side",
        "static": "Hold 20–30 s · 1–2 times · each side",
    }
    assert four["steps"][0].startswith("Lie on your back")
    assert four["picture"] == "/api/pictures/supine-figure-four"


def test_the_program_cards_dosage_is_the_handouts(client: TestClient) -> None:
    cards = client.get("/api/library").json()
    body = {"name": "Jane Doe", "program": "runners-hip-mobility"}
    planned = client.post("/api/plan", json=body).json()
    runners = next(p for p in cards["programs"] if p["id"] == "runners-hip-mobility")
    card = [(e["id"], e["dosage"]) for s in runners["sections"] for e in s["exercises"]]
    plan = [(e["id"], e["dosage"]) for s in planned["sections"] for e in s["exercises"]]
    assert card == plan


def test_a_figure_is_the_svg_exercises_show_draws(client: TestClient, tmp_path: Path) -> None:
    answer = client.get("/api/pictures/supine-figure-four")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("image/svg+xml")
    assert "default-src 'none'" in answer.headers["content-security-policy"]
    target = tmp_path / "four.svg"
    shown = run_subprocess(
        "exercises", "show", "supine-figure-four", "--picture", str(target),
        "--library", str(LIBRARY), "--brand", str(BRAND), cwd=tmp_path,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert answer.content == target.read_bytes()


def test_a_photo_is_served_scaled_down_and_upright(
    tmp_path: Path, phone_photos: dict[str, Path]
) -> None:
    library = library_with_photos(tmp_path, {"supine-figure-four": [phone_photos["rotated"]]})
    with workspace(library, BRAND) as photo_ws:
        app = create_app(photo_ws, "t", hosts=host_headers("127.0.0.1", 8123))
        answer = TestClient(app, base_url=ORIGIN).get("/api/pictures/supine-figure-four")
        app.state.close()
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/jpeg"
    image = Image.open(io.BytesIO(answer.content))
    width, height = ImageOps.exif_transpose(Image.open(phone_photos["rotated"])).size
    assert max(image.size) <= 480
    assert (image.width > image.height) == (width > height)


@pytest.mark.parametrize(
    "path",
    [
        "/api/pictures/no-such-exercise",
        "/api/pictures/..%2fexercises.yaml",
        "/api/pictures/../../exercises.yaml",
        "/api/pictures/%2e%2e",
        "/api/pictures/",
    ],
)
def test_only_known_exercises_pictures_are_served(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 404
    assert b"version: 1" not in answer.content


def test_the_page_is_headed_by_the_brands_logo(client: TestClient) -> None:
    page = client.get("/").text
    assert '<img class="logo" src="/api/logo"' in page and "logo-mark" not in page
    answer = client.get("/api/logo")
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/png"
    with (
        Image.open(io.BytesIO(answer.content)) as served,
        Image.open(BRAND.parent / "logo.png") as own,
    ):
        assert max(served.size) <= 128 and served.mode == "RGBA"  # small, its ground kept
        # the same picture, scaled: compare both at 16 px
        small = own.convert("RGBA").resize((16, 16))
        seen = served.resize((16, 16))
        diff = max(abs(a - b) for a, b in zip(small.tobytes(), seen.tobytes(), strict=True))
        assert diff < 40


def test_without_a_logo_the_page_keeps_its_mark(tmp_path: Path) -> None:
    text = BRAND.read_text(encoding="utf-8").replace("logo: logo.png\n", "")
    (tmp_path / "templates").mkdir()
    for own in BRAND.parent.iterdir():  # the disclaimers and fonts, not the logo
        if own.name not in ("brand.yaml", "logo.png"):
            (tmp_path / "templates" / own.name).symlink_to(own)
    brand = tmp_path / "templates" / "brand.yaml"
    brand.write_text(text, encoding="utf-8")
    with workspace(LIBRARY, brand) as ws:
        app = create_app(ws, "t", hosts=host_headers("127.0.0.1", 8123))
        try:
            plain = TestClient(app, base_url=ORIGIN)
            assert "logo-mark" in plain.get("/").text
            assert plain.get("/api/logo").status_code == 404
        finally:
            app.state.close()
