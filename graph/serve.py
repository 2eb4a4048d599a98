"""Serve stage: the built store as a SPARQL 1.1 endpoint, behind a front that makes it safe to share.

``serve`` runs the Oxigraph server (the ``oxigraph`` program of the PyPI package ``oxigraph``)
over the build's store on a private loopback port, and answers the public address with a
small HTTP front of its own (``http.server`` in, httpx out). The front is there because the
Oxigraph server cannot be told to refuse SPARQL ``SERVICE``: it fetches whatever URL a query
names (oxigraph 0.5 has no option against it; a test shows the fetch with a recording
server), which would turn a read-only server into a forwarder of requests to any host it can
reach. ``graph.guard`` decides what passes: no SERVICE, no LOAD, no writes unless
``read_write``, no writes from other web pages, no foreign host names on loopback.

The front also times queries out: an answer not complete within ``timeout`` seconds becomes a
503, and Oxigraph's own ``--timeout-s`` (one second later) stops the work. Routes are
Oxigraph's: ``/query``, ``/update``, ``/store`` (Graph Store Protocol) and its query page ``/``.
"""

from __future__ import annotations

import ctypes
import math
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from shutil import which

import httpx

from .errors import ServerError, StoreError
from .guard import LOOPBACK, Forward, Policy, Refused, screen
from .store import STORE_DIR

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "Server", "serve", "store_location"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
_MAX_BODY = {False: 1 << 20, True: 1 << 30}


class _Front(ThreadingHTTPServer):
    daemon_threads = True
    policy: Policy
    backend: str
    timeout_s: float
    client: httpx.Client


class _Front6(_Front):
    address_family = socket.AF_INET6


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Front

    def do_GET(self) -> None:
        try:
            forward = screen(self.command, self.path, self.headers, self._body(), self.server.policy)
            status, content_type, body = _relay(self.server, forward, self.headers.get("Accept", "*/*"))
        except Refused as refusal:
            status, content_type, body = refusal.status, "text/plain; charset=utf-8", f"{refusal}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = do_GET

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding") or self.headers.get("Content-Encoding", "identity") != "identity":
            self.close_connection = True
            raise Refused(411, "send the body plainly, with a Content-Length")
        length = self.headers.get("Content-Length") or "0"
        if not length.isdigit():
            self.close_connection = True
            raise Refused(400, "the Content-Length header is not a number")
        length = int(length)
        if length > _MAX_BODY[self.server.policy.read_write]:
            self.close_connection = True
            raise Refused(413, "the request is too large")
        return self.rfile.read(length)

    def log_message(self, format: str, *args) -> None:
        """Quiet: the terminal shows the endpoint, not every request."""


def _relay(front: _Front, forward: Forward, accept: str) -> tuple[int, str, bytes]:
    """Send ``forward`` to Oxigraph; a query's whole answer must arrive within the time limit."""
    limit = front.timeout_s if forward.query else 600.0
    deadline = time.monotonic() + limit
    headers = {"Accept": accept, "Accept-Encoding": "identity"}
    if forward.content_type:
        headers["Content-Type"] = forward.content_type
    try:
        with front.client.stream(forward.method, front.backend + forward.target, content=forward.body,
                                 headers=headers, timeout=httpx.Timeout(limit, connect=5.0)) as response:
            chunks = []
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("deadline")
            return response.status_code, response.headers.get("Content-Type", "text/plain"), b"".join(chunks)
    except httpx.TimeoutException:
        raise Refused(503, f"the query ran longer than this server's limit of {front.timeout_s:g} s") from None
    except httpx.HTTPError as error:
        raise Refused(502, f"the SPARQL engine behind this server is not answering: {error}") from None


def store_location(graph_dir: Path) -> Path:
    """The on-disk store of a build, its symbolic link resolved.

    Raises:
        StoreError: ``graph_dir`` holds no built store.
    """
    path = graph_dir / STORE_DIR
    if not path.exists():
        raise StoreError(f"no built graph in {graph_dir}: run 'strikegraph build' first, or point --graph at a build folder")
    return path.resolve()


