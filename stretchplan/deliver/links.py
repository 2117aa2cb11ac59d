"""Deliver stage: the files a trainer uploads so printed short links open their videos.

`html` is a folder per exercise whose index.html redirects (any static host, no server
code); `netlify`, `nginx`, `apache` and `csv` are one redirect list in that server's
terms. Every file goes through deliver.files (atomic), and a file is only replaced when
this command made it and nobody changed it since (a manifest in the folder keeps the
fingerprints of what it wrote), unless `force`.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from stretchplan.deliver.files import write_atomic
from stretchplan.errors import Problem, UserError
from stretchplan.shortlinks import LinkPage, LinkSite, readable_address

FORMATS = ("html", "netlify", "nginx", "apache", "csv")
MANIFEST = ".stretchplan-links.json"
MAX_MANIFEST = 4 * 1024 * 1024
PHOTO_PIXELS = 800  # the longer side of a page's picture: sharp on a phone, ~100 KB
STATUS = 302  # temporary: browsers must not remember it, so a new video is picked up

_FILE_NAMES = {
    "netlify": "_redirects",
    "nginx": "stretchplan-links.conf",
    "apache": ".htaccess",
    "csv": "links.csv",
}


@dataclass(frozen=True)
class Picture:
    """A picture for an exercise's page: its file name beside index.html, and its bytes."""

    name: str
    data: bytes
    width: int
    height: int


# Hook for pose figures: a function that draws an exercise's figures (when it has no
# photo) as a picture for its page, or None. Pass one to `write_links` once render can
# draw figures; until then pages of exercises without photos show no picture.
FigureDrawer = Callable[[LinkPage], Picture | None]


@dataclass
class LinksResult:
    folder: Path
    format: str
    site: LinkSite
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # made by an earlier export, not this one

    def lines(self) -> list[str]:
        """What to tell the trainer: what was written and what to do with it."""
        site = self.site
        count = len(site.pages)
        files = len(self.written)
        made = (
            f"{files} file{'' if files == 1 else 's'} written, "
            f"{len(self.unchanged)} already up to date"
        )
        if self.format == "html":
            out = [f"Made a page for each of {count} exercises in {self.folder} ({made})."]
            where = site.base or site.suggested_base
            out.append(
                f"Upload the contents of {self.folder} to {where} so that {where}ID opens "
                "each exercise's video."
            )
        else:
            target = self.folder / _FILE_NAMES[self.format]
            out = [f"Wrote {target}: {count} short links ({made})."]
            out.append(_INSTALL[self.format].format(path=site.path))
        if self.kept:
            out.append(
                f"Kept {len(self.kept)} file{'' if len(self.kept) == 1 else 's'} of an earlier "
                "export (exercises no longer in the library or without a video), so handouts "
                f"printed before still work: {', '.join(self.kept)}."
            )
        if site.without_video:
            shown = ", ".join(site.without_video)
            out.append(f"No link for exercises without a video: {shown}.")
        if site.base is None:
            out.append(
                "note: brand.yaml has no links base, so handouts still print each video's "
                "own address. To print short links instead, add to brand.yaml:\n"
                f'  links: {{base: "{site.suggested_base}"}}\n'
                "(your website and the folder these links answer at)."
            )
        return out


_INSTALL = {
    "netlify": "Put _redirects at the top of your site's publish folder and deploy; the links "
    "answer at {path}ID.",
    "nginx": "Include it inside your site's server {{ }} block (include /path/to/"
    "stretchplan-links.conf;) and reload nginx; the links answer at {path}ID.",
    "apache": "Add these lines to the .htaccess at the top of your site (needs mod_alias, on "
    "by default); the links answer at {path}ID.",
    "csv": "Import it into your link shortener: each short link ends in the id.",
}


