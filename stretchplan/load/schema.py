"""JSON Schema of exercises.yaml and brand.yaml, generated from the load-stage models.

Editors that speak the YAML language server (VS Code and others) read it through the
`# yaml-language-server: $schema=...` line at the top of each file, and then complete
keys and underline mistakes as a trainer types. The copies under schema/ are these
exact texts; a test keeps them current.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel

from stretchplan.load.brand import Brand
from stretchplan.load.models import Library

Kind = Literal["exercises", "brand"]
FILE_NAMES: dict[Kind, str] = {
    "exercises": "exercises.schema.json",
    "brand": "brand.schema.json",
}
_MODELS: dict[Kind, type[BaseModel]] = {"exercises": Library, "brand": Brand}
_TITLES: dict[Kind, str] = {
    "exercises": "stretchplan exercise library (exercises.yaml)",
    "brand": "stretchplan brand (templates/brand.yaml)",
}


def json_schema(kind: Kind) -> dict[str, Any]:
    schema = _MODELS[kind].model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": _TITLES[kind],
        **{key: value for key, value in schema.items() if key != "title"},
    }


def schema_text(kind: Kind) -> str:
    """The schema as written to schema/*.json: stable key order, UTF-8, final newline."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
