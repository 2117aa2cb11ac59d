"""Addresses that cannot deceive: the one validator, the readable form printed under a
QR code, and the warnings `check` gives about search pages and dense codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchplan.addresses import check_address, check_link_base, display_host, search_page
from stretchplan.check import check_inputs
from stretchplan.shortlinks import readable_address
from tests.conftest import TODAY, run_subprocess
from tests.test_bad_inputs import BRAND, LIBRARY, workspace

VIDEO = "https://example.com/v/figure-four"
WHERE = "exercises.yaml:7: exercises[0].video: "

# Every way an address could open another site than it seems to, or none a phone can
# reach: (address, what the trainer must read).
BAD_VIDEOS = {
    "user name before @": ("https://www.youtube.com@evil.example/x", 'opens "evil.example"'),
    "user and password": ("https://youtube.com:watch@evil.example/", 'opens "evil.example"'),
    "backslash before @": ("https://evil.example\\@www.youtube.com/", "backslash"),
    "zero-width space in host": ("https://www.you\u200btube.com/watch?v=1", "U+200B"),
    "zero-width joiner in path": ("https://example.com/v/a\u200db", "U+200D"),
    "word joiner": ("https://example.com\u2060/v", "U+2060"),
    "soft hyphen": ("https://exam\u00adple.com/v", "U+00AD"),
    "byte order mark": ("https://example.com/\ufeffv", "U+FEFF"),
    "right-to-left override": ("https://example.com/v/\u202etxt.exe", "U+202E"),
    "left-to-right mark": ("https://\u200eexample.com/v", "U+200E"),
    "Hangul filler": ("https://example.com/\u3164", "U+3164"),
    "Cyrillic o in a Latin host": ("https://www.y\u043eutube.com/watch?v=1", "Cyrillic and Latin"),
    "Greek omicron in a Latin host": ("https://g\u03bfogle.com/", "Greek and Latin"),
    "mixed host as punycode": ("https://xn--ggle-55da.com/", "Cyrillic and Latin"),
    "Cyrillic look-alike of apple": (
        "https://\u0430\u0440\u0440\u04cf\u0435.com/",
        "look like Latin",
    ),
    "Cyrillic look-alike top level": ("https://youtube.\u0441\u043e\u043c/", "look like Latin"),
    "loopback": ("https://127.0.0.1/video", "this computer itself"),
    "loopback, short form": ("http://127.1/video", "this computer itself"),
    "loopback as one number": ("http://2130706433/", "this computer itself"),
    "loopback in hex": ("http://0x7f000001/", "this computer itself"),
    "IPv6 loopback": ("http://[::1]/video", "this computer itself"),
    "IPv4-mapped loopback": ("http://[::ffff:127.0.0.1]/", "this computer itself"),
    "private network": ("https://192.168.1.20/v.mp4", "private network"),
    "private network 10/8": ("https://10.0.0.7:8080/v", "private network"),
    "link-local": ("http://169.254.169.254/latest", "private network"),
    "localhost subdomain": ("https://videos.localhost/v", "your own computer"),
    "mDNS name": ("https://nas.local/v.mp4", "your own computer"),
    "odd numeric form": ("http://1.2.3/", "unusual way of writing"),
    "port out of range": ("https://example.com:70000/", "port 70000"),
    "invalid punycode": ("https://xn--zz.com/", "not a valid site name"),
}


@pytest.mark.parametrize(("url", "expect"), BAD_VIDEOS.values(), ids=BAD_VIDEOS.keys())
def test_deceptive_video_is_refused_by_the_validator(url: str, expect: str) -> None:
    with pytest.raises(ValueError) as caught:
        check_address(url)
    assert expect in str(caught.value)


# The real command line, for a sample of each kind: exit 2, file:line:field, no traceback.
CLI_SAMPLE = (
    "user name before @",
    "zero-width space in host",
    "right-to-left override",
    "Cyrillic o in a Latin host",
    "Cyrillic look-alike of apple",
    "loopback",
    "loopback as one number",
    "IPv6 loopback",
    "private network",
)


@pytest.mark.parametrize("name", CLI_SAMPLE)
def test_deceptive_video_through_the_cli(workdir: Path, name: str) -> None:
    url, expect = BAD_VIDEOS[name]
    workspace(workdir, {"exercises.yaml": LIBRARY.replace(VIDEO, url)})
    for args in (("check",), ("handout", "--name", "Jane", "--program", "relief")):
        result = run_subprocess(*args, cwd=workdir)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert WHERE in result.stderr
        assert expect in " ".join(result.stderr.split())
    assert not (workdir / "handouts").exists()


BAD_BRAND = {
    "links base with a user name": (
        'links: {base: "https://studio.example@evil.example/v/"}\n',
        "templates/brand.yaml:7: links.base: ",
        'opens "evil.example"',
    ),
    "links base on this computer": (
        'links: {base: "http://127.0.0.1/v/"}\n',
        "templates/brand.yaml:7: links.base: ",
        "this computer itself",
    ),
    "links base with a query": (
        'links: {base: "https://studio.example/v?id="}\n',
        "templates/brand.yaml:7: links.base: ",
        'cannot hold "?" or "#"',
    ),
    "links base not a web address": (
        'links: {base: "ftp://studio.example/v/"}\n',
        "templates/brand.yaml:7: links.base: ",
        "starting with https://",
    ),
    "website with a hidden character": (
        "contact: {website: studio\u200b.example}\n",
        "templates/brand.yaml:7: contact.website: ",
        "U+200B",
    ),
    "website with a user name": (
        "contact: {website: www.studio.example@evil.example}\n",
        "templates/brand.yaml:7: contact.website: ",
        'opens "evil.example"',
    ),
    "website on the local network": (
        "contact: {website: http://192.168.0.10}\n",
        "templates/brand.yaml:7: contact.website: ",
        "private network",
    ),
}


@pytest.mark.parametrize(("line", "where", "expect"), BAD_BRAND.values(), ids=BAD_BRAND.keys())
def test_deceptive_brand_address_through_the_cli(
    workdir: Path, line: str, where: str, expect: str
) -> None:
    workspace(workdir, {"templates/brand.yaml": BRAND + line})
    result = run_subprocess("check", cwd=workdir)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert where in result.stderr
    assert expect in " ".join(result.stderr.split())


GOOD = (
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ?t=30",
    "https://vimeo.com/123456789#t=1m",
    "https://example.com:8443/v/1",
    "https://example.com./v",  # the root's dot
    "https://8.8.8.8/clip.mp4",  # a public numeric address deceives nobody
    "https://[2001:4860:4860::8888]/clip",
    "https://bücher.example/übung",
    "https://пример.рф/видео",
    "https://例え.jp/動画",
    "https://xn--bcher-kva.example/v",
    "https://cdn_1.example.com/v",
)


@pytest.mark.parametrize("url", GOOD)
def test_honest_addresses_pass(url: str) -> None:
    assert check_address(url).scheme == "https"


def test_honest_addresses_pass_through_the_cli(workdir: Path) -> None:
    library = LIBRARY.replace(VIDEO, "https://bücher.example/übung?v=1")
    brand = (
        BRAND + 'contact: {website: studio.example}\nlinks: {base: "https://Studio.Example/v"}\n'
    )
    workspace(workdir, {"exercises.yaml": library, "templates/brand.yaml": brand})
    result = run_subprocess("check", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "No problems found." in result.stdout


def test_links_base_is_normalised() -> None:
    assert check_link_base("https://Studio.Example/v") == "https://studio.example/v/"
    assert check_link_base("https://studio.example") == "https://studio.example/"
    assert check_link_base("https://bücher.example/v/") == "https://xn--bcher-kva.example/v/"


@pytest.mark.parametrize(
    ("host", "shown"),
    [
        ("xn--bcher-kva.example", "bücher.example"),  # one script: as the client reads it
        ("xn--e1afmkfd.xn--p1ai", "пример.рф"),
        ("xn--r8jz45g.jp", "例え.jp"),
        ("WWW.Example.COM", "www.example.com"),
        # Could pass for a Latin name: shown as punycode, which nobody mistakes for apple.com
        ("xn--80ak6aa92e.com", "xn--80ak6aa92e.com"),
        ("xn--ggle-55da.com", "xn--ggle-55da.com"),  # mixes Cyrillic and Latin
    ],
)
def test_display_host(host: str, shown: str) -> None:
    assert display_host(host) == shown


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube.com/watch?v=dQw4w9WgXcQ"),
        ("https://studio.example/v/", "studio.example/v/"),
        ("https://example.com/", "example.com"),
        ("http://example.com:80/a", "example.com/a"),
        ("https://example.com:8443/a", "example.com:8443/a"),
        ("https://www.example/a", "www.example/a"),  # "www" is the name itself here
        ("https://vimeo.com/123#t=30s", "vimeo.com/123"),
        ("https://[2001:db8::1]:8443/clip", "[2001:db8::1]:8443/clip"),
        ("https://xn--bcher-kva.example/%C3%BCbung", "bücher.example/übung"),
        ("https://example.com/a%2Fb", "example.com/a%2Fb"),  # a reserved character stays
        ("https://example.com/%E2%80%AEfdp", "example.com/%E2%80%AEfdp"),  # so does a bidi one
        (
            "https://www.youtube.com/results?search_query=leg+swings+warm+up",
            "youtube.com/results…=leg+swings+warm+up",
        ),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG"
            "&index=3",
            "youtube.com/watch?v=dQw4w9WgXcQ…&index=3",
        ),
        (
            "https://videos.example.com/library/2024/hips/supine-figure-four-stretch",
            "videos.example.com/library…-four-stretch",
        ),
    ],
)
def test_readable_address(url: str, shown: str) -> None:
    assert readable_address(url) == shown


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/results?search_query=" + "+".join(["stretch"] * 30),
        "https://example.com/" + "/".join(f"folder-{i}" for i in range(40)),
        "https://example.com/" + "a" * 80,
        "https://a-very-long-subdomain-name.of-a-video-host.example.com/watch/1",
    ],
)
def test_readable_address_is_short_and_cut_between_words(url: str) -> None:
    shown = readable_address(url)
    host = shown.split("/")[0].split("…")[0]
    assert len(shown) <= max(40, len(host) + 2)
    assert shown.count("…") <= 1
    if "…" in shown:
        # What is kept either side of "…" is whole pieces of the address as written.
        head, tail = shown.split("…")
        written = url.split("://", 1)[1].removeprefix("www.")
        assert written.startswith(head)
        assert written.endswith(tail)
        cut = written[len(head) : len(written) - len(tail)]
        assert not tail or not tail[0].isalnum() or not cut[-1:].isalnum()
        assert not head or not head[-1].isalnum() or not cut[:1].isalnum()


def test_readable_address_whole_when_asked() -> None:
    url = "https://studio.example/v/foam-roller-glute-release"
    assert readable_address(url, None) == "studio.example/v/foam-roller-glute-release"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.youtube.com/results?search_query=pigeon+pose", "a YouTube search"),
        ("https://m.youtube.com/results?search_query=x", "a YouTube search"),
        ("https://www.google.com/search?q=hip+stretch", "a Google search"),
        ("https://www.google.co.uk/search?q=hip+stretch&tbm=vid", "a Google search"),
        ("https://www.bing.com/videos/search?q=hip", "a Bing search"),
        ("https://duckduckgo.com/?q=hip+stretch&ia=videos", "a DuckDuckGo search"),
        ("https://vimeo.com/search?q=hip", "a Vimeo search"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", None),
        ("https://vimeo.com/123456", None),
        ("https://studio.example/search-and-rescue", None),
    ],
)
def test_search_page(url: str, kind: str | None) -> None:
    assert search_page(url) == kind


def test_check_warns_about_search_pages(workdir: Path) -> None:
    search = "https://www.google.com/search?q=figure+four+stretch"
    workspace(workdir, {"exercises.yaml": LIBRARY.replace(VIDEO, search)})
    found = check_inputs(None, None, today=TODAY)
    assert found.problems == []
    [warning] = found.warnings
    assert (warning.file, warning.line, warning.field) == (
        "exercises.yaml",
        7,
        "exercises[0].video",
    )
    assert "a Google search, not a video" in warning.message


def test_bundled_library_videos_are_flagged_as_searches() -> None:
    found = check_inputs(None, None, today=TODAY)
    assert found.problems == []
    assert found.warnings
    assert all("a YouTube search, not a video" in w.message for w in found.warnings)


def test_check_warns_when_a_code_is_denser_than_version_5(workdir: Path) -> None:
    dense = "https://example.com/v/" + "x" * 80  # 102 characters: version 6
    workspace(workdir, {"exercises.yaml": LIBRARY.replace(VIDEO, dense)})
    [warning] = check_inputs(None, None, today=TODAY).warnings
    assert warning.line == 7
    assert "needs version 6 (41×41 modules)" in warning.message
    assert "within about 14 cm" in warning.message
    # With short links the code encodes base + id, whatever the video's length.
    brand = BRAND + 'links: {base: "https://studio.example/v/"}\n'
    workspace_file = workdir / "templates" / "brand.yaml"
    workspace_file.write_text(brand, encoding="utf-8")
    assert check_inputs(None, None, today=TODAY).warnings == []


def test_no_dense_warning_up_to_version_5(workdir: Path) -> None:
    fits = "https://example.com/v/" + "x" * 62  # 84 characters: the most version 5 holds
    workspace(workdir, {"exercises.yaml": LIBRARY.replace(VIDEO, fits)})
    assert check_inputs(None, None, today=TODAY).warnings == []


ADDRESS_ALPHABET = "aAz09-._~:/?#[]@!$&'()*+,;=%\\ \u200b\u202e\u043e\u0430ü例xn"


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=ADDRESS_ALPHABET, max_size=60), st.sampled_from(["https://", "http://", ""])
)
def test_any_text_is_an_address_or_a_plain_refusal(rest: str, scheme: str) -> None:
    text = scheme + rest
    try:
        address = check_address(text)
    except ValueError as exc:
        assert str(exc)  # a message to show, never another kind of error
    else:
        assert address.host == address.host.lower()
        assert address.host.isascii()
    shown = readable_address(text)  # whatever reaches it, it prints something
    assert isinstance(shown, str)
    assert len(shown) <= max(41, len(shown.split("/")[0]) + 2)
