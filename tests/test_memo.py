"""stretchplan.render.memo: bounded memories, least recently used forgotten first."""

from __future__ import annotations

from stretchplan.render.memo import Bounded


def test_bounded_keeps_at_most_its_size_and_drops_the_oldest() -> None:
    memo = Bounded(3)
    made: list[int] = []

    def make(n: int) -> int:
        made.append(n)
        return n * n

    for n in (1, 2, 3):
        assert memo.get(n, lambda n=n: make(n)) == n * n
    assert memo.get(1, lambda: make(1)) == 1  # remembered: not made again
    memo.get(4, lambda: make(4))  # 2 is now the least recently used
    assert len(memo) == 3
    memo.get(2, lambda: make(2))
    assert made == [1, 2, 3, 4, 2]
    memo.clear()
    assert len(memo) == 0
