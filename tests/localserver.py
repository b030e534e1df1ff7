"""A local HTTP server for URL tests: 127.0.0.1 only, a port of its own, in a thread. Paths
serve a posting as HTML or text, and every failure the URL limits guard against."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jdpillars import fetch

POSTING = (
    "Marketing Operations Manager\n\nResponsibilities\n"
    "- Administer the Marketo instance and the Salesforce sync\n"
    "- Build email campaigns and landing pages\n"
)
PAGE = """<!DOCTYPE html>
<html><head><title>Jobs at Acme | Careers</title>
<style>body { color: red }</style><script>var jobs = "<p>not text</p>";</script></head>
<body><nav><a href="/">Home</a><ul><li>All jobs</li></ul></nav>
<h1>Marketing Operations   Manager</h1>
<p>We run <b>Marketo</b> &amp; Salesforce [and more].</p>
<h2>Responsibilities</h2>
<ul><li>Administer the Marketo instance</li><li>Build <i>email</i> campaigns</li></ul>
<div hidden>hidden text</div><footer>Acme Inc.</footer>
</body></html>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str,
        length: bool = True,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/posting.html":
            self._send(200, PAGE.encode(), "text/html; charset=utf-8")
        elif path == "/posting.txt":
            self._send(200, POSTING.encode(), "text/plain")
        elif path == "/latin.txt":
            self._send(
                200, "Gestión de campañas".encode("latin-1"), "text/plain; charset=iso-8859-1"
            )
        elif path == "/file.pdf":
            self._send(200, b"%PDF-1.7", "application/pdf")
        elif path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(fetch.MAX_BYTES + 1))
            self.end_headers()
        elif path == "/big-streamed":
            self._send(200, b"a" * (fetch.MAX_BYTES + 1), "text/plain", length=False)
        elif path == "/slow":
            time.sleep(1.0)
            self._send(200, POSTING.encode(), "text/plain")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            target = f"/hop/{left - 1}" if left > 1 else "/posting.txt"
            self._send(302, b"", "text/plain", headers={"Location": target})
        elif path == "/to-ftp":
            self._send(301, b"", "text/plain", headers={"Location": "ftp://127.0.0.1/x"})
        elif path == "/boom":
            self._send(500, b"oops", "text/plain")
        else:
            self._send(404, b"not here", "text/plain")


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client hung up on purpose (time-out, size limit)


def serve() -> Iterator[str]:
    """Run the server while the generator is open; yield its base URL (for a fixture)."""
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def clear_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy between the tests and 127.0.0.1."""
    for name in (
        "http_proxy",
        "https_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(name="running_server", scope="module")
def running_server_fixture() -> Iterator[str]:
    yield from serve()


@pytest.fixture(name="server")
def server_fixture(running_server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The base URL of the local server (import both fixtures into a test module to use it)."""
    clear_proxies(monkeypatch)
    return running_server
