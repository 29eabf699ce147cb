"""HTML to archival PDF with WeasyPrint: only our own static files, bounded in time and memory.

The renderer never reaches the network or the file system outside `static/`: the URL fetcher
serves files below that folder and refuses everything else. A render runs in a forked child with
an address-space limit and a deadline, so a hostile document cannot hang or exhaust a worker.
"""

import logging
import mimetypes
import os
import pickle
import resource
import select
import signal
import time
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/a-3a"  # archival and tagged, so screen readers and archives accept it
STYLESHEET = "css/report.css"


class RefusedResource(Exception):
    """The document asked for something outside the project's static files."""


class ReportRenderError(Exception):
    """The render did not finish within its time or memory bound."""


def static_root() -> Path:
    return (Path(settings.BASE_DIR) / "static").resolve()


class StaticFilesOnly(URLFetcher):
    """Serves files below `static/` and refuses every other URL, redirects included."""

    def __init__(self):
        super().__init__(allowed_protocols=("file",), allow_redirects=False, timeout=1)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedResource(url)
        path = Path(unquote(parts.path)).resolve()
        root = static_root()
        if not path.is_relative_to(root) or not path.is_file():
            raise RefusedResource(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
        )


@cache
def _prepared():
    """Fonts and the stylesheet, parsed once per process and shared by forked renders."""
    fetcher = StaticFilesOnly()
    font_config = FontConfiguration()
    stylesheet = CSS(
        filename=str(static_root() / STYLESHEET), font_config=font_config, url_fetcher=fetcher
    )
    return fetcher, font_config, stylesheet


def render_pdf_unbounded(html: str) -> bytes:
    """Render in this process; the bounded `render_pdf` is what views and commands use."""
    fetcher, font_config, stylesheet = _prepared()
    document = HTML(string=html, base_url=static_root().as_uri() + "/", url_fetcher=fetcher)
    return document.write_pdf(
        stylesheets=[stylesheet],
        font_config=font_config,
        pdf_variant=PDF_VARIANT,
        uncompressed_pdf=False,
    )


def render_pdf(html: str, *, timeout: float | None = None, memory: int | None = None) -> bytes:
    """Render `html` to PDF in a forked child, killed after `timeout` s or above `memory` bytes."""
    timeout = timeout or settings.REPORT_RENDER_TIMEOUT
    memory = memory or settings.REPORT_RENDER_MEMORY
    _prepared()  # parse fonts and CSS in the parent so that every child starts warm
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child; its result is checked by the parent
        os.close(read_end)
        status = 1
        try:
            limit = _address_space() + memory
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            signal.alarm(int(timeout) + 1)
            warnings = _WarningCollector()
            logging.getLogger("weasyprint").addHandler(warnings)
            pdf = render_pdf_unbounded(html)
            with os.fdopen(write_end, "wb") as out:
                pickle.dump((pdf, warnings.messages), out)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    pdf, warnings = pickle.loads(_collect(pid, read_end, timeout))
    for message in warnings:
        # Passed on from the child, so that a missing font or stylesheet shows up here.
        logging.getLogger("weasyprint").warning(message)
    return pdf


class _WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _collect(pid, read_end, timeout):
    deadline = time.monotonic() + timeout
    chunks = []
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise ReportRenderError("time limit")
            ready, _w, _x = select.select([pipe], [], [], remaining)
            if ready:
                chunk = pipe.read(1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
    _pid, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise ReportRenderError("render failed")
    return b"".join(chunks)


def _address_space() -> int:
    """This process's current virtual memory size in bytes (Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0
