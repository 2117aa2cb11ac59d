"""Plan stage: where each QR code points, the address printed under it, and the pages of
the redirect site that `stretchplan links` writes.

Pure: no files, no clock. With the brand's `links: {base: ...}` a code encodes base +
exercise id (short, so its modules are big and it scans from further away, and it keeps
working when the video moves); without it, the video's own address, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from stretchplan.addresses import display_host, invisible_character
from stretchplan.labels import labels_for
from stretchplan.load.brand import Brand
from stretchplan.load.models import Exercise, Library

READABLE_MAX = 40  # characters: two short lines under a handout's QR code
DEFAULT_PATH = "/v/"  # where the redirects answer when the brand names no links base
# A separator and the word after it: the address is shortened only between such pieces.
_PIECE = re.compile(r"[/?&=#.+_~-]?[^/?&=#.+_~-]*")
_DEFAULT_PORTS = {"http": 80, "https": 443}

# Words of the redirect page beyond the handout's labels (to move into labels.py).
WATCH_VIDEO = {
    "en": "Watch the video",
    "es": "Ver el vídeo",
    "fr": "Voir la vidéo",
    "de": "Video ansehen",
}


def qr_target(exercise: Exercise, base: str | None) -> str | None:
    """What the exercise's QR code encodes: base + id with short links, else the video."""
    if not exercise.video:
        return None
    return f"{base}{exercise.id}" if base else exercise.video


def readable_address(url: str, limit: int | None = READABLE_MAX) -> str:
    """Host and path as a client reads them under a QR code: 'youtube.com/watch?v=x'.

    No scheme, no "www.", no fragment; an internationalised host as `display_host`
    shows it; past `limit` characters (None: never) shortened in the middle with "…"
    between whole words.
    """
    try:
        parts = urlsplit(url.strip())
        hostname = parts.hostname or ""
        port = parts.port
    except ValueError:
        return _shortened("", url.strip().split("://", 1)[-1], limit)
    # A numeric IPv6 address keeps its brackets, to stand apart from the port.
    host = f"[{hostname}]" if ":" in hostname else display_host(hostname)
    host = host.removeprefix("www.") if host.count(".") >= 2 else host
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host += f":{port}"
    rest = _readable_path(parts.path) + (f"?{parts.query}" if parts.query else "")
    return _shortened(host, "" if rest == "/" else rest, limit)


def _readable_path(path: str) -> str:
    """%C3%BC shown as ü, where the decoded text is plainly letters; reserved characters
    (%2F, %3F ...) and anything invisible stay encoded."""

    def decode(match: re.Match[str]) -> str:
        try:
            text = unquote(match.group(0), errors="strict")
        except UnicodeDecodeError:
            return match.group(0)
        if all(ch.isalnum() and not ch.isascii() for ch in text) and not invisible_character(text):
            return text
        return match.group(0)

    return re.sub(r"(?:%[0-9A-Fa-f]{2})+", decode, path)


def _shortened(host: str, rest: str, limit: int | None) -> str:
    if limit is None or len(host) + len(rest) <= limit:
        return host + rest
    pieces = [p for p in _PIECE.findall(rest) if p]
    budget = limit - len(host) - 1  # the "…"
    head: list[str] = []
    tail: list[str] = []
    if pieces and len(pieces[0]) <= budget:  # the first folder says what kind of page
        head.append(pieces.pop(0))
        budget -= len(head[0])
    while pieces and len(pieces[-1]) <= budget:  # the end names the video itself
        tail.insert(0, pieces.pop())
        budget -= len(tail[0])
    while pieces and len(pieces[0]) <= budget:  # then what still fits after the start
        head.append(pieces.pop(0))
        budget -= len(head[-1])
    return host + "".join(head) + "…" + "".join(tail)


@dataclass(frozen=True)
class LinkPage:
    """One exercise's page on the redirect site: where it sends the client, and what it
    shows meanwhile (all text as written in the library; the writer escapes it)."""

    id: str
    name: str
    summary: str | None
    steps: tuple[str, ...]
    cautions: tuple[str, ...]
    video: str
    short_link: str | None
    photos: tuple[str, ...]  # absolute paths, as the library loaded them


@dataclass(frozen=True)
class LinkSite:
    """Everything `stretchplan links` writes, whatever the format."""

    base: str | None  # the brand's links base; None when it has none
    path: str  # the path the short links answer at on the web server: "/v/"
    pages: tuple[LinkPage, ...]
    without_video: tuple[str, ...]  # exercise ids that get no link
    language: str
    business: str
    primary: str  # the brand's colour, for the page's button
    watch_label: str
    steps_label: str
    cautions_label: str
    consult: str
    suggested_base: str  # what to put in brand.yaml when it has no links base


def link_site(library: Library, brand: Brand) -> LinkSite:
    """The redirect site for every exercise of the library that has a video."""
    base = brand.links.base if brand.links else None
    labels = labels_for(brand.language)
    pages = tuple(
        LinkPage(
            id=e.id,
            # The pages are in the brand's language, else the file's first (one site for all).
            name=e.name.in_or_first(brand.language),
            summary=e.summary.in_or_first(brand.language) if e.summary else None,
            steps=tuple(step.in_or_first(brand.language) for step in e.steps),
            cautions=tuple(c.in_or_first(brand.language) for c in e.cautions),
            video=e.video,
            short_link=qr_target(e, base),
            photos=tuple(e.images),
        )
        for e in library.exercises
        if e.video
    )
    site = (brand.contact.website or "").strip()
    if site:
        site = site if "://" in site else f"https://{site}"
        suggested = site.rstrip("/") + DEFAULT_PATH
    else:
        suggested = f"https://YOUR-WEBSITE{DEFAULT_PATH}"
    return LinkSite(
        base=base,
        path=urlsplit(base).path if base else DEFAULT_PATH,
        pages=pages,
        without_video=tuple(e.id for e in library.exercises if not e.video),
        language=brand.language,
        business=brand.business.name,
        primary=brand.colors.primary,
        watch_label=WATCH_VIDEO.get(brand.language, WATCH_VIDEO["en"]),
        steps_label=labels.steps,
        cautions_label=labels.cautions,
        consult=labels.consult,
        suggested_base=suggested,
    )
