"""Remote media, fetched safely through httpx: off unless asked for.

:func:`fetch_media` downloads one URL with timeouts (per operation and in total), a size
cap enforced while the body streams, a limit on redirects, and an SSRF guard: every
connection (the first and each redirect hop) resolves the host name and refuses
loopback, private, link-local, shared, multicast and reserved addresses unless
``allow_private`` is set (or the address is in ``allow_addresses``), and then connects to
the very address it checked, so a second DNS answer cannot slip in. The caller compares
the content type the server sent with the bytes' real format. httpx is imported on
first use (``govsocial[images]``).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterator
from typing import Any

import attrs

from govsocial.errors import FetchError, MissingExtraError, UsageError

__all__ = ["FetchOptions", "FetchedMedia", "fetch_media"]

#: Why a fetch failed, as :attr:`FetchError.reason` gives it.
FETCH_ERROR_REASONS: tuple[str, ...] = (
    "bad-url",
    "refused-address",
    "unresolvable",
    "timeout",
    "too-large",
    "too-many-redirects",
    "http-status",
    "network",
)


def _positive(name: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise UsageError(f"expected a positive number, got {name}={value!r}")

    return check


def _count(_inst: object, _attr: object, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise UsageError(f"expected a count >= 0, got max_redirects={value!r}")


def _addresses(value: Any) -> frozenset[str]:
    try:
        return frozenset(str(ipaddress.ip_address(v)) for v in value)
    except (TypeError, ValueError):
        raise UsageError(f"expected IP addresses, got allow_addresses={value!r:.80}") from None


@attrs.frozen
class FetchOptions:
    """How remote media is fetched: timeouts in seconds, sizes in bytes.

    `timeout` bounds each network operation and the whole download; `allow_addresses`
    lets named private addresses through (an intranet media server) while the rest stay
    refused; `allow_private` lets every address through.
    """

    timeout: float = attrs.field(default=10.0, validator=_positive("timeout"))
    max_bytes: int = attrs.field(default=25_000_000, validator=_positive("max_bytes"))
    max_redirects: int = attrs.field(default=5, validator=_count)
    allow_private: bool = False
    allow_addresses: frozenset[str] = attrs.field(default=frozenset(), converter=_addresses)


@attrs.frozen
class FetchedMedia:
    """The bytes of a URL, the URL they finally came from and the content type sent."""

    url: str
    final_url: str
    content_type: str | None
    data: bytes = attrs.field(repr=False)


class _Refused(Exception):
    """Raised inside the connection layer; turned into FetchError by fetch_media."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def _allowed(address: str, options: FetchOptions) -> bool:
    if options.allow_private or address in options.allow_addresses:
        return True
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _resolve(host: str, port: int, options: FetchOptions) -> str:
    """The address to connect to: every address `host` resolves to must be allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise _Refused("unresolvable", f"the host {host!r} does not resolve") from None
    addresses = sorted({str(info[4][0]) for info in infos})
    if not addresses:
        raise _Refused("unresolvable", f"the host {host!r} does not resolve")
    for address in addresses:
        if not _allowed(address, options):
            raise _Refused(
                "refused-address",
                f"{host!r} resolves to {address}, a loopback, private, link-local or reserved "
                "address: refused (allow_private=True / --allow-private-urls to allow)",
            )
    return str(infos[0][4][0])


def _transport(options: FetchOptions) -> Any:
    import ssl

    import httpcore
    import httpx

    class GuardedBackend(httpcore.SyncBackend):
        def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Any = None,
        ) -> httpcore.NetworkStream:
            address = _resolve(host, port, options)
            return super().connect_tcp(address, port, timeout, local_address, socket_options)

    class Stream(httpx.SyncByteStream):
        def __init__(self, inner: Any) -> None:
            self._inner = inner

        def __iter__(self) -> Iterator[bytes]:
            yield from self._inner

        def close(self) -> None:
            if hasattr(self._inner, "close"):
                self._inner.close()

    class GuardedTransport(httpx.BaseTransport):
        """httpx's transport, with connections made through the guarded backend."""

        def __init__(self) -> None:
            self._pool = httpcore.ConnectionPool(
                ssl_context=ssl.create_default_context(),
                network_backend=GuardedBackend(),
                max_connections=4,
            )

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            req = httpcore.Request(
                method=request.method,
                url=httpcore.URL(
                    scheme=request.url.raw_scheme,
                    host=request.url.raw_host,
                    port=request.url.port,
                    target=request.url.raw_path,
                ),
                headers=request.headers.raw,
                content=request.stream,
                extensions=request.extensions,
            )
            resp = self._pool.handle_request(req)
            return httpx.Response(
                status_code=resp.status,
                headers=resp.headers,
                stream=Stream(resp.stream),
                extensions=resp.extensions,
            )

        def close(self) -> None:
            self._pool.close()

    return GuardedTransport()


