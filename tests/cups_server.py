"""A private CUPS scheduler for the printing tests: a real cupsd on a loopback port.

Everything it writes lives in one temporary folder (its ServerRoot, spool, logs and the
PDFs the cups-pdf printer "prints"), except one cups-pdf instance file in /etc/cups: the
cups-pdf backend reads its settings only from there, and the file is how its output folder
is pointed into the temporary folder. That file is removed again at the end.

In CI (CI=true) a missing piece is a failure, never a skip.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CUPSD = "/usr/sbin/cupsd"
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_CONF_DIR = Path("/etc/cups")  # compiled into cups-pdf
PPDS = (
    Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"),
    Path("/usr/share/cups/model/CUPS-PDF_opt.ppd"),
    Path("/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd"),
)
PACKAGES = "cups cups-client cups-bsd printer-driver-cups-pdf"
PRINTER = "Handouts-PDF"
SPARE = "Spare-PDF"
START_LIMIT = 30.0
OUTPUT_LIMIT = 60.0

# The stock cups-pdf PPD claims hardware copies and has no duplex unit, so CUPS would pass
# copies and sides straight through and the PDF written would show neither. Declaring
# manual copies and a duplexer makes CUPS's own pdftopdf filter lay out every copy and pad
# each odd-length copy with a blank back page, as it does for a real printer without
# hardware copies; the printed file then shows what the job asked for.
PPD_ADDITIONS = """*cupsManualCopies: True
*OpenUI *Duplex/2-Sided Printing: PickOne
*OrderDependency: 10 AnySetup *Duplex
*DefaultDuplex: None
*Duplex None/Off: "<</Duplex false>>setpagedevice"
*Duplex DuplexNoTumble/Long Edge: "<</Duplex true/Tumble false>>setpagedevice"
*Duplex DuplexTumble/Short Edge: "<</Duplex true/Tumble true>>setpagedevice"
*CloseUI: *Duplex
"""


@dataclass(frozen=True)
class CupsServer:
    server: str  # for CUPS_SERVER, e.g. 127.0.0.1:40123
    printer: str  # default printer; its cups-pdf output lands in `out`
    spare: str  # a second printer, for tests that stop one
    out: Path
    root: Path

    def run(self, *argv: str) -> str:
        done = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            env={**os.environ, "CUPS_SERVER": self.server, "LC_ALL": "C"},
            timeout=60,
            check=True,
        )
        return done.stdout

    def printed(self, job_id: str) -> Path:
        """The PDF cups-pdf wrote for a job, once the job has left the queue."""
        number = job_id.rsplit("-", 1)[1]
        pattern = re.compile(rf"(^|[^0-9])job_{number}([^0-9]|$)")  # cups-pdf's Label option
        deadline = time.monotonic() + OUTPUT_LIMIT
        while job_id in self.queued() and time.monotonic() < deadline:
            time.sleep(0.2)
        while time.monotonic() < deadline:
            found = [p for p in self.out.glob("*.pdf") if pattern.search(p.stem)]
            if found:
                return found[0]
            time.sleep(0.2)
        raise AssertionError(f"cups-pdf wrote nothing for {job_id}; see {self.root / 'log'}")

    def queued(self) -> list[str]:
        """Jobs not finished yet."""
        return [line.split()[0] for line in self.run("lpstat", "-o").splitlines()]

    def jobs(self) -> list[str]:
        """Every job the scheduler has seen, finished or not."""
        return [line.split()[0] for line in self.run("lpstat", "-W", "all", "-o").splitlines()]


def missing_piece() -> str | None:
    if not Path(CUPSD).exists():
        return f"cupsd is not installed (Debian: apt-get install {PACKAGES})"
    for tool in ("lp", "lpstat", "lpadmin", "cupsenable", "cupsdisable"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: apt-get install {PACKAGES})"
    if not BACKEND.exists() or not any(p.exists() for p in PPDS):
        return "the cups-pdf printer is not installed (Debian: printer-driver-cups-pdf)"
    if os.geteuid() != 0:
        return "needs root: cupsd runs the cups-pdf backend only when it runs as root"
    return None


def require_cups() -> None:
    reason = missing_piece()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CUPS tests must run in CI, but {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_config(root: Path, port: int) -> tuple[Path, Path]:
    conf = root / "conf"
    for sub in ("conf/ppd", "spool/tmp", "cache", "state", "log", "out", "pdf-spool"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    cupsd_conf = conf / "cupsd.conf"
    # Loopback only, no web interface, no browsing; any local client may administer it.
    cupsd_conf.write_text(
        f"""Listen 127.0.0.1:{port}
