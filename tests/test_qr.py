"""QR codes: the vector path covers exactly the dark modules of the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchplan.render.qr import QRCodes, _pack, _unpack, dark_path, matrix


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/v/figure-four",
        "https://www.youtube.com/results?search_query=supine+figure+four+stretch&sp=EgIQAQ%3D%3D",
    ],
)
def test_path_paints_every_dark_module_once_and_nothing_else(url: str) -> None:
    rows = matrix(url)
    size = len(rows)
    painted = [[0] * size for _ in range(size)]
    ops = dark_path(rows).getCode().removeprefix("n ").split(" re")  # n: a new path
    assert ops[-1].strip() == ""
    for op in ops[:-1]:
        x, y, w, h = (int(v) for v in op.split())  # whole modules: the transform scales them
        for row in range(size - y - h, size - y):
            for col in range(x, x + w):
                painted[row][col] += 1
    assert painted == [[int(dark) for dark in row] for row in rows]


def test_one_path_per_code_however_often_it_is_drawn() -> None:
    codes = QRCodes(None)
    url = "https://example.com/v/pigeon"
    assert codes.path(url) is codes.path(url)


URL = "https://www.youtube.com/results?search_query=seated+piriformis+stretch"


def test_packing_keeps_every_module() -> None:
    rows = matrix(URL)
    assert _unpack(_pack(rows)) == rows


def test_a_new_process_reads_the_codes_an_earlier_one_stored(tmp_path: Path) -> None:
    first = QRCodes(tmp_path)
    rows = first.matrix(URL)
    (stored,) = tmp_path.glob("*.qr")
    again = QRCodes(tmp_path)
    stored.write_bytes(_pack(matrix("https://example.com/another")))  # proves it is read
    assert again.matrix(URL) == matrix("https://example.com/another")
    assert rows == matrix(URL)


@pytest.mark.parametrize(
    "damage", [b"", b"\x00", b"\x00\x1d" + b"\xff" * 3, b"\xff\xff" + b"\x00" * 50, b"junk" * 99]
)
def test_a_damaged_stored_code_is_made_again(tmp_path: Path, damage: bytes) -> None:
    QRCodes(tmp_path).matrix(URL)
    (stored,) = tmp_path.glob("*.qr")
    stored.write_bytes(damage)
    assert QRCodes(tmp_path).matrix(URL) == matrix(URL)
    assert _unpack(stored.read_bytes()) == matrix(URL)  # and stored whole again


def test_a_folder_that_cannot_be_written_still_gives_codes(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would go")
    codes = QRCodes(blocked / "qr")
    assert codes.matrix(URL) == matrix(URL)
    assert not list(tmp_path.glob("**/*.qr"))


def test_handouts_are_the_same_bytes_with_codes_stored_or_not(tmp_path: Path) -> None:
    import datetime

    import stretchplan

    client = stretchplan.Client(name="Jane Doe", program="piriformis-relief")
    day = datetime.date(2026, 3, 14)
    pdfs = []
    for _ in range(2):  # the first stores the codes, the second reads them
        with stretchplan.open_workspace(cache_dir=tmp_path) as ws:
            pdfs.append(ws.handout(client, date=day).pdf)
    assert list((tmp_path / "qr").glob("*.qr"))
    assert pdfs[0] == pdfs[1]
