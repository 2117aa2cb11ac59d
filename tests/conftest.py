"""Shared fixtures: run the CLI, read PDFs back (text, QR codes, fonts)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cli
from stretchplan import pipeline
from stretchplan.api import Workspace, open_workspace
from stretchplan.batch import BatchChoices, BatchResult
from stretchplan.batch import run_batch as _run_batch
from stretchplan.load.models import Client
from stretchplan.plan import Options, Plan
from stretchplan.render.renderer import Renderer
from tests.cups_server import cupsd  # noqa: F401  (fixture: a private CUPS scheduler)

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 3, 14)


@pytest.fixture(scope="session", autouse=True)
def image_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Prepared photos go to a throwaway cache, never the developer's ~/.cache."""
    folder = tmp_path_factory.mktemp("image-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STRETCHPLAN_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def phone_photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Six 12 MP phone-like photos (JPEG, EXIF-rotated JPEG, PNG with alpha, HEIC), made once."""
    from tests.photo_factory import write_phone_photos

    return write_phone_photos(tmp_path_factory.mktemp("phone-photos"))


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder, so the bundled library and templates are used."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def run() -> Callable[..., object]:
    """Invoke the Typer app in-process; returns click's Result."""
    runner = CliRunner()

    def invoke(*args: str) -> object:
        return runner.invoke(cli.app, [str(a) for a in args], catch_exceptions=False)

    return invoke


def run_subprocess(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `python cli.py ...` for real: exit codes and tracebacks as a user sees them."""
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# One Renderer for the tests that render plans directly, as one Workspace would.
RENDERER = Renderer()


def render_handout(plan: Plan) -> bytes:
    return RENDERER.handout(plan)


def render_class_sheet(plan: Plan) -> bytes:
    return RENDERER.class_sheet(plan)


def run_batch(
    roster: Path, choices: BatchChoices, library: Path | None = None, brand: Path | None = None
) -> BatchResult:
    """A batch in a workspace of its own, as `stretchplan batch` runs it."""
    with open_workspace(library, brand) as ws:
        return _run_batch(roster, choices, ws.inputs, ws.renderer)


def workspace(library: Path | None = None, brand: Path | None = None) -> Workspace:
    return open_workspace(
        library or ROOT / "exercises.yaml", brand or ROOT / "templates" / "brand.yaml"
    )


def make_plan(
    name: str = "Jane Doe",
    program: str = "piriformis-relief",
    *,
    options: Options | None = None,
    library: Path | None = None,
    brand: Path | None = None,
    **client: object,
) -> Plan:
    inputs = pipeline.load_inputs(
        library or ROOT / "exercises.yaml", brand or ROOT / "templates" / "brand.yaml"
    )
    return pipeline.plan_for(
        inputs, Client(name=name, program=program, **client), options or Options(today=TODAY)
    )


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def flat(text: str) -> str:
    """Text with all runs of white space folded, for searching across line breaks."""
    return " ".join(text.split())


def decode_qr_codes(data: bytes, dpi: int = 150) -> list[str]:
    """Rasterise every page at `dpi` and decode every QR code with zxing-cpp."""
    import pypdfium2 as pdfium
    import zxingcpp

    found: list[str] = []
    pdf = pdfium.PdfDocument(data)
    try:
        for page in pdf:
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            found += [
                r.text
                for r in zxingcpp.read_barcodes(image)
                if r.format == zxingcpp.BarcodeFormat.QRCode
            ]
    finally:
        pdf.close()
    return found


def unembedded_fonts(data: bytes) -> list[str]:
    """Fonts a PDF uses without embedding them (a printer would substitute them)."""
    from pypdf import PdfReader

    missing = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(str(font["/BaseFont"]))
    return missing
