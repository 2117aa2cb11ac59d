"""Studio face: what every request must pass before the page or the API sees it.

The studio runs on the trainer's own machine, with client names in its requests, so
it answers only to itself:
- the Host header must be one of the studio's own addresses: a web page elsewhere
  cannot reach it by pointing a name of its own at 127.0.0.1 (DNS rebinding);
- a request carrying an Origin must come from the studio's own page, and a browser's
  request that changes something must carry this run's token as well; scripts send
  neither an Origin nor a token;
- a request that changes something must say it is JSON: a plain HTML form on another
  site cannot send that without asking first, and nothing here answers such a question;
- no request body is larger than `max_body` bytes, or, for the paths in `limits`
  (a roster upload), than the limit given there.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Mapping

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_HEADER = "x-studio-token"
SAFE_METHODS = frozenset({"GET", "HEAD"})

# What the browser may load and run on the studio's page: its own files, nothing else.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
        b"connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


class BodyTooLarge(Exception):  # noqa: N818 - raised out of receive, caught right here
    pass


class Guard:
    """ASGI middleware refusing requests that are not the studio's own."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        hosts: Iterable[str],
        token: str,
        max_body: int,
        limits: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in hosts)
        self.origins = frozenset(f"http://{h}" for h in self.hosts)
        self.token = token
        self.max_body = max_body
        self.limits = dict(limits or {})

    def limit(self, scope: Scope) -> int:
        """The largest body this request may carry."""
        return self.limits.get(scope.get("path", ""), self.max_body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # no websockets here
            return
        refusal = self.refusal(scope)
        if refusal is not None:
            await _problem(send, *refusal)
            return
        await self._within_limit(scope, receive, send)

    def refusal(self, scope: Scope) -> tuple[int, str] | None:
        """Why this request is refused (status, words), or None to let it through."""
        headers = Headers(scope=scope)
        host = headers.get("host", "").lower()
        if host not in self.hosts:
            return 421, f"this studio answers only at {self._address()}, not at {host!r}"
        origin = headers.get("origin")
        if origin is not None and origin.lower() not in self.origins:
            return 403, "requests from other web pages are refused"
        if scope["method"] in SAFE_METHODS:
            return None
        if origin is not None and not secrets.compare_digest(
            headers.get(TOKEN_HEADER, "").encode(), self.token.encode()
        ):
            return 403, "this page is from an earlier run of the studio: reload it"
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            return 415, "send the request as JSON (Content-Type: application/json)"
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit(scope)):
            return 413, _too_large(self.limit(scope))
        return None

    async def _within_limit(self, scope: Scope, receive: Receive, send: Send) -> None:
        received = 0
        started = False
        limit = self.limit(scope)

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def secured_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        try:
            await self.app(scope, counted_receive, secured_send)
        except BodyTooLarge:
            if not started:
                await _problem(send, 413, _too_large(limit))

    def _address(self) -> str:
        return " or ".join(sorted(f"http://{h}" for h in self.hosts))


def _too_large(limit: int) -> str:
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    return f"the request is larger than {size}"


async def _problem(send: Send, status: int, message: str) -> None:
    body = json.dumps({"problems": [{"file": None, "line": None, "field": None,
                                     "message": message}]}).encode()  # fmt: skip
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *SECURITY_HEADERS,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