def write_links(
    folder: Path,
    site: LinkSite,
    fmt: str,
    force: bool = False,
    draw_figure: FigureDrawer | None = None,
) -> LinksResult:
    """Write the redirects for `site` into `folder` in format `fmt` (one of FORMATS)."""
    if folder.exists() and not folder.is_dir():
        raise UserError(Problem("is a file; give a folder to write the links into", str(folder)))
    if fmt == "html":
        files = {}
        for page in site.pages:
            pictures = _pictures(page, draw_figure)
            files[f"{page.id}/index.html"] = page_html(page, site, pictures).encode("utf-8")
            files.update({f"{page.id}/{p.name}": p.data for p in pictures})
    else:
        files = {_FILE_NAMES[fmt]: _LISTS[fmt](site).encode("utf-8")}
    result = LinksResult(folder, fmt, site)
    known = _read_manifest(folder)
    problems = []
    for name, data in files.items():
        path = folder / name
        if path.is_dir():
            problems.append(Problem("is a folder; move it away or choose another DIR", str(path)))
        elif path.exists():
            current = _fingerprint_of(path)
            if current == _fingerprint(data):
                result.unchanged.append(path)
            elif not force and current not in known.get(name, []):
                problems.append(Problem(_not_ours(name in known), str(path)))
    if problems:
        raise UserError(problems)
    todo = {name: data for name, data in files.items() if folder / name not in result.unchanged}
    new = {name: _fingerprint(data) for name, data in files.items()}
    try:
        # Fingerprints first: a crash midway leaves every file recognisable as ours.
        _write_manifest(
            folder, {**known, **{n: sorted({*known.get(n, []), p}) for n, p in new.items()}}
        )
        for name, data in todo.items():
            write_atomic(folder / name, data)
            result.written.append(folder / name)
        _write_manifest(folder, {**known, **{name: [prints] for name, prints in new.items()}})
    except OSError as exc:
        where = exc.filename if isinstance(exc.filename, str) else str(folder)
        raise UserError(Problem(f"cannot write here: {exc.strerror or exc}", where)) from None
    result.kept = sorted(
        name
        for name in known
        if name not in files and _kind(name) == fmt and (folder / name).is_file()
    )
    return result


def _kind(name: str) -> str:
    """The format a file of the manifest belongs to."""
    return next((fmt for fmt, file in _FILE_NAMES.items() if file == name), "html")


def _not_ours(made_here: bool) -> str:
    if made_here:
        return (
            "was changed since `stretchplan links` wrote it; keep a copy of your changes "
            "and add --force to replace it"
        )
    return (
        "already exists and was not made by `stretchplan links`; choose another folder "
        "or add --force to replace it"
    )


def _fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fingerprint_of(path: Path) -> str | None:
    try:
        if not path.is_file():
            return None
        with path.open("rb") as fh:
            digest = hashlib.sha256()
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def _read_manifest(folder: Path) -> dict[str, list[str]]:
    path = folder / MANIFEST
    try:
        if not path.is_file():
            return {}
        with path.open("rb") as fh:
            data = json.loads(fh.read(MAX_MANIFEST + 1)[:MAX_MANIFEST])
    except (OSError, ValueError):
        return {}  # unreadable: nothing counts as ours, so nothing is replaced silently
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {
        str(name): [p for p in prints if isinstance(p, str)]
        for name, prints in files.items()
        if isinstance(prints, list)
    }


def _write_manifest(folder: Path, files: dict[str, list[str]]) -> None:
    body = {
        "made_by": "stretchplan links",
        "about": "sha256 of each file this command wrote; it replaces only those unchanged",
        "files": dict(sorted(files.items())),
    }
    write_atomic(folder / MANIFEST, (json.dumps(body, indent=1) + "\n").encode("utf-8"))


def _pictures(page: LinkPage, draw_figure: FigureDrawer | None) -> list[Picture]:
    if page.photos:
        return [_small_photo(photo, i) for i, photo in enumerate(page.photos, start=1)]
    figure = draw_figure(page) if draw_figure else None
    return [figure] if figure else []


def _small_photo(path: str, number: int) -> Picture:
    """A small, upright JPEG copy without the camera's metadata (no GPS on the web)."""
    from PIL import Image, ImageOps

    from stretchplan.media.probe import UnusableImageError, open_image

    try:
        with open_image(path) as opened:
            image = ImageOps.exif_transpose(opened)
            image.thumbnail((PHOTO_PIXELS, PHOTO_PIXELS))
            if image.mode != "RGB":
                flat = Image.new("RGB", image.size, "white")
                rgba = image.convert("RGBA")
                flat.paste(rgba, mask=rgba.getchannel("A"))
                image = flat
            out = io.BytesIO()
            image.save(out, "JPEG", quality=82, optimize=True)
    except (UnusableImageError, OSError) as exc:
        raise UserError(Problem(f"photo cannot be used: {exc}", path)) from None
    return Picture(f"photo-{number}.jpg", out.getvalue(), image.width, image.height)


