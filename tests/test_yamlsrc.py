"""The YAML source: libyaml's one-pass loader gives what PyYAML's own gives, and
deep nesting is refused in the same words at the same line, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchplan.errors import UserError
from stretchplan.load.yamlsrc import MAX_DEPTH, parse_yaml, parse_yaml_slowly
from tests.conftest import ROOT


def _outcome(parse: object, text: str) -> object:
    try:
        doc = parse(text, Path("f.yaml"))  # type: ignore[operator]
    except UserError as exc:
        return [str(p) for p in exc.problems]
    return doc.data, doc.lines


def _flow(depth: int) -> str:
    return "a: " + "[" * depth + "x" + "]" * depth + "\n"


def _block(depth: int) -> str:
    return "".join("  " * i + "k:\n" for i in range(depth)) + "  " * depth + "v\n"


def _compact(depth: int) -> str:
    return "- " * depth + "x\n"


@pytest.mark.parametrize("shape", [_flow, _block, _compact])
@pytest.mark.parametrize("depth", range(MAX_DEPTH - 3, MAX_DEPTH + 3))
def test_nesting_near_the_limit_reads_as_the_slow_loader_says(shape: object, depth: int) -> None:
    text = shape(depth)  # type: ignore[operator]
    assert _outcome(parse_yaml, text) == _outcome(parse_yaml_slowly, text)


def test_nesting_far_past_the_limit_is_refused_at_its_line() -> None:
    text = "version: 1\nexercises: " + "[" * 200_000 + "\n"
    with pytest.raises(UserError) as caught:
        parse_yaml(text, Path("exercises.yaml"))
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert f"nested more than {MAX_DEPTH} levels deep" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",
        "a: *nope\n",
        "a: 1\na: 2\n",
        "a: 1\n---\nb: 2\n",
        "a: 010\nb: 0x1F\nc: 1:30\nd: 2026-03-14\ne: 'x'\nf: \"y\"\ng: |\n  text\n",
        "a:\n\tb: 1\n",
        "",
    ],
)
def test_the_fast_loader_agrees_with_the_slow_one(text: str) -> None:
    assert _outcome(parse_yaml, text) == _outcome(parse_yaml_slowly, text)


def test_the_bundled_library_reads_the_same_both_ways() -> None:
    text = (ROOT / "exercises.yaml").read_text(encoding="utf-8")
    assert _outcome(parse_yaml, text) == _outcome(parse_yaml_slowly, text)
