"""Web addresses that cannot deceive a client, and how their hosts are shown.

Every address a handout prints or encodes (an exercise's video, the brand's links base,
its website) passes `check_address`, the one rule book: http(s) only, a real public host,
nothing hidden (no user name before "@", no invisible or direction-changing characters)
and no host made of look-alike letters from two scripts. `display_host` gives a host in a
form a client can read and compare with what their browser shows.

Pure: no files, no network. The models (load) validate with it; plan and check read it.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import idna

MAX_URL = 300  # longer URLs make QR codes too dense to scan at 2-3 cm

# Characters that show as nothing, or change the order in which the rest is read.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_BLANK_LETTERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0")
_VARIATION = ((0x180B, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF))

# Names that always mean a computer of one's own or its local network (RFC 6761, 6762,
# 8375, and the common private suffixes): a client's phone cannot reach them.
_LOCAL_NAMES = ("localhost",)
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa", ".lan")

# Scripts a host label may be written in. Anything else counts as a script of its own.
_SCRIPTS = (
    *("Latin", "Greek", "Cyrillic", "Armenian", "Hebrew", "Arabic", "Georgian", "Ethiopic"),
    *("Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada"),
    *("Malayalam", "Sinhala", "Thai", "Lao", "Tibetan", "Myanmar", "Khmer", "Mongolian"),
    *("Hangul", "Hiragana", "Katakana", "Bopomofo", "Han"),
)
_LATIN = frozenset({"Latin"})
# Mixes that are one writing system (Unicode TS #39, "highly restrictive").
_ONE_SYSTEM = (
    frozenset({"Latin", "Han", "Hiragana", "Katakana"}),
    frozenset({"Latin", "Han", "Bopomofo"}),
    frozenset({"Latin", "Han", "Hangul"}),
)
# Letters of other scripts that look like Latin ones: a label made only of these, in a
# host that is otherwise Latin, reads as a Latin name it is not ("аррӏе" for "apple").
_LOOKS_LATIN = {
    "Cyrillic": frozenset("аbсԁеһіјӏорԛѕԝхуъьҽпгѵѡкмнтвзԍ"),
    "Greek": frozenset("αικνορτυχ"),
    "Armenian": frozenset("օսհցոզ"),
}


@dataclass(frozen=True)
class Address:
    """A checked address: scheme, host in ASCII (punycode), port, and the rest as written."""

    scheme: str
    host: str
    port: int | None
    rest: str  # path, query and fragment, as written

    @property
    def url(self) -> str:
        port = f":{self.port}" if self.port is not None else ""
        return f"{self.scheme}://{self.host}{port}{self.rest}"


def invisible_character(text: str) -> str | None:
    """The first character of `text` that prints as nothing or reorders what follows."""
    for ch in text:
        code = ord(ch)
        if (
            unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn", "Cs")
            or ch in _BLANK_LETTERS
            or any(lo <= code <= hi for lo, hi in _VARIATION)
        ):
            return ch
    return None


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, 'unnamed character')})"


def check_address(text: str) -> Address:
    """`text` as a checked http(s) address, or ValueError saying plainly what is wrong."""
    if re.search(r"\s", text):
        raise ValueError("a web address cannot contain spaces")
    if (ch := invisible_character(text)) is not None:
        what = "changes the direction text reads in" if ch in BIDI_CONTROLS else "prints as nothing"
        raise ValueError(
            f"contains the invisible character {_describe(ch)}, which {what} and can hide "
            "where the address really goes; type the address again, or copy it from the "
            "browser's address bar"
        )
    m = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", text)
    scheme = m.group(1).lower() if m else ""
    if scheme not in ("http", "https"):
        shown = f'"{scheme}:" addresses' if scheme else "addresses without http:// or https://"
        raise ValueError(f"expected a web address starting with https://; {shown} are not allowed")
    if "\\" in text:
        raise ValueError(
            "contains a backslash (\\): browsers read it as /, so the address would open "
            "another page than it seems to; web addresses use /"
        )
    parts = re.match(r"^https?://([^/?#]*)(.*)$", text, re.IGNORECASE | re.DOTALL)
    if parts is None or not parts.group(1):
        raise ValueError("expected a web address with a host name, like https://example.com/video")
    authority, rest = parts.group(1), parts.group(2)
    if "@" in authority:
        user, _, real = authority.rpartition("@")
        raise ValueError(
            f'has "{user}@" before the site\'s name: a browser skips that part and opens '
            f'"{real}", not "{user}"; delete everything from "//" up to and including "@"'
        )
    host, port = _split_port(authority)
    if len(text) > MAX_URL:
        raise ValueError(
            f"the address is {len(text)} characters; at most {MAX_URL} fit a QR code that "
            "still scans when printed small (use a link shortener)"
        )
    return Address(scheme, _checked_host(host), port, rest)


def check_link_base(text: str) -> str:
    """The brand's links base, checked and normalised: https://studio.example/v/ (host in
    ASCII, ending in "/"), so base + exercise id is the short link."""
    address = check_address(text)
    path = address.rest or "/"
    if "?" in path or "#" in path:
        raise ValueError(
            "the links base is a folder of your website, like https://studio.example/v/; "
            'it cannot hold "?" or "#"'
        )
    if not re.fullmatch(r"[A-Za-z0-9._~/-]*", path) or "//" in path or "/./" in path + "/":
        raise ValueError(
            "the links base should be a plain folder of your website, like "
            "https://studio.example/v/ (letters, digits, '-', '_' and '/' only)"
        )
    if "/../" in path + "/":
        raise ValueError("the links base cannot go up a folder with /../")
    return Address(address.scheme, address.host, address.port, path.rstrip("/") + "/").url


def check_website(text: str) -> str:
    """The brand's website as written ("studio.example" or with https://), checked."""
    check_address(text if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text) else f"https://{text}")
    return text


