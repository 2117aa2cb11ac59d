"""A PDF's seal: the digest of its own bytes, kept in its Info dictionary.

Every handout and class sheet carries `/Keywords (stretchplan-seal HEX)`, where HEX
is the SHA-256 of the file with HEX written as zeros. A later run can then tell a
file exactly as it was made (safe to replace) from one the trainer edited or
annotated since (never replaced without --force), with no record kept beside it.
Sealing changes no length, so the cross-reference table stays right.
"""

from __future__ import annotations

import hashlib
import re
from enum import Enum

LABEL = "stretchplan-seal "
PLACEHOLDER = LABEL + "0" * 64  # what build_document writes as the PDF's keywords
_SEAL = re.compile(rb"/Keywords \(stretchplan-seal ([0-9a-f]{64})\)")
_SUBJECT = re.compile(rb"/Subject (\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>)")
_ZEROS = b"0" * 64


class Seal(Enum):
    INTACT = "intact"  # bytes as stretchplan made them
    BROKEN = "broken"  # sealed, but the bytes changed since
    NONE = "none"  # no seal (another program's PDF, or one from before seals)


def seal(data: bytes) -> bytes:
    """`data` with its placeholder seal filled in (unchanged when it has none)."""
    found = _SEAL.search(data)
    if found is None or found.group(1) != _ZEROS:
        return data
    digest = hashlib.sha256(data).hexdigest().encode()
    start, end = found.span(1)
    return data[:start] + digest + data[end:]


def verdict(data: bytes) -> Seal:
    found = _SEAL.search(data)
    if found is None:
        return Seal.NONE
    start, end = found.span(1)
    blank = data[:start] + _ZEROS + data[end:]
    same = hashlib.sha256(blank).hexdigest().encode() == found.group(1)
    return Seal.INTACT if same else Seal.BROKEN


def subject(data: bytes) -> bytes | None:
    """The raw /Subject token (who the file was made for), as the PDF spells it."""
    found = _SUBJECT.search(data)
    return found.group(1) if found else None
