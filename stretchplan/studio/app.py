"""Studio face: the web app, a page and a small JSON API over one Workspace.

    GET  /                 the page (Jinja2, autoescaped)
    GET  /static/...       the page's CSS and script, from this package's static/ only
    GET  /api/programs     [{"id", "title", "mode", "exercises": [ids]}]
    GET  /api/exercises    [{"id", "name", "kind"}]
    POST /api/plan         what the handout would hold (title, exercises with dosage)
    POST /api/handout      application/pdf, the command line's bytes for the same inputs
    POST /api/preview      image/png of one page (body: the same plus "page")

Bad input is 422 {"problems": [{"file", "line", "field", "message"}]}. The engine is
called in a worker thread, one document at a time: the workspace's renderer keeps
photos and cards between documents and is not shared between threads.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from stretchplan.api import Document, Workspace
from stretchplan.errors import InvalidInput, Problem
from stretchplan.plan import Plan
from stretchplan.studio.form import MAX_TRACKER_WEEKS, HandoutRequest, parse_request, problems_json
from stretchplan.studio.guard import Guard

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
    page and required back on the page's requests."""
    studio = _Studio(workspace, token)
    routes = [
        Route("/", studio.page, methods=["GET"]),
        Route("/api/programs", studio.programs, methods=["GET"]),
        Route("/api/exercises", studio.exercises, methods=["GET"]),
        Route("/api/plan", studio.plan, methods=["POST"]),
        Route("/api/handout", studio.handout, methods=["POST"]),
        Route("/api/preview", studio.preview, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes)
    app.add_middleware(Guard, hosts=hosts, token=token, max_body=max_body)
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
            {"id": e.id, "name": e.name.in_or_first(language), "kind": e.kind}
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
