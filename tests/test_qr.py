"""QR codes: the vector path covers exactly the dark modules of the code."""

from __future__ import annotations

import pytest

from stretchplan.render.qr import _path, matrix


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
    ops = _path(url).getCode().removeprefix("n ").split(" re")  # n: a new path
    assert ops[-1].strip() == ""
    for op in ops[:-1]:
        x, y, w, h = (int(v) for v in op.split())  # whole modules: the transform scales them
        for row in range(size - y - h, size - y):
            for col in range(x, x + w):
                painted[row][col] += 1
    assert painted == [[int(dark) for dark in row] for row in rows]


def test_one_path_per_code_however_often_it_is_drawn() -> None:
    url = "https://example.com/v/pigeon"
    assert _path(url) is _path(url)
