"""stretchplan.batch.manifest: what each PDF in a folder was made from."""

from __future__ import annotations

import json
from pathlib import Path

from stretchplan.batch.manifest import MANIFEST, Manifest


def entry(file: str, row: int) -> dict[str, object]:
    return {"file": file, "row": row, "name": "Jane", "roster": "r.csv", "sha256": "x"}


def test_saved_entries_load_back_for_files_still_there(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF-")
    manifest, notes = Manifest.load(tmp_path / MANIFEST)
    assert notes == [] and manifest.get("a.pdf") is None
    manifest.record(entry("a.pdf", 2))
    manifest.record(entry("gone.pdf", 3))
    manifest.save()
    data = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert [e["file"] for e in data["outputs"]] == ["a.pdf", "gone.pdf"]
    again, _ = Manifest.load(tmp_path / MANIFEST)
    assert again.get("a.pdf") == entry("a.pdf", 2)
    assert again.get("gone.pdf") is None  # its file was removed: the entry is dropped


def test_a_damaged_manifest_is_a_note_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text('{"outputs": [', encoding="utf-8")
    manifest, notes = Manifest.load(tmp_path / MANIFEST)
    assert manifest.entries == {} and "could not be read" in notes[0]