def _check_url(url: object) -> str:
    if not isinstance(url, str) or not url:
        raise UsageError(f"expected an http(s) URL, got url={url!r:.80}")
    return url


def fetch_media(url: str, *, options: FetchOptions | None = None) -> FetchedMedia:
    """Download `url` within `options`' limits; raises :class:`FetchError` with a `reason`.

    Only http and https URLs are fetched; redirects are followed by hand (each hop's
    address checked again) up to ``options.max_redirects``.
    """
    url = _check_url(url)
    options = options if options is not None else FetchOptions()
    if not isinstance(options, FetchOptions):
        raise UsageError(f"expected FetchOptions, got options={options!r:.80}")
    try:
        import httpcore
        import httpx
    except ImportError:
        raise MissingExtraError("images", "fetching media by URL") from None
    deadline = time.monotonic() + options.timeout
    network_errors: tuple[type[BaseException], ...] = (
        httpx.HTTPError,
        httpx.InvalidURL,
        httpcore.TimeoutException,
        httpcore.NetworkError,
        httpcore.ProtocolError,
        httpcore.UnsupportedProtocol,
        OSError,
    )
    timeouts = (httpx.TimeoutException, httpcore.TimeoutException)
    current = url
    try:
        with httpx.Client(
            transport=_transport(options),
            timeout=httpx.Timeout(options.timeout),
            follow_redirects=False,
            headers={"User-Agent": "govsocial (media check)"},
        ) as client:
            for _hop in range(options.max_redirects + 1):
                target = httpx.URL(current)
                if target.scheme not in ("http", "https") or not target.host:
                    raise _Refused("bad-url", f"{current!r} is not an http(s) URL")
                with client.stream("GET", target) as response:
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        current = str(target.join(location))
                        continue
                    if response.status_code != 200:
                        raise _Refused(
                            "http-status", f"the server answered HTTP {response.status_code}"
                        )
                    data = _read(response, options, deadline)
                    ctype = response.headers.get("content-type")
                    return FetchedMedia(
                        url=url,
                        final_url=current,
                        content_type=ctype.split(";", 1)[0].strip().lower() if ctype else None,
                        data=data,
                    )
            raise _Refused("too-many-redirects", f"more than {options.max_redirects} redirects")
    except _Refused as exc:
        raise FetchError(exc.reason, exc.message, url=url) from None
    except timeouts:
        raise FetchError("timeout", f"no answer within {options.timeout:g} s", url=url) from None
    except network_errors as exc:
        raise FetchError("network", f"{type(exc).__name__}: {exc}"[:200], url=url) from None


def _read(response: Any, options: FetchOptions, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > options.max_bytes:
        raise _Refused(
            "too-large", f"{int(declared):,} bytes announced; at most {options.max_bytes:,}"
        )
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_raw():
        total += len(chunk)
        if total > options.max_bytes:
            raise _Refused("too-large", f"more than {options.max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise _Refused("timeout", f"not downloaded within {options.timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)