def _split_port(authority: str) -> tuple[str, int | None]:
    m = re.match(r"^(\[[^\]]*\]|[^:]*)(?::(\d*))?$", authority)
    if m is None:
        raise ValueError(f'"{authority}" is not a site name with an optional :port')
    port = m.group(2)
    if port is None or port == "":
        return m.group(1), None
    if not 0 < int(port) < 65536:
        raise ValueError(f"port {port} does not exist; ports go from 1 to 65535")
    return m.group(1), int(port)


def _checked_host(host: str) -> str:
    """The host in lower-case ASCII; refused when it is private, malformed or deceptive."""
    if host.startswith("["):
        _refuse_private(_ip(host[1:-1], host), host)
        return host.lower()
    name = host.lower().removesuffix(".")  # "example.com." is example.com
    numeric = _ipv4(name)
    if numeric is not None:
        _refuse_private(numeric, host)
        if name != str(numeric):
            raise ValueError(
                f'"{host}" is an unusual way of writing the numeric address {numeric}, '
                f"which browsers open; write {numeric} if that is what you mean"
            )
        return name
    if name in _LOCAL_NAMES or name.endswith(_LOCAL_SUFFIXES):
        raise ValueError(
            f'"{host}" is a name for your own computer or local network: a client\'s phone '
            "cannot open it; use the public address instead"
        )
    labels = name.split(".")
    if len(labels) < 2 or not all(labels):
        raise ValueError("expected a web address with a host name, like https://example.com/video")
    ascii_labels = [_ascii_label(label, host) for label in labels]
    _refuse_look_alikes([_unicode_label(label) for label in ascii_labels])
    return ".".join(ascii_labels)


