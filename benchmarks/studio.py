"""The studio's measurements: how fast the live preview follows a change, and whether
a studio that runs for weeks keeps its memory.

`stretchplan studio --no-browser` is started in a folder of its own (so it serves the
bundled demo library and brand) and asked over loopback HTTP, as a script asks it:
JSON to /api/preview, no Origin, no token. Every request is for a different client, so
none is answered from the studio's memory of the last document: each one plans,
renders and rasterises the handout's first page. The server's resident memory is read
from /proc every `studio_early` previews up to `studio_previews`.
"""

from __future__ import annotations

import http.client
import json
import subprocess
import time
from pathlib import Path

from common import DATE, Measure, Settings
from processes import cli_command

DEMO_PROGRAM = "piriformis-relief"
START_LIMIT = 60.0


def measure_studio(
    root: Path, folder: Path, env: dict[str, str], settings: Settings
) -> dict[str, Measure]:
    home = folder / "studio-home"
    home.mkdir(exist_ok=True)
    server = subprocess.Popen(
        [*cli_command(root), "studio", "--no-browser"],
        cwd=home,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        address = _address(server)
        first = Measure("studio_preview_first", "s", [_preview(address, "Client 00000")])
        warm = Measure("studio_preview", "s")
        memory: dict[int, int] = {}
        total = max(settings.studio_previews, settings.repeats_render + 1)
        for i in range(1, total):
            seconds = _preview(address, f"Client {i:05d} Example")
            if i <= settings.repeats_render:
                warm.samples.append(seconds)
            if (i + 1) % settings.studio_early == 0 or i + 1 == settings.studio_previews:
                memory[i + 1] = _rss(server.pid)
    finally:
        server.terminate()
        server.communicate(timeout=30)
    out = {first.name: first, warm.name: warm}
    early, late = memory.get(settings.studio_early), memory.get(settings.studio_previews)
    if early and late:
        # Read every `studio_early` previews: min..max shows whether it stays flat.
        out["studio_rss"] = Measure("studio_rss", "bytes", [float(m) for m in memory.values()])
        out["studio_memory_growth"] = Measure("studio_memory_growth", "bytes", [late - early])
    return out


def _address(server: subprocess.Popen[str]) -> str:
    """host:port from the studio's first line, once it answers."""
    assert server.stdout is not None
    line = server.stdout.readline()
    if " at http://" not in line:
        raise SystemExit(
            f"the studio did not start: {line}{server.stderr and server.stderr.read()}"
        )
    address = line.split(" at http://")[1].strip().rstrip("/")
    deadline = time.monotonic() + START_LIMIT
    while time.monotonic() < deadline:
        try:
            _request(address, "GET", "/api/programs")
            return address
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the studio at {address} did not answer within {START_LIMIT:g} s")


def _preview(address: str, name: str) -> float:
    body = {"name": name, "program": DEMO_PROGRAM, "date": DATE, "page": 1}
    started = time.perf_counter()
    status, data = _request(address, "POST", "/api/preview", body)
    seconds = time.perf_counter() - started
    if status != 200 or not data.startswith(b"\x89PNG"):
        raise SystemExit(f"/api/preview answered {status}: {data[:300]!r}")
    return seconds


def _request(address: str, method: str, path: str, body: object | None = None) -> tuple[int, bytes]:
    host, port = address.rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        payload = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if payload else {}
        connection.request(method, path, body=payload, headers=headers)
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0