def _oxigraph() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else which("oxigraph")
    if not found:
        raise ServerError("the oxigraph server is not installed: pip install oxigraph")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent() -> None:
    """In the child: receive SIGTERM when the thread that started it dies (Linux), so no server outlives us."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


class Server:
    """The Oxigraph server over ``location`` behind the front; a context manager.

    Args:
        location: an Oxigraph store folder (created empty when ``read_write`` and missing).
        host, port: the public address; port 0 picks a free one (see ``url``).
        read_write: accept updates and Graph Store writes.
        timeout: seconds a query may take.
    """

    def __init__(self, location: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 read_write: bool = False, timeout: float = DEFAULT_TIMEOUT):
        self.location, self.host, self.port = Path(location), host, port
        self.read_write, self.timeout = read_write, timeout
        self._front: _Front | None = None
        self._process: subprocess.Popen | None = None
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - the server writes to it until stop()

    @property
    def url(self) -> str:
        """The front's base URL: ``/query``, ``/update`` and ``/store`` hang off it."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self._front.server_address[1] if self._front else self.port}"

    def start(self) -> Server:
        self._front = self._bind_front()
        try:
            backend = self._start_backend()
        except BaseException:
            self._front.server_close()
            self._front = None
            raise
        self._front.policy = self._policy()
        self._front.backend, self._front.timeout_s = backend, self.timeout
        self._front.client = httpx.Client()
        threading.Thread(target=self._front.serve_forever, name="sparql-front", daemon=True).start()
        return self

    def _bind_front(self) -> _Front:
        try:
            return (_Front6 if ":" in self.host else _Front)((self.host, self.port), _Handler)
        except OSError as error:
            raise ServerError(f"cannot listen on {self.host}:{self.port}: {error.strerror or error} "
                              "(is another server running there? try --port)") from None

    def _start_backend(self) -> str:
        port = _free_port()
        command = [_oxigraph(), "serve" if self.read_write else "serve-read-only", "--location", str(self.location),
                   "--bind", f"127.0.0.1:{port}", "--timeout-s", str(math.ceil(self.timeout) + 1)]
        self._process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
                                         start_new_session=True, preexec_fn=_die_with_parent)  # noqa: PLW1509 - before any thread
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ServerError(f"the oxigraph server did not start: {self._output()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return f"http://127.0.0.1:{port}"
            except OSError:
                time.sleep(0.05)
        self._stop_backend()
        raise ServerError("the oxigraph server did not start within 30 s")

    def _policy(self) -> Policy:
        port = self._front.server_address[1]
        names = {self.host} | LOOPBACK
        origins = frozenset(f"http://{f'[{n}]' if ':' in n else n}:{port}" for n in names)
        return Policy(self.read_write, origins, frozenset(names) if self.host in LOOPBACK else None)

    def _output(self) -> str:
        self._log.seek(0)
        return " ".join(self._log.read().decode("utf-8", "replace").split())[-500:]

    def wait(self) -> int:
        """Block until the Oxigraph server exits; its exit status."""
        return self._process.wait()

    def stop(self) -> None:
        """Stop the front, then the Oxigraph server (SIGTERM, then SIGKILL after 10 s)."""
        front, self._front = self._front, None
        if front:
            front.shutdown()
            front.server_close()
            front.client.close()
        self._stop_backend()

    def _stop_backend(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def __enter__(self) -> Server:  # noqa: PYI034 - Server is final
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(graph_dir: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, read_write: bool = False,
          timeout: float = DEFAULT_TIMEOUT, announce: Callable[[str], None] = print) -> None:
    """Serve the build in ``graph_dir`` until Ctrl-C or SIGTERM; ``announce`` gets the messages.

    Raises:
        StoreError: there is no build in ``graph_dir``.
        ServerError: the address is taken, oxigraph is missing, or it stopped by itself.
    """
    server = Server(store_location(graph_dir), host, port, read_write, timeout)
    # Both set explicitly: a shell's background job starts with SIGINT ignored.
    previous = {number: signal.signal(number, _interrupt) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        with server:
            for line in _announcement(server):
                announce(line)
            status = server.wait()
        raise ServerError(f"the oxigraph server stopped by itself (exit status {status}): {server._output()}")
    except KeyboardInterrupt:
        return
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _announcement(server: Server) -> list[str]:
    lines = []
    if server.read_write:
        lines.append(f"Warning: read-write mode: anyone who can reach {server.url} can change or delete this "
                     "graph (writes from other web pages are refused, but keep it on a trusted machine).")
    if server.host not in LOOPBACK:
        lines.append(f"Warning: listening on {server.host}: other machines may reach this endpoint.")
    mode = "read-write" if server.read_write else "read-only"
    lines += [f"SPARQL endpoint: {server.url}/query",
              f"Graph Store:     {server.url}/store    (query page: {server.url}/)",
              (f"Serving {server.location} {mode}; queries stop after {server.timeout:g} s; SERVICE and LOAD "
               "are refused. Ctrl-C stops.")]
    return lines