def _ip(text: str, shown: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    try:
        address = ipaddress.IPv6Address(text)
    except ValueError:
        raise ValueError(f'"{shown}" is not a valid numeric address') from None
    return address.ipv4_mapped or address


def _ipv4(name: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address a browser reads `name` as (127.1, 0x7f.0.0.1, 2130706433 ...),
    or None when it is a name. As in the WHATWG URL standard: a host whose last label is
    a number is numeric, and must then be a valid one."""
    labels = name.split(".")
    if not re.fullmatch(r"0[xX][0-9a-fA-F]*|\d+", labels[-1]):
        return None
    numbers = []
    for label in labels:
        if re.fullmatch(r"0[xX][0-9a-fA-F]*", label):
            numbers.append(int(label[2:] or "0", 16))
        elif re.fullmatch(r"0[0-7]+", label):
            numbers.append(int(label, 8))
        elif re.fullmatch(r"\d+", label):
            numbers.append(int(label))
        else:
            raise ValueError(f'"{name}" is neither a site name nor a valid numeric address')
    if len(numbers) > 4 or any(n > 255 for n in numbers[:-1]):
        raise ValueError(f'"{name}" is not a valid numeric address')
    value = numbers[-1]
    if value >= 256 ** (5 - len(numbers)):
        raise ValueError(f'"{name}" is not a valid numeric address')
    for i, n in enumerate(numbers[:-1]):
        value += n * 256 ** (3 - i)
    return ipaddress.IPv4Address(value)


def _refuse_private(address: ipaddress.IPv4Address | ipaddress.IPv6Address, shown: str) -> None:
    if address.is_global and not address.is_multicast:
        return
    where = "this computer itself" if address.is_loopback else "a computer on a private network"
    raise ValueError(
        f'"{shown}" is the numeric address of {where}: a client\'s phone cannot open it; '
        "use the public address instead"
    )


def _ascii_label(label: str, host: str) -> str:
    try:
        if label.isascii() and not label.startswith("xn--"):
            if not re.fullmatch(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?", label):
                raise idna.IDNAError(label)
            return label
        ascii_label = idna.encode(label, uts46=True).decode("ascii")
        idna.decode(ascii_label)  # a punycode label must decode to a valid name
    except (idna.IDNAError, UnicodeError):
        raise ValueError(
            f'"{host}" is not a valid site name (at "{label}"); copy the address from the '
            "browser's address bar"
        ) from None
    return ascii_label


def _unicode_label(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return str(idna.decode(label))
    except (idna.IDNAError, UnicodeError):
        return label


def scripts_of(label: str) -> frozenset[str]:
    """The scripts the letters of `label` belong to (digits and '-' belong to none)."""
    if label.isascii():  # the common case, and cheap: every handout shows a few hosts
        return _LATIN if any(ch.isalpha() for ch in label) else frozenset()
    neutral, scripts = _script_patterns()
    found = set()
    for ch in label:
        if neutral.match(ch):
            continue
        found.add(next((name for name, rx in scripts.items() if rx.match(ch)), "other"))
    return frozenset(found)


@functools.cache
def _script_patterns() -> tuple[Any, dict[str, Any]]:
    """Unicode script tests, compiled the first time a host is not plain ASCII."""
    import regex  # the re module knows no scripts; most runs never need them

    neutral = regex.compile(r"[\p{Script=Common}\p{Script=Inherited}]")
    return neutral, {name: regex.compile(rf"\p{{Script={name}}}") for name in _SCRIPTS}


def _one_system(scripts: frozenset[str]) -> bool:
    return len(scripts) <= 1 or any(scripts <= allowed for allowed in _ONE_SYSTEM)


def _looks_latin(label: str) -> bool:
    scripts = scripts_of(label)
    if len(scripts) != 1:
        return False
    look_alikes = _LOOKS_LATIN.get(next(iter(scripts)))
    letters = [ch for ch in label if ch.isalpha()]
    return look_alikes is not None and all(ch in look_alikes for ch in letters)


def _refuse_look_alikes(labels: list[str]) -> None:
    for label in labels:
        scripts = scripts_of(label)
        if not _one_system(scripts):
            names = " and ".join(sorted(scripts))
            raise ValueError(
                f'the site name "{label}" mixes {names} letters, the trick of look-alike '
                "addresses (a Cyrillic о looks just like a Latin o); type the address again "
                "by hand"
            )
    latin = [label for label in labels if scripts_of(label) == {"Latin"}]
    for label in labels:
        if latin and _looks_latin(label):
            raise ValueError(
                f'the site name "{label}" is written in {next(iter(scripts_of(label)))} '
                f'letters that look like Latin ones, beside the Latin "{latin[0]}": a '
                "look-alike of another site; type the address again by hand"
            )


def display_host(host: str) -> str:
    """The host as a client should read it: Unicode when every label is plainly one
    writing system and could not pass for a Latin name, punycode (xn--) otherwise."""
    labels = host.lower().rstrip(".").split(".")
    shown = [_unicode_label(label) for label in labels]
    latin = any(scripts_of(label) == {"Latin"} for label in shown)
    for label in shown:
        letters_ok = all(unicodedata.category(ch)[0] in "LMN" or ch in "-_" for ch in label)
        if (
            not letters_ok
            or not _one_system(scripts_of(label))
            or (latin and _looks_latin(label))
            or invisible_character(label)
        ):
            return ".".join(labels)
    return ".".join(shown)


# Search pages by host suffix: a function of the rest of the address that says whether
# it is a search, and what to call it.
_SEARCHES: tuple[tuple[str, str, str], ...] = (
    ("youtube.com", r"/results\b|/search\b|/hashtag/", "a YouTube search"),
    ("google.", r"/search\b|/url\b|/webhp\b|/?\?(.*&)?q=|/?#(.*&)?q=", "a Google search"),
    ("bing.com", r"/search\b|/videos/search\b|/videos/riverview\b", "a Bing search"),
    ("duckduckgo.com", r"/?\?(.*&)?q=|/html\b|/lite\b", "a DuckDuckGo search"),
    ("search.yahoo.com", r"", "a Yahoo search"),
    ("yandex.", r"/search\b|/video/search\b", "a Yandex search"),
    ("baidu.com", r"/s\b", "a Baidu search"),
    ("ecosia.org", r"/search\b", "an Ecosia search"),
    ("search.brave.com", r"", "a Brave search"),
    ("startpage.com", r"", "a Startpage search"),
    ("vimeo.com", r"/search\b", "a Vimeo search"),
    ("tiktok.com", r"/search\b|/tag/", "a TikTok search"),
)


def search_page(url: str) -> str | None:
    """'a YouTube search' when `url` is a page of search results rather than one video."""
    m = re.match(r"^https?://([^/?#:]*)(?::\d+)?(.*)$", url.strip(), re.IGNORECASE | re.DOTALL)
    if m is None:
        return None
    host, rest = m.group(1).lower().rstrip("."), m.group(2)
    for suffix, pattern, name in _SEARCHES:
        if suffix.endswith("."):
            labels = host.split(".")
            matches = any(
                ".".join(labels[i:]).startswith(suffix) and len(labels) - i <= 3
                for i in range(len(labels))
            )
        else:
            matches = host == suffix or host.endswith("." + suffix)
        if matches and (not pattern or re.match(pattern, rest, re.IGNORECASE)):
            return name
    return None
