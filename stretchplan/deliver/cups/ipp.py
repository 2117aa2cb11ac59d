"""Deliver stage: the little of IPP that reading a job's state needs, over HTTP on the
scheduler's unix socket or TCP port, with the standard library only."""

from __future__ import annotations

import getpass
import http.client
import os
import socket
import struct


class IppError(Exception):
    """The scheduler answered, but not with a usable IPP response."""


class _UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP over the scheduler's local socket (what `lpstat -H` names when it is a path)."""

    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self.socket_path)
        self.sock = sock


GET_JOB_ATTRIBUTES = 0x0009


_TEXT_TAGS = set(range(0x41, 0x4A))


_INT_TAGS = {0x21, 0x23}


def ipp_job_attributes(server: str, job_number: int) -> dict[str, list[object]] | None:
    """job-state, its reasons and the printer's message for one job; None if it is unknown."""
    body = _ipp_encode(
        GET_JOB_ATTRIBUTES,
        [
            (0x45, "job-uri", [f"ipp://localhost/jobs/{job_number}"]),
            (0x42, "requesting-user-name", [_user()]),
            (
                0x44,
                "requested-attributes",
                ["job-state", "job-state-reasons", "job-printer-state-message"],
            ),
        ],
    )
    if server.startswith("/"):
        conn: http.client.HTTPConnection = _UnixHTTPConnection(server, timeout=10)
    else:
        host, _, port = server.rpartition(":")
        conn = http.client.HTTPConnection(host.strip("[]") or "localhost", int(port), timeout=10)
    try:
        conn.request("POST", "/jobs/", body, {"Content-Type": "application/ipp"})
        response = conn.getresponse()
        payload = response.read()
    finally:
        conn.close()
    if response.status != 200:
        raise IppError(f"HTTP {response.status}")
    status, groups = _ipp_decode(payload)
    if status == 0x0406:  # client-error-not-found
        return None
    if status >= 0x0100:
        raise IppError(f"IPP status 0x{status:04x}")
    return next((attrs for tag, attrs in groups if tag == 0x02), {})  # job attributes group


def _user() -> str:
    """The name lp submits jobs under (libcups honours CUPS_USER first)."""
    try:
        return os.environ.get("CUPS_USER") or getpass.getuser()
    except (KeyError, OSError):  # no login name and no passwd entry
        return "anonymous"


def _ipp_encode(operation: int, attributes: list[tuple[int, str, list[str]]]) -> bytes:
    out = bytearray(struct.pack(">BBHI", 2, 0, operation, 1))
    out.append(0x01)  # operation attributes
    standard = [
        (0x47, "attributes-charset", ["utf-8"]),
        (0x48, "attributes-natural-language", ["en"]),
    ]
    for tag, name, values in standard + attributes:
        for i, value in enumerate(values):
            key = name.encode() if i == 0 else b""
            raw = value.encode()
            out += struct.pack(">BH", tag, len(key)) + key + struct.pack(">H", len(raw)) + raw
    out.append(0x03)  # end of attributes
    return bytes(out)


def _ipp_decode(data: bytes) -> tuple[int, list[tuple[int, dict[str, list[object]]]]]:
    if len(data) < 9:
        raise IppError("short IPP response")
    status = struct.unpack(">H", data[2:4])[0]
    groups: list[tuple[int, dict[str, list[object]]]] = []
    pos, name = 8, ""
    while pos < len(data):
        tag = data[pos]
        pos += 1
        if tag == 0x03:
            break
        if tag < 0x10:  # a new attribute group
            groups.append((tag, {}))
            continue
        if not groups or pos + 2 > len(data):
            raise IppError("malformed IPP response")
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        key = data[pos + 2 : pos + 2 + length].decode("utf-8", "replace")
        pos += 2 + length
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        raw = data[pos + 2 : pos + 2 + length]
        pos += 2 + length
        name = key or name  # an empty name adds a value to the previous attribute
        value: object = raw
        if tag in _INT_TAGS and length == 4:
            value = struct.unpack(">i", raw)[0]
        elif tag in _TEXT_TAGS:
            value = raw.decode("utf-8", "replace")
        groups[-1][1].setdefault(name, []).append(value)
    return status, groups


def int_value(values: object) -> int:
    if isinstance(values, list) and values and isinstance(values[0], int):
        return values[0]
    return 0
