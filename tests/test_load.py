"""Loading: line-marked YAML, strict models, friendly messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchplan.errors import UserError
from stretchplan.load.library import load_library
from stretchplan.load.yamlsrc import load_yaml

EXERCISE = """\
version: 1
exercises:
  - id: figure-four
    name: Figure four
    kind: stretch
    video: https://example.com/v/figure-four
    dosage:
      static: {reps: 1-2, hold: 20-30}
    sides: each
    steps: [Lie down.]
"""


@pytest.fixture
def tmp_path(workdir: Path) -> Path:
    """Files in the current folder, so messages name them as a trainer would."""
    return workdir


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "exercises.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def messages(exc: pytest.ExceptionInfo[UserError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_valid_library_loads(tmp_path: Path) -> None:
    library = load_library(write(tmp_path, EXERCISE))
    assert library.exercises[0].dosage["static"].hold.text() == "20–30"  # type: ignore[union-attr]


def test_duplicate_keys_are_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError) as exc:
        load_yaml(write(tmp_path, EXERCISE + "    name: Again\n"))
    assert (
        'exercises.yaml:11: exercises[0].name: duplicate key "name" (first given on line 4)'
        in messages(exc)
    )


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    with pytest.raises(UserError) as exc:
        load_library(write(tmp_path, EXERCISE + "    cuse: [Breathe.]\n"))
    assert messages(exc) == [
        'exercises.yaml:11: exercises[0].cuse: unknown key "cuse". Did you mean "cues"?'
    ]


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    text = EXERCISE.replace("kind: stretch", "kind: strech").replace("hold: 20-30", "hold: 0")
    with pytest.raises(UserError) as exc:
        load_library(write(tmp_path, text))
    found = messages(exc)
    assert len(found) == 2
    assert any(m.startswith("exercises.yaml:5: exercises[0].kind: expected one of") for m in found)
    assert any(m.startswith("exercises.yaml:8: exercises[0].dosage.static.hold:") for m in found)


def test_program_with_unknown_exercise_points_at_it(tmp_path: Path) -> None:
    text = EXERCISE + (
        "programs:\n  - id: p\n    title: P\n    sections:\n      - title: S\n"
        "        items:\n          - exercise: figure-for\n"
    )
    with pytest.raises(UserError) as exc:
        load_library(write(tmp_path, text))
    assert messages(exc) == [
        "exercises.yaml:17: programs[0].sections[0].items[0].exercise: unknown exercise "
        '"figure-for". Did you mean "figure-four"?'
    ]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "example.com/v"])
def test_non_web_video_urls_are_refused(tmp_path: Path, url: str) -> None:
    with pytest.raises(UserError) as exc:
        load_library(write(tmp_path, EXERCISE.replace("https://example.com/v/figure-four", url)))
    assert "exercises[0].video: expected a web address" in messages(exc)[0]


def test_python_tags_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError) as exc:
        load_yaml(write(tmp_path, "version: !!python/object/apply:os.system [echo hi]\n"))
    assert "exercises.yaml:1" in messages(exc)[0]


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 12):
        this, prev = chr(97 + i), chr(96 + i)
        bomb += f"{this}: &{this} [*{prev}, *{prev}, *{prev}, *{prev}]\n"
    with pytest.raises(UserError) as exc:
        load_yaml(write(tmp_path, bomb))
    assert "too many values" in messages(exc)[0]


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(UserError) as exc:
        load_yaml(write(tmp_path, "# nothing here\n"))
    assert messages(exc) == ["exercises.yaml: the file is empty"]
