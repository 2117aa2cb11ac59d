"""Clients: from a YAML file, or from command-line flags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from stretchplan.errors import Problem, UserError
from stretchplan.load.models import Client
from stretchplan.load.validate import problems_from, validate
from stretchplan.load.yamlsrc import YamlDoc, load_yaml


def load_client(path: Path, overrides: dict[str, Any] | None = None) -> Client:
    """A client file, with any flags given on the command line replacing its fields."""
    doc = load_yaml(path, "client file")
    if not isinstance(doc.data, dict):
        raise UserError(doc.problem((), "expected the client's fields (name: ..., program: ...)"))
    data = {**doc.data, **(overrides or {})}
    origin = {
        str(key): (doc.name, doc.line_of((key,)))
        for key in doc.data
        if key not in (overrides or {})
    }
    return validate(Client, doc, data).written_at(origin)


def client_from_flags(fields: dict[str, Any]) -> Client:
    """A client made from given fields alone (flags, a web form, a script)."""
    if not fields.get("name"):
        raise UserError(Problem("the client needs a name", field="name"))
    try:
        return Client.model_validate(fields)
    except ValidationError as exc:
        problems = problems_from(exc, YamlDoc(Path("command line"), fields), (), Client)
        raise UserError(
            [Problem(p.message, field=p.field, value=p.value) for p in problems]
        ) from None
