"""The JSON Schema: generated from the models, committed under schema/, and kept current."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from stretchplan.load.schema import FILE_NAMES, Kind, json_schema, schema_text
from tests.conftest import ROOT

BUNDLED = {"exercises": ROOT / "exercises.yaml", "brand": ROOT / "templates" / "brand.yaml"}


KINDS: list[Kind] = ["exercises", "brand"]


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_is_current(kind: Kind) -> None:
    name = FILE_NAMES[kind]
    committed = (ROOT / "schema" / name).read_text(encoding="utf-8")
    flag = " --brand" if kind == "brand" else ""
    assert committed == schema_text(kind), (
        f"schema/{name} is stale: run `python cli.py schema{flag} > schema/{name}`"
    )


def test_schema_command_prints_the_schemas(run) -> None:  # type: ignore[no-untyped-def]
    assert json.loads(run("schema").output) == json_schema("exercises")
    assert json.loads(run("schema", "--brand").output) == json_schema("brand")


@pytest.mark.parametrize("kind", KINDS)
def test_bundled_files_point_at_and_satisfy_their_schema(kind: Kind) -> None:
    path = BUNDLED[kind]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    target = first.removeprefix("# yaml-language-server: $schema=")
    assert target != first
    schema = json.loads((path.parent / target).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(path.read_text("utf-8")))


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("kind: stretch", "kind: strech"), ["exercises", 0, "kind"]),
        (("    sides: each\n", "    sides: each\n    cuse: [x]\n"), ["exercises", 0]),
        (("hold: 20-30", "hold: thirty"), ["exercises", 0, "dosage", "static", "hold"]),
        (("video: https://", "video: javascript://"), ["exercises", 0, "video"]),
    ],
)
def test_schema_refuses_what_the_loader_refuses(
    change: tuple[str, str], where: list[str | int]
) -> None:
    text = BUNDLED["exercises"].read_text(encoding="utf-8")
    assert change[0] in text
    data = yaml.safe_load(text.replace(*change, 1))
    errors = list(jsonschema.Draft202012Validator(json_schema("exercises")).iter_errors(data))
    assert [list(error.absolute_path) for error in errors] == [where]


def test_single_text_where_a_list_is_expected_is_fine_for_editors_too() -> None:
    text = BUNDLED["exercises"].read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["exercises"][0]["cues"] = "Breathe out as you ease in."
    data["exercises"][0]["dosage"]["static"]["hold"] = "20 to 30"
    jsonschema.Draft202012Validator(json_schema("exercises")).validate(data)


def test_schema_ships_with_the_bundled_files() -> None:
    assert Path(ROOT / "schema").is_dir()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"schema" = "stretchplan/_bundled/schema"' in pyproject
