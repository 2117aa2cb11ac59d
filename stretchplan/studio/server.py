"""Studio face: run the app on this machine until Ctrl-C.

Binds 127.0.0.1 (a free port unless one is given) before the app is made, so the
app knows the exact address it answers to and no other program can take the port
in between. Another host is allowed only when asked for, with a warning.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import secrets
import socket
import threading
import time
import webbrowser
from collections.abc import Callable

from stretchplan.api import Workspace
from stretchplan.errors import InvalidInput, Problem

LOOPBACK = "127.0.0.1"


def serve(
    workspace: Workspace,
    *,
    host: str = LOOPBACK,
    port: int | None = None,
    open_browser: bool = True,
    say: Callable[[str], None] = print,
    warn: Callable[[str], None] = print,
) -> None:
    """Serve the studio over `workspace` until interrupted (Ctrl-C)."""
    import uvicorn

    from stretchplan.studio.app import create_app

    sock = bind(host, port)
    bound_port = sock.getsockname()[1]
    if not is_loopback(host):
        warn(
            f"warning: the studio is reachable from other machines at {host}:{bound_port};"
            " anyone on this network can make handouts with your library and brand."
        )
    url = f"http://{_url_host(host)}:{bound_port}/"
    app = create_app(workspace, secrets.token_urlsafe(24), hosts=host_headers(host, bound_port))
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    say(f"stretchplan studio is running at {url}")
    say("Press Ctrl-C to stop it.")
    if open_browser:
        threading.Thread(target=_open_when_up, args=(server, url), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn has shut down and re-raised Ctrl-C: stopping is what was asked
    finally:
        sock.close()
        app.state.close()  # the batches and prints it made go with it
    say("Studio stopped.")


def bind(host: str, port: int | None) -> socket.socket:
    """A listening socket on host:port (port None: any free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port or 0))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            message = f"port {port} is in use; choose another with --port, or leave it out"
            raise InvalidInput(Problem(message, field="port")) from None
        raise InvalidInput(Problem(f"cannot listen there: {exc.strerror}", field="host")) from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def host_headers(host: str, port: int) -> list[str]:
    """The Host headers a browser sends for this studio: its address and, on loopback,
    localhost; on all interfaces, this machine's own names and addresses."""
    names = {_url_host(host)}
    if is_loopback(host) or host in ("0.0.0.0", "::"):
        names |= {"127.0.0.1", "localhost", "[::1]"}
    if host in ("0.0.0.0", "::"):
        hostname = socket.gethostname()
        names |= {hostname, socket.getfqdn()}
        with contextlib.suppress(OSError):
            names |= {_url_host(a) for a in socket.gethostbyname_ex(hostname)[2]}
    return sorted(f"{name}:{port}" for name in names)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _open_when_up(server: object, url: str) -> None:
    for _ in range(100):  # up to 10 s: the server starts in well under one
        if getattr(server, "started", False):
            webbrowser.open(url)
            return
        time.sleep(0.1)
