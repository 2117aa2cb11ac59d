"""Studio face: the web app, a page and a small JSON API over one Workspace.

    GET  /                 the page (Jinja2, autoescaped)
    GET  /static/...       the page's CSS and script, from this package's static/ only
    GET  /api/programs     [{"id", "title", "mode", "exercises": [ids]}]
    GET  /api/exercises    [{"id", "name", "kind"}]
    POST /api/plan         what the handout would hold (title, exercises with dosage)
    POST /api/handout      application/pdf, the command line's bytes for the same inputs
    POST /api/preview      image/png of one page (body: the same plus "page")
    GET  /api/printers     {"printers": [{"name", "state", "message", "default"}], "problem"}
    POST /api/print        the handout (body: the same plus "printer", "copies"), or a
                           batch's combined file ({"batch": id, ...}), sent to CUPS
    GET  /api/library      programs and exercises as cards; GET /api/pictures/ID their pictures
    GET  /api/logo         the brand's logo, small (404 when the brand has none)
    POST /api/batch        a roster upload ({"roster": {"filename", "text" | "base64"}, ...})
    GET  /api/batch/ID     its progress and results; .../combined and .../zip its files

Bad input is 422 {"problems": [{"file", "line", "field", "message"}]}. The engine is
called in a worker thread, one document at a time: the workspace's renderer keeps
photos and cards between documents and is not shared between threads (a batch gets a
renderer of its own). Files the studio makes live in one temporary folder of its own,
removed by close().
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from stretchplan.api import Document, Workspace
from stretchplan.errors import InvalidInput, Problem
from stretchplan.plan import Plan
from stretchplan.studio import printing
from stretchplan.studio.batches import MAX_UPLOAD, Batches, parse_batch_request, status_json
from stretchplan.studio.form import MAX_TRACKER_WEEKS, HandoutRequest, parse_request, problems_json
from stretchplan.studio.guard import Guard
from stretchplan.studio.library import Library

HERE = Path(__file__).parent
MAX_BODY = 64 * 1024  # a handout request: a name, a few ids and notes
PREVIEW_DPI = 100
LANGUAGE_NAMES = {
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "de": "Deutsch",
    "it": "Italiano",
    "pt": "Português",
}


def create_app(
    workspace: Workspace,
    token: str,
    *,
    hosts: Iterable[str] = ("127.0.0.1:8000", "localhost:8000"),
    max_body: int = MAX_BODY,
) -> Starlette:
    """The studio over `workspace`. `hosts` are the Host headers it answers to
    (host:port, as the browser sends them); `token` is this run's secret, put in the
    page and required back on the page's requests. Call `app.state.close()` when done
    with it: that removes the files it made."""
    studio = _Studio(workspace, token)
    routes = [
        Route("/", studio.page, methods=["GET"]),
        Route("/api/programs", studio.programs, methods=["GET"]),
        Route("/api/exercises", studio.exercises, methods=["GET"]),
        Route("/api/plan", studio.plan, methods=["POST"]),
        Route("/api/handout", studio.handout, methods=["POST"]),
        Route("/api/preview", studio.preview, methods=["POST"]),
        Route("/api/printers", studio.printers, methods=["GET"]),
        Route("/api/print", studio.print, methods=["POST"]),
        Route("/api/library", studio.library_cards, methods=["GET"]),
        Route("/api/pictures/{exercise}", studio.picture, methods=["GET"]),
        Route("/api/logo", studio.logo, methods=["GET"]),
        Route("/api/batch", studio.start_batch, methods=["POST"]),
        Route("/api/batch/{run}", studio.batch_status, methods=["GET"]),
        Route("/api/batch/{run}/{part:str}", studio.batch_file, methods=["GET"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes)
    limits = {"/api/batch": MAX_UPLOAD}
    app.add_middleware(Guard, hosts=hosts, token=token, max_body=max_body, limits=limits)
    app.state.close = studio.close
    app.state.folder = studio.folder
    return app


class _Studio:
    def __init__(self, workspace: Workspace, token: str) -> None:
        self.workspace = workspace
        self.token = token
        self.lock = threading.Lock()
        self.templates = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
        )
        # The last document made, so turning the preview's pages renders nothing again.
        self._last: tuple[tuple[HandoutRequest, dt.date], Document] | None = None
        self.folder = Path(tempfile.mkdtemp(prefix="stretchplan-studio-"))
        self.batches = Batches(workspace, self.folder)
        self.library = Library(workspace)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    # ---- pages

    async def page(self, request: Request) -> HTMLResponse:
        html = self.templates.get_template("index.html").render(
            token=self.token,
            programs=self._programs(),
            exercises=self._exercises(),
            languages=[
                (code, LANGUAGE_NAMES.get(code, code))
                for code in self.workspace.inputs.labels.languages()
            ],
            brand=self.workspace.inputs.brand,
            today=dt.date.today().isoformat(),
            max_tracker=MAX_TRACKER_WEEKS,
        )
        return HTMLResponse(html)

    # ---- the API

    async def programs(self, request: Request) -> JSONResponse:
        return JSONResponse(self._programs())

    async def exercises(self, request: Request) -> JSONResponse:
        return JSONResponse(self._exercises())

    async def plan(self, request: Request) -> Response:
        try:
            wanted = parse_request(await _json(request))
            plan = await run_in_threadpool(self._plan, wanted)
        except InvalidInput as exc:
            return _unprocessable(exc.problems)
        return JSONResponse(_plan_json(plan))

    async def handout(self, request: Request) -> Response:
        try:
            wanted = parse_request(await _json(request))
            doc = await run_in_threadpool(self._document, wanted)
        except InvalidInput as exc:
            return _unprocessable(exc.problems)
        disposition = f'attachment; filename="{doc.name}"'  # an ASCII slug, see output_name
        return Response(doc.pdf, media_type="application/pdf",
                        headers={"content-disposition": disposition})  # fmt: skip

    async def preview(self, request: Request) -> Response:
        try:
            wanted = parse_request(await _json(request), preview=True)
            png, pages = await run_in_threadpool(self._preview, wanted)
        except InvalidInput as exc:
            return _unprocessable(exc.problems)
        return Response(png, media_type="image/png",
                        headers={"x-page-count": str(pages)})  # fmt: skip

    async def printers(self, request: Request) -> JSONResponse:
        return JSONResponse(await run_in_threadpool(printing.printers))

    async def print(self, request: Request) -> Response:
        try:
            body, wanted = printing.split_print_fields(await _json(request))
            if isinstance(body, dict) and "batch" in body:
                if set(body) != {"batch"}:
                    extra = ", ".join(sorted(set(body) - {"batch"}))
                    raise InvalidInput(Problem(f"a batch prints as it was made; leave out {extra}",
                                               field="batch"))  # fmt: skip
                run = self.batches.get(str(body["batch"]))
                if run is None or run.result is None or run.result.combined is None:
                    raise InvalidInput(Problem("no such batch, or it has no combined file yet",
                                               field="batch"))  # fmt: skip
                done = await run_in_threadpool(printing.print_file, run.result.combined, wanted)
            else:
                doc = await run_in_threadpool(self._document, parse_request(body))
                done = await run_in_threadpool(printing.print_pdf, doc.pdf, doc.name, wanted)
        except InvalidInput as exc:
            return _unprocessable(exc.problems)
        return JSONResponse(done)

    # ---- the library and its pictures

    async def library_cards(self, request: Request) -> JSONResponse:
        return JSONResponse(await run_in_threadpool(self.library.as_json))

    async def picture(self, request: Request) -> Response:
        found = await run_in_threadpool(self.library.picture, request.path_params["exercise"])
        if found is None:
            return JSONResponse(problems_json([Problem("no such picture")]), status_code=404)
        return Response(found[0], media_type=found[1])

    async def logo(self, request: Request) -> Response:
        found = await run_in_threadpool(self.library.logo)
        if found is None:
            return JSONResponse(problems_json([Problem("the brand has no logo")]), status_code=404)
        return Response(found[0], media_type=found[1])

    # ---- class batches

    async def start_batch(self, request: Request) -> Response:
        try:
            wanted = parse_batch_request(await _json(request))
            run = await run_in_threadpool(self.batches.start, wanted)
        except InvalidInput as exc:
            return _unprocessable(exc.problems)
        return JSONResponse(status_json(run), status_code=202)

    async def batch_status(self, request: Request) -> Response:
        run = self.batches.get(request.path_params["run"])
        if run is None:
            return JSONResponse(problems_json([Problem("no such batch")]), status_code=404)
        return JSONResponse(status_json(run))

    async def batch_file(self, request: Request) -> Response:
        run = self.batches.get(request.path_params["run"])
        part = request.path_params["part"]
        result = run.result if run is not None else None
        if run is None or result is None or part not in ("combined", "zip"):
            return JSONResponse(problems_json([Problem("no such file")]), status_code=404)
        if part == "combined":
            if result.combined is None:
                return JSONResponse(problems_json([Problem("no combined file")]), status_code=404)
            path, kind = result.combined, "application/pdf"
        else:
            path, kind = await run_in_threadpool(self.batches.zip_of, run), "application/zip"
        return FileResponse(path, media_type=kind, filename=path.name)

    # ---- the engine, one document at a time

    def _plan(self, wanted: HandoutRequest) -> Plan:
        return self._document(wanted).plan

    def _document(self, wanted: HandoutRequest) -> Document:
        key = (replace(wanted, page=1), dt.date.today())  # no date given means today
        with self.lock:
            if self._last is not None and self._last[0] == key:
                return self._last[1]
            doc = self.workspace.handout(wanted.client, **wanted.handout_options())
            self._last = (key, doc)
            return doc

    def _preview(self, wanted: HandoutRequest) -> tuple[bytes, int]:
        doc = self._document(wanted)
        return page_png(doc.pdf, wanted.page), doc.pages

    def _programs(self) -> list[dict[str, Any]]:
        return [
            {
                "id": p.id,
                "title": p.title.in_or_first(self.workspace.inputs.brand.language),
                "mode": p.mode,
                "exercises": [item.exercise for s in p.sections for item in s.items],
            }
            for p in self.workspace.inputs.library.programs
        ]

    def _exercises(self) -> list[dict[str, Any]]:
        language = self.workspace.inputs.brand.language  # the listing's, not a handout's
        return [
            {
                "id": e.id,
                "name": e.name.in_or_first(language),
                "kind": e.kind,
                "picture": self.library.picture_url(e),
            }
            for e in self.workspace.inputs.library.exercises
        ]


def page_png(pdf: bytes, page: int, dpi: int = PREVIEW_DPI) -> bytes:
    """Page `page` (from 1) of `pdf` as PNG bytes."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        count = len(document)
        if not 1 <= page <= count:
            pages = "1 page" if count == 1 else f"pages 1 to {count}"
            raise InvalidInput(
                Problem(f"there is no page {page}: this handout has {pages}", field="page")
            )
        image = document[page - 1].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)  # fast: it goes over loopback
    return buffer.getvalue()


def _plan_json(plan: Plan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "client": plan.client_name,
        "date": plan.date_text,
        "mode": plan.mode,
        "sections": [
            {
                "title": section.title,
                "exercises": [
                    {"id": e.id, "number": e.number, "name": e.name, "dosage": e.dosage}
                    for e in section.items
                ],
            }
            for section in plan.sections
        ],
    }


async def _json(request: Request) -> Any:
    try:
        return json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput(Problem("the request is not valid JSON")) from None


def _unprocessable(problems: list[Problem]) -> JSONResponse:
    return JSONResponse(problems_json(problems), status_code=422)
