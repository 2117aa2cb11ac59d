"""Where a batch may write: a combined file that replaces nothing of value, row files
no one changed since, each row's own name, and the hashes that tell them apart."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from stretchplan.batch.manifest import MANIFEST
from stretchplan.deliver.disk import writing
from stretchplan.deliver.files import ensure_replaceable, made_by_us
from stretchplan.errors import Problem, UserError
from stretchplan.media.reading import RefusedFile, bounded_bytes, open_regular
from stretchplan.seal import Seal, verdict


def check_combined(target: Path, out_dir: Path, force: bool) -> None:
    if target.suffix.lower() != ".pdf":
        raise UserError(Problem("the combined file's name must end in .pdf", field="combined"))
    if target.resolve() == (out_dir / MANIFEST).resolve():
        raise UserError(Problem("that name belongs to the manifest", field="combined"))
    if target.parent.resolve() == out_dir.resolve() and _ROW_FILE.match(target.name):
        raise UserError(
            Problem(
                "is named like one of the batch's own handouts; give the combined file "
                "another name (e.g. all.pdf)",
                file=str(target),
                field="combined",
            )
        )
    with writing(target):
        handout = target.is_file() and made_by_us(target) and _is_sealed(target)
    if handout:
        raise UserError(
            Problem(
                "is a handout stretchplan made for a client; the combined file would "
                "replace it: give the combined file another name",
                file=str(target),
                field="combined",
            )
        )
    ensure_replaceable(target, force)


_ROW_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}-.+\.pdf$", re.IGNORECASE)  # output_name's form


def _is_sealed(path: Path) -> bool:
    """Handouts and class sheets carry a seal; a combined file does not."""
    try:
        return verdict(bounded_bytes(path, "PDF", 64 * 1024 * 1024)) is not Seal.NONE
    except RefusedFile:
        return False


def check_not_someone_elses(target: Path, entry: dict[str, Any] | None, roster: str) -> None:
    """A file the manifest knows: refused when changed since, or made from another roster."""
    if entry is None or not target.exists():
        return
    if file_sha256(target) != entry.get("sha256"):
        why = "was changed after stretchplan made it (annotated or edited?)"
    elif entry.get("roster") != roster:
        why = f"was made for {entry.get('name')!r} of roster {entry.get('roster')}"
    else:
        return
    raise UserError(
        Problem(f"{why}; add [[force]] to replace it, or use another [[out_dir]]", file=str(target))
    )


def unique_name(name: str, taken: set[str]) -> str:
    """A second "Jean-Luc Picard" gets ...-2.pdf, a third -3, and so on."""
    stem, number, candidate = name.removesuffix(".pdf"), 1, name
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}.pdf"
    taken.add(candidate)
    return candidate


def file_sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with open_regular(path) as fh:  # checked at loading; a FIFO swapped in since cannot hang
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except (RefusedFile, OSError):
        return None
    return digest.hexdigest()