LogLevel info
WebInterface No
Browsing No
DefaultAuthType None
MaxJobs 0
PreserveJobHistory Yes
<Location />
  Order allow,deny
  Allow 127.0.0.1
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
""",
        encoding="utf-8",
    )
    files_conf = conf / "cups-files.conf"
    files_conf.write_text(
        f"""ServerRoot {conf}
RequestRoot {root / "spool"}
TempDir {root / "spool/tmp"}
CacheDir {root / "cache"}
StateDir {root / "state"}
AccessLog {root / "log/access_log"}
ErrorLog {root / "log/error_log"}
PageLog {root / "log/page_log"}
FileDevice No
""",
        encoding="utf-8",
    )
    return cupsd_conf, files_conf


def patched_ppd(root: Path) -> Path:
    source = next(p for p in PPDS if p.exists()).read_text(encoding="latin-1")
    marker = "*OpenGroup: General/General"
    ppd = source.replace(marker, PPD_ADDITIONS + marker, 1) if marker in source else source
    ppd = re.sub(r"\*DefaultLabel: \d", "*DefaultLabel: 1", ppd)  # job_<n>-title.pdf
    path = root / "Handouts-PDF.ppd"
    path.write_text(ppd, encoding="latin-1")
    return path


def wait_until_running(process: subprocess.Popen[bytes], server: str, root: Path) -> None:
    env = {**os.environ, "CUPS_SERVER": server, "LC_ALL": "C"}
    deadline = time.monotonic() + START_LIMIT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        answer = subprocess.run(
            ["lpstat", "-r"], capture_output=True, text=True, env=env, timeout=30, check=False
        ).stdout
        if "is running" in answer and "not" not in answer:
            return
        time.sleep(0.2)
    log = root / "log" / "error_log"
    tail = log.read_text(errors="replace")[-2000:] if log.exists() else "(no error_log)"
    raise RuntimeError(f"cupsd did not start on {server}:\n{tail}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


@pytest.fixture(scope="session")
def cupsd() -> Iterator[CupsServer]:
    """A real cupsd with two cups-pdf printers, CUPS_SERVER pointing at it for the session."""
    require_cups()
    root = Path(tempfile.mkdtemp(prefix="stretchplan-cups-"))
    root.chmod(0o755)  # filters run as the lp user and must reach the spool inside
    instance = f"stretchplan-test-{os.getpid()}"
    instance_conf = CUPS_PDF_CONF_DIR / f"cups-pdf-{instance}.conf"
    process: subprocess.Popen[bytes] | None = None
    old_server = os.environ.get("CUPS_SERVER")
    try:
        for _attempt in range(3):  # a free port can be taken between asking and binding
            server = f"127.0.0.1:{free_port()}"
            cupsd_conf, files_conf = write_config(root, int(server.rsplit(":", 1)[1]))
            with (root / "log" / "cupsd.out").open("ab") as log:
                process = subprocess.Popen(
                    [CUPSD, "-f", "-c", str(cupsd_conf), "-s", str(files_conf)],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                )
            try:
                wait_until_running(process, server, root)
                break
            except RuntimeError:
                stop(process)
                if _attempt == 2:
                    raise
        instance_conf.write_text(
            f"Out {root / 'out'}\nAnonDirName {root / 'out'}\nSpool {root / 'pdf-spool'}\n"
            f"Log {root / 'log'}\nGrp lp\nLabel 1\nLogType 3\n",
            encoding="utf-8",
        )
        cups = CupsServer(server, PRINTER, SPARE, root / "out", root)
        ppd = patched_ppd(root)
        for name in (PRINTER, SPARE):
            cups.run("lpadmin", "-p", name, "-v", f"cups-pdf:/{instance}", "-E", "-P", str(ppd))
        cups.run("lpadmin", "-d", PRINTER)
        os.environ["CUPS_SERVER"] = server
        yield cups
    finally:
        if old_server is None:
            os.environ.pop("CUPS_SERVER", None)
        else:
            os.environ["CUPS_SERVER"] = old_server
        if process is not None:
            stop(process)
        with contextlib.suppress(FileNotFoundError):
            instance_conf.unlink()
        shutil.rmtree(root, ignore_errors=True)
