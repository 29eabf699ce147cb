"""HTML to archival PDF with WeasyPrint: only our own static files, bounded in time and memory.

The renderer never reaches the network or the file system outside `static/`: the URL fetcher
serves files below that folder and refuses everything else. Renders run in a forked renderer
process with an address-space limit, and each has a deadline after which that process is killed,
so a hostile document cannot hang or exhaust a web worker.
"""

import contextlib
import faulthandler
import gc
import logging
import mimetypes
import os
import pickle
import resource
import select
import signal
import struct
import threading
import time
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from observaties.documents.tagging import running_elements_as_artifacts

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/a-3a"  # archival and tagged, so screen readers and archives accept it
STYLESHEET = "css/report.css"  # the professional's reports
PARENT_SHEET_STYLESHEET = "css/parent-sheet.css"  # the sheet for the parent: large, calm type
STYLESHEETS = (STYLESHEET, PARENT_SHEET_STYLESHEET)


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
    """Fonts and the stylesheets, parsed once per process and shared by forked renders."""
    fetcher = StaticFilesOnly()
    font_config = FontConfiguration()
    stylesheets = {
        name: CSS(filename=str(static_root() / name), font_config=font_config, url_fetcher=fetcher)
        for name in STYLESHEETS
    }
    return fetcher, font_config, stylesheets


def render_pdf_unbounded(html: str, stylesheet: str = STYLESHEET) -> bytes:
    """Render in this process; the bounded `render_pdf` is what views and commands use."""
    fetcher, font_config, stylesheets = _prepared()
    document = HTML(string=html, base_url=static_root().as_uri() + "/", url_fetcher=fetcher)
    return running_elements_as_artifacts(
        document.write_pdf(
            stylesheets=[stylesheets[stylesheet]],
            font_config=font_config,
            pdf_variant=PDF_VARIANT,
            uncompressed_pdf=False,
        )
    )


def page_count(html: str, stylesheet: str = STYLESHEET) -> int:
    fetcher, font_config, stylesheets = _prepared()
    document = HTML(string=html, base_url=static_root().as_uri() + "/", url_fetcher=fetcher)
    return len(
        document.render(stylesheets=[stylesheets[stylesheet]], font_config=font_config).pages
    )


def render_pdf(
    html: str,
    *,
    stylesheet: str = STYLESHEET,
    timeout: float | None = None,
    memory: int | None = None,
) -> bytes:
    """Render `html` to PDF in a separate renderer process, stopped after `timeout` seconds
    or when it needs more than `memory` extra bytes; either raises ReportRenderError."""
    timeout = timeout or settings.REPORT_RENDER_TIMEOUT
    memory = memory or settings.REPORT_RENDER_MEMORY
    with _renderer_lock:
        global _renderer
        # A renderer that died between requests (killed, out of memory) is replaced before it
        # is given the report, rather than failing the download.
        if _renderer is None or not _renderer.fits(memory) or not _renderer.alive():
            if _renderer is not None:
                _renderer.stop()
            _renderer = _Renderer(memory)
        try:
            pdf, warnings = _renderer.render(html, stylesheet, timeout)
        except ReportRenderError:
            _renderer.stop()
            _renderer = None
            raise
    for message in warnings:
        # Passed on from the renderer, so that a missing font or stylesheet shows up here.
        logging.getLogger("weasyprint").warning(message)
    return pdf


_renderer = None
_renderer_lock = threading.Lock()


def start_renderer():
    """Fork the renderer now, before this process opens database connections it would inherit.

    Called when a web worker loads the application; otherwise the first report starts it.
    """
    global _renderer
    with _renderer_lock:
        if _renderer is None:
            _renderer = _Renderer(settings.REPORT_RENDER_MEMORY)


class _Renderer:
    """A forked child that renders one document at a time, reused while it stays healthy.

    Forking once instead of per report saves tens of milliseconds per download; the child starts
    with the parent's parsed fonts and stylesheet and keeps its own memory limit.
    """

    def __init__(self, memory):
        _prepared()  # parse fonts and CSS before forking, so the child starts warm
        self.memory = memory
        self.parent_pid = os.getpid()
        jobs_read, self._jobs = os.pipe()
        self._results, results_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - the child's work is checked through the parent
            os.close(self._jobs)
            os.close(self._results)
            # Out of memory, the C libraries below WeasyPrint may crash rather than raise; that
            # ends only this process, and the parent reports it without a crash dump.
            faulthandler.disable()
            # What came with the fork (fonts, stylesheet, the app) lives as long as this process:
            # the collector need not walk it between renders.
            gc.freeze()
            status = 1
            try:
                limit = _address_space() + memory
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
                _serve(jobs_read, results_write)
                status = 0
            finally:
                os._exit(status)
        os.close(jobs_read)
        os.close(results_write)

    def fits(self, memory):
        return self.memory == memory and self.parent_pid == os.getpid()

    def alive(self):
        """Whether the process still runs; reaps it if it has ended."""
        try:
            pid, _status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return False
        return pid == 0

    def render(self, html, stylesheet, timeout):
        deadline = time.monotonic() + timeout
        try:
            _write_frame(self._jobs, pickle.dumps((html, stylesheet, timeout)))
            ok, payload, warnings = pickle.loads(_read_frame(self._results, deadline))
        except (OSError, EOFError, pickle.UnpicklingError) as error:
            raise ReportRenderError("renderer stopped") from error
        if not ok:
            raise ReportRenderError(payload)
        return payload, warnings

    def stop(self):
        for fd in (self._jobs, self._results):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)


def _serve(jobs, results):  # pragma: no cover - runs in the renderer child
    collector = _WarningCollector()
    logging.getLogger("weasyprint").addHandler(collector)
    while True:
        try:
            html, stylesheet, timeout = pickle.loads(_read_frame(jobs, None))
        except EOFError:
            return  # the parent is gone or stopped us
        collector.messages = []
        signal.alarm(int(timeout) + 1)  # the parent kills us at the deadline; this is a backstop
        try:
            reply = (True, render_pdf_unbounded(html, stylesheet), collector.messages)
        except MemoryError:
            _write_frame(results, pickle.dumps((False, "memory limit", [])))
            return  # a process that ran out of memory is not trusted with the next report
        except Exception as error:  # any failure becomes the parent's error
            reply = (False, type(error).__name__, collector.messages)
        signal.alarm(0)
        _write_frame(results, pickle.dumps(reply))


def _write_frame(fd, data):
    view = memoryview(struct.pack("!Q", len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _read_frame(fd, deadline):
    header = _read_exactly(fd, 8, deadline)
    return _read_exactly(fd, struct.unpack("!Q", header)[0], deadline)


def _read_exactly(fd, size, deadline):
    chunks, remaining = [], size
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise ReportRenderError("time limit")
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


class _WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _address_space() -> int:
    """This process's current virtual memory size in bytes (Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0
