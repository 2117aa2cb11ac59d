"""The stages only point one way (DESIGN.md): read every module's imports and check."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "stretchplan"

# A stage and what it must never import (prefixes of module names).
FORBIDDEN = {
    "render": ("stretchplan.load", "stretchplan.api", "stretchplan.batch", "stretchplan.commands"),
    "load": ("reportlab", "stretchplan.render", "stretchplan.deliver", "stretchplan.api"),
    "plan": ("reportlab", "stretchplan.render", "stretchplan.deliver", "stretchplan.api"),
    "media": ("reportlab", "stretchplan.load", "stretchplan.render", "stretchplan.plan"),
    "deliver": ("stretchplan.load", "stretchplan.render", "stretchplan.api", "stretchplan.batch"),
}


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def stage_files(stage: str) -> list[Path]:
    folder = PACKAGE / stage
    return sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{stage}.py"]


@pytest.mark.parametrize("stage", sorted(FORBIDDEN))
def test_no_stage_reaches_back(stage: str) -> None:
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in stage_files(stage)
        for name in sorted(imports(path))
        if name.startswith(FORBIDDEN[stage])
    ]
    assert wrong == []


MAX_LINES = 400  # one job per module: past this, a module is doing two


def test_no_module_is_over_four_hundred_lines() -> None:
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in [ROOT / "cli.py", *PACKAGE.rglob("*.py")]
    }
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}
