"""Fetching a posting from an http(s) URL, within limits: a time-out for the whole fetch, a cap
on the bytes read, text/html or text/plain only, a few redirects. Every failure is a
``FetchError`` with a one-line message naming the URL."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from jdpillars import __version__

TIMEOUT = 10.0  # seconds for the whole fetch
MAX_BYTES = 2_000_000
MAX_REDIRECTS = 5
SCHEMES = ("http", "https")
CONTENT_TYPES = ("text/html", "text/plain")
REDIRECTS = (301, 302, 303, 307, 308)
CHUNK = 65_536


class FetchError(Exception):
    """A URL that could not be fetched. ``unusable`` is True when the server answered but with
    something that is not a posting (wrong type, too large); False when nothing came back."""

    def __init__(self, message: str, *, unusable: bool = False) -> None:
        super().__init__(message)
        self.unusable = unusable


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str
    charset: str | None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand every redirect back to ``fetch`` so that it can count them and check the scheme."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def is_url(spec: str) -> bool:
    return "://" in spec and spec.split("://", 1)[0].isalpha()


def check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise FetchError(f"{url}: unsupported URL scheme '{scheme}' (http and https only)")


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """The body of ``url``, following at most ``max_redirects`` redirects."""
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_NoRedirects())
    current = url
    for _hop in range(max_redirects + 1):
        check_scheme(current)
        response = _open(opener, current, deadline, timeout)
        if isinstance(response, str):
            current = urljoin(current, response)
            continue
        with response:
            return _body(current, response, deadline, timeout, max_bytes)
    raise FetchError(f"{url}: more than {max_redirects} redirects")


def _open(opener: urllib.request.OpenerDirector, url: str, deadline: float, timeout: float) -> Any:
    """The response, or the location a redirect points to."""
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"jdpillars/{__version__}",
            "Accept": "text/html, text/plain;q=0.9",
        },
    )
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url}: timed out after {timeout:g} s")
    try:
        return opener.open(request, timeout=left)
    except urllib.error.HTTPError as exc:
        location = exc.headers.get("Location") if exc.code in REDIRECTS else None
        exc.close()
        if location:
            return location
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}".rstrip()) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FetchError(f"{url}: timed out after {timeout:g} s") from None
        raise FetchError(f"{url}: cannot connect: {exc.reason}") from None
    except TimeoutError:
        raise FetchError(f"{url}: timed out after {timeout:g} s") from None
    except (OSError, ValueError) as exc:
        raise FetchError(f"{url}: {exc}") from None


def _body(url: str, response: Any, deadline: float, timeout: float, max_bytes: int) -> Fetched:
    headers = response.headers
    content_type = headers.get_content_type()
    if content_type not in CONTENT_TYPES:
        raise FetchError(
            f"{url}: content type {content_type} (text/html or text/plain only)", unusable=True
        )
    too_big = FetchError(f"{url}: larger than {max_bytes:,} bytes", unusable=True)
    length = headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := response.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise too_big
            if time.monotonic() > deadline:
                raise FetchError(f"{url}: timed out after {timeout:g} s")
            chunks.append(chunk)
    except TimeoutError:
        raise FetchError(f"{url}: timed out after {timeout:g} s") from None
    except OSError as exc:
        raise FetchError(f"{url}: {exc}") from None
    return Fetched(url, b"".join(chunks), content_type, headers.get_content_charset())
