"""Remote media against a real HTTP server on 127.0.0.1, started by the tests.

No test contacts any other address: the refused ones (127.0.0.2, 169.254.169.254, 10.x,
[::1]) are refused before any connection is made.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from typing import ClassVar

import pytest

import govsocial
from govsocial.errors import FetchError
from govsocial.fetch import FETCH_ERROR_REASONS, FetchOptions, fetch_media

from . import imagefiles

JPEG = imagefiles.jpeg((1080, 1350))
PNG = imagefiles.png((60, 40))


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}
    requests: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b"\xff")
                self.wfile.flush()
                time.sleep(0.1)
            return
        if self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            try:
                for _ in range(10_000):
                    self.wfile.write(b"\0" * 65536)
            except OSError:
                pass
            return
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    _Handler.routes.update(
        {
            "/cartell.jpg": (200, {"Content-Type": "image/jpeg"}, JPEG),
            "/slow": (200, {"Content-Type": "image/jpeg"}, JPEG),
            "/lying.jpg": (200, {"Content-Type": "image/jpeg"}, PNG),
            "/page.jpg": (200, {"Content-Type": "image/jpeg"}, b"<!doctype html><html>404</html>"),
            "/big-declared": (
                200,
                {"Content-Type": "image/jpeg", "Content-Length": "99999999"},
                b"",
            ),
            "/to-cartell": (302, {"Location": "/cartell.jpg"}, b""),
            "/to-loopback2": (302, {"Location": "http://127.0.0.2:9/x.jpg"}, b""),
            "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
            "/to-ipv6-loopback": (302, {"Location": "http://[::1]:9/x.jpg"}, b""),
            "/to-ftp": (302, {"Location": "ftp://127.0.0.1/x.jpg"}, b""),
            "/loop": (302, {"Location": "/loop"}, b""),
            "/gone": (410, {}, b"gone"),
        }
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


LOCAL = FetchOptions(allow_addresses=["127.0.0.1"], timeout=1.0, max_bytes=1_000_000)


def _reason(url: str, options: FetchOptions = LOCAL) -> str:
    with pytest.raises(FetchError) as err:
        fetch_media(url, options=options)
    assert err.value.reason in FETCH_ERROR_REASONS
    return err.value.reason


def test_fetches_an_image_and_follows_a_redirect(server: str) -> None:
    got = fetch_media(f"{server}/to-cartell", options=LOCAL)
    assert got.data == JPEG and got.content_type == "image/jpeg"
    assert got.final_url.endswith("/cartell.jpg")


def test_loopback_is_refused_by_default(server: str) -> None:
    before = len(_Handler.requests)
    assert _reason(f"{server}/cartell.jpg", FetchOptions()) == "refused-address"
    assert len(_Handler.requests) == before  # refused before connecting


@pytest.mark.parametrize("path", ["/to-loopback2", "/to-metadata", "/to-ipv6-loopback"])
def test_redirect_to_a_private_address_is_refused_on_that_hop(server: str, path: str) -> None:
    assert _reason(f"{server}{path}") == "refused-address"


def test_allow_private_lets_everything_through(server: str) -> None:
    got = fetch_media(f"{server}/cartell.jpg", options=FetchOptions(allow_private=True))
    assert got.data == JPEG


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/slow", "timeout"),
        ("/drip", "timeout"),
        ("/endless", "too-large"),
        ("/big-declared", "too-large"),
        ("/loop", "too-many-redirects"),
        ("/to-ftp", "bad-url"),
        ("/gone", "http-status"),
    ],
)
def test_limits(server: str, path: str, reason: str) -> None:
    start = time.monotonic()
    assert _reason(f"{server}{path}") == reason
    assert time.monotonic() - start < 5


def test_bad_arguments() -> None:
    with pytest.raises(govsocial.UsageError, match="url="):
        fetch_media("")
    with pytest.raises(govsocial.UsageError, match="timeout=0"):
        FetchOptions(timeout=0)
    with pytest.raises(govsocial.UsageError, match="allow_addresses"):
        FetchOptions(allow_addresses=["intranet"])


def _post(url: str) -> dict[str, object]:
    return {
        "networks": ["instagram"],
        "text": {"ca": "Festa"},
        "media": [{"url": url, "alt": {"ca": "Cartell."}}],
    }


def test_check_fetches_only_when_asked(server: str) -> None:
    post = _post(f"{server}/cartell.jpg")
    assert {f.code for f in govsocial.check(post, select=["GS27"]).findings} == {"GS271"}
    report = govsocial.check(post, select=["GS27"], fetch=True, allow_private=True)
    assert report.findings == ()
    (f,) = govsocial.check(post, select=["GS27"], fetch=True).findings
    assert f.code == "GS270" and "refused" in f.message


def test_check_reports_lying_content_type_and_html(server: str) -> None:
    (f,) = govsocial.check(
        _post(f"{server}/lying.jpg"), select=["GS270"], fetch=True, allow_private=True
    ).findings
    assert "image/jpeg" in f.message and "PNG" in f.message
    (f,) = govsocial.check(
        _post(f"{server}/page.jpg"), select=["GS270"], fetch=True, allow_private=True
    ).findings
    assert "HTML" in f.message
