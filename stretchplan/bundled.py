"""Where inputs come from: a flag, else the current folder, else the bundled defaults.

Imports nothing of ours: every stage may ask where the bundled files are.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_root() -> Path:
    """Folder holding the bundled exercises.yaml and templates/.

    In a wheel they ride inside the package (stretchplan/_bundled); in a checkout
    or an editable install they are the repository's own top-level files.
    """
    inside = _PACKAGE / "_bundled"
    return inside if inside.is_dir() else _PACKAGE.parent


def library_path(flag: Path | None) -> Path:
    if flag is not None:
        return flag
    local = Path("exercises.yaml")
    return local if _present(local) else bundled_root() / "exercises.yaml"


def brand_path(flag: Path | None) -> Path:
    if flag is not None:
        return flag
    local = Path("templates") / "brand.yaml"
    return local if _present(local) else bundled_root() / "templates" / "brand.yaml"


def _present(local: Path) -> bool:
    """Anything by that name is the user's file: a FIFO or a broken link named
    exercises.yaml is refused when it is read, never swapped for the bundled one."""
    return local.exists() or local.is_symlink()
