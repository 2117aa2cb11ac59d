"""Font tables remembered on disk: a rebuilt face equals the parsed one, damage is
read as missing, and a PDF made from remembered tables has the same bytes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from stretchplan.render import font_store
from tests.conftest import ROOT, run_subprocess

NOTO = ROOT / "templates" / "fonts" / "NotoSans-Regular.ttf"


def _reportlab_font(name: str) -> Path:
    import reportlab

    return Path(reportlab.__file__).parent / "fonts" / name


def _load(path: Path, folder: Path | None) -> font_store.TTFont:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    return font_store.remembered_font("T-" + digest[:8], data, str(path), digest, folder)


@pytest.mark.parametrize("font", [NOTO, _reportlab_font("Vera.ttf")])  # 1000 and 2048 units
def test_a_face_rebuilt_from_its_entry_equals_the_parsed_one(
    tmp_path: Path, font: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = _load(font, tmp_path)
    (entry,) = tmp_path.glob("*.json")

    def refuse(*args: object) -> None:
        raise AssertionError("parsed again although its tables are stored")

    monkeypatch.setattr(font_store, "parsed_font", refuse)
    rebuilt = _load(font, tmp_path)
    assert font_store._alike(rebuilt, parsed)
    assert rebuilt.face.charWidths == parsed.face.charWidths
    assert rebuilt.stringWidth("Zoë Şule Nguyễn", 11) == parsed.stringWidth("Zoë Şule Nguyễn", 11)
    assert entry.stat().st_size > 0


def test_an_entry_is_data_with_its_own_checksum(tmp_path: Path) -> None:
    _load(NOTO, tmp_path)
    (entry,) = tmp_path.glob("*.json")
    head, digest, text = entry.read_bytes().split(b"\n", 2)
    assert head == font_store.FORMAT.encode()
    assert hashlib.sha256(text).hexdigest().encode() == digest
    assert "charWidths" in json.loads(text)["dict"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: b"",
        lambda blob: blob[: len(blob) // 2],
        lambda blob: blob[:-40] + bytes([blob[-40] ^ 1]) + blob[-39:],  # one bit in the tables
        lambda blob: b"junk\n" * 50,
        lambda blob: blob.replace(b"charWidths", b"charWidthz"),  # checksum no longer agrees
    ],
)
def test_a_damaged_entry_is_parsed_again_and_replaced(tmp_path: Path, damage: object) -> None:
    parsed = _load(NOTO, tmp_path)
    (entry,) = tmp_path.glob("*.json")
    good = entry.read_bytes()
    entry.write_bytes(damage(good))  # type: ignore[operator]
    again = _load(NOTO, tmp_path)
    assert font_store._alike(again, parsed)
    assert entry.read_bytes() == good


def test_a_folder_in_place_of_an_entry_or_an_unwritable_folder_is_no_error(tmp_path: Path) -> None:
    _load(NOTO, tmp_path)
    (entry,) = tmp_path.glob("*.json")
    entry.unlink()
    entry.mkdir()
    assert _load(NOTO, tmp_path).face.charWidths
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("in the way")
    assert _load(NOTO, blocked / "fonts").face.charWidths


def test_a_handout_from_remembered_tables_has_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two new processes sharing a cache: the first parses and stores, the second rebuilds."""
    env_cache = tmp_path / "cache"
    monkeypatch.setenv("STRETCHPLAN_CACHE_DIR", str(env_cache))
    outputs = []
    for run in ("first", "second"):
        folder = tmp_path / run
        folder.mkdir()
        done = run_subprocess(
            "handout", "--name", "Zoë Şule", "--program", "piriformis-relief",
            "--date", "2026-03-14", "-o", "out.pdf", cwd=folder,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs.append((folder / "out.pdf").read_bytes())
        assert len(list((env_cache / "fonts").glob("*.json"))) == 3
    assert outputs[0] == outputs[1]