_STYLE = """\
body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
color:#1d1d1d;background:#fff}
main{max-width:34rem;margin:0 auto;padding:1.2rem 1rem 2rem}
.brand{margin:0;color:#4a4a4a;font-size:.9rem}
h1{margin:.2rem 0 1rem;font-size:1.6rem;line-height:1.2}
h2{margin:1.4rem 0 .4rem;font-size:1.15rem}
.go{display:block;margin:0 0 .3rem;padding:.9rem 1rem;border-radius:.5rem;background:var(--brand);\
color:#fff;font-weight:700;text-align:center;text-decoration:none}
.address{margin:0 0 1rem;color:#4a4a4a;font-size:.85rem;text-align:center;\
overflow-wrap:anywhere}
img{display:block;max-width:100%;height:auto;margin:.6rem 0;border-radius:.4rem}
li{margin:.25rem 0}
.consult{margin-top:1.6rem;color:#4a4a4a;font-size:.85rem}
"""


def page_html(page: LinkPage, site: LinkSite, pictures: list[Picture]) -> str:
    """An exercise's page: straight on to the video, showing the exercise meanwhile.

    Every text from the library is escaped; the refresh target is quoted inside the
    attribute so no character of the address can end it early.
    """

    def esc(text: str) -> str:
        return html.escape(text, quote=True)

    target = _refresh_url(page.video)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(site.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="stretchplan links">',
        '<meta name="robots" content="noindex">',
        f'<meta http-equiv="refresh" content="0; url=\'{esc(target)}\'">',
        f"<title>{esc(page.name)} · {esc(site.business)}</title>",
        f"<style>\n:root{{--brand:{esc(site.primary)}}}\n{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f'<p class="brand">{esc(site.business)}</p>',
        f"<h1>{esc(page.name)}</h1>",
        f'<a class="go" href="{esc(page.video)}">{esc(site.watch_label)}</a>',
        f'<p class="address">{esc(readable_address(page.video))}</p>',
    ]
    parts += [
        f'<img src="{esc(p.name)}" width="{p.width}" height="{p.height}" alt="{esc(page.name)}">'
        for p in pictures
    ]
    if page.summary:
        parts.append(f"<p>{esc(page.summary)}</p>")
    parts.append(f"<h2>{esc(site.steps_label)}</h2>")
    parts.append("<ol>" + "".join(f"<li>{esc(step)}</li>" for step in page.steps) + "</ol>")
    if page.cautions:
        parts.append(f"<h2>{esc(site.cautions_label)}</h2>")
        parts.append("<ul>" + "".join(f"<li>{esc(c)}</li>" for c in page.cautions) + "</ul>")
    parts += [f'<p class="consult">{esc(site.consult)}</p>', "</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _refresh_url(url: str) -> str:
    """The address as a refresh target: a quote would end the quoted URL, so it is
    percent-encoded (the same address to a web server)."""
    return url.replace("'", "%27").replace('"', "%22")


def _server_safe(url: str) -> str:
    """The address inside a quoted server-config string: characters the config language
    would read ($ variables, quotes, backslashes) percent-encoded."""
    return re.sub(r'[$"\\\']', lambda m: f"%{ord(m.group(0)):02X}", url)


def _header(site: LinkSite, comment: str) -> str:
    return (
        f"{comment} Short links for {site.business}'s handouts, made by `stretchplan links`.\n"
        f"{comment} Export again after changing a video: printed handouts follow it.\n"
    )


def netlify_redirects(site: LinkSite) -> str:
    lines = [_header(site, "#")]
    lines += [f"{site.path}{p.id}  {p.video}  {STATUS}\n" for p in site.pages]
    return "".join(lines)


def nginx_include(site: LinkSite) -> str:
    lines = [_header(site, "#"), "# Include inside your site's server { } block.\n"]
    for p in site.pages:
        target = _server_safe(p.video)
        for path in (f"{site.path}{p.id}", f"{site.path}{p.id}/"):
            lines.append(f'location = {path} {{ return {STATUS} "{target}"; }}\n')
    return "".join(lines)


def apache_htaccess(site: LinkSite) -> str:
    lines = [_header(site, "#")]
    lines += [
        f'Redirect {STATUS} {site.path}{p.id} "{_server_safe(p.video)}"\n' for p in site.pages
    ]
    return "".join(lines)


def links_csv(site: LinkSite) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "url"])
    writer.writerows([p.id, p.video] for p in site.pages)
    return out.getvalue()


_LISTS: dict[str, Callable[[LinkSite], str]] = {
    "netlify": netlify_redirects,
    "nginx": nginx_include,
    "apache": apache_htaccess,
    "csv": links_csv,
}
