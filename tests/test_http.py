"""HTTP mode: one path for everything Slack sends, signatures enforced, a health check, a real server."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from bot.app import Itabasami
from bot.server import MAX_REQUEST_BODY, build_server, make_wsgi_app
from playground.slack.slack_server import FakeSlack
from tests.conftest import OWNER, RAISER
from tests.support.driver import SlackDriver

BODY = b"command=%2Fescalate&text=help&user_id=UOWNER&team_id=T0TEAM&trigger_id=1.2&response_url=x"


def test_bad_missing_or_stale_signatures_get_401(bot: Itabasami, driver: SlackDriver) -> None:
    """A forged, absent or five-minute-old signature is refused with 401 and never reaches a listener."""
    form = "application/x-www-form-urlencoded"
    assert driver.signed(BODY, content_type=form, signature="v0=deadbeef").status == 401
    assert driver.request("POST", "/slack/events", BODY, content_type=form).status == 401
    stale = int(time.time()) - 6 * 60
    assert driver.signed(BODY, content_type=form, timestamp=stale).status == 401
    assert driver.signed(BODY, content_type=form).status == 200


def test_health_check_reports_database(bot: Itabasami, slack: FakeSlack) -> None:
    """GET /healthz is 200 while the database answers and 503 when it does not."""
    healthy = SlackDriver(make_wsgi_app(bot.bolt, lambda: True), signing_secret="x", fake=slack)
    broken = SlackDriver(make_wsgi_app(bot.bolt, lambda: False), signing_secret="x", fake=slack)
    assert healthy.request("GET", "/healthz").status == 200
    assert broken.request("GET", "/healthz").status == 503
    assert healthy.request("GET", "/slack/events").status == 405
    assert healthy.request("GET", "/nowhere").status == 404


def test_health_check_uses_the_real_database(driver: SlackDriver) -> None:
    """The health check run by the test app pings the test database for real."""
    assert driver.request("GET", "/healthz").text == "ok"


def test_url_verification_is_answered(driver: SlackDriver) -> None:
    """Slack's URL verification challenge (when the Events URL is saved) is echoed back."""
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "t"}).encode()
    response = driver.signed(body, content_type="application/json")
    assert response.status == 200 and "abc123" in response.text


@contextlib.contextmanager
def _serving(bot: Itabasami) -> Iterator[int]:
    """The production server on a free loopback port, for the length of the block."""
    server = build_server(make_wsgi_app(bot.bolt, lambda: True), host="127.0.0.1", port=0, threads=8)

    def serve() -> None:
        with contextlib.suppress(OSError, ValueError):
            server.run()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.effective_port
    finally:
        server.close()
        thread.join(timeout=5)


def _status_line(sock: socket.socket) -> str:
    sock.settimeout(3)
    return sock.recv(4096).split(b"\r\n", 1)[0].decode()


def test_an_oversized_body_is_refused_before_it_is_read(bot: Itabasami) -> None:
    """A POST announcing 60 MB gets 413 from its headers alone (nothing of the body sent, nothing read);
    one that streams past the cap without a length is cut off with 413 too."""
    with _serving(bot) as port:
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(
                b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 60000000\r\n\r\n"
            )
            assert "413" in _status_line(sock)
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            chunk = b"x" * 65536
            with contextlib.suppress(OSError):
                for _ in range(MAX_REQUEST_BODY // len(chunk) + 2):
                    sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            assert "413" in _status_line(sock)


def test_idle_half_sent_connections_do_not_shut_slack_out(bot: Itabasami, driver: SlackDriver) -> None:
    """With 150 connections that sent half a request and went quiet, a signed command is still acked."""
    with _serving(bot) as port, contextlib.ExitStack() as stack:
        for _ in range(150):
            idle = stack.enter_context(socket.create_connection(("127.0.0.1", port)))
            idle.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\n")
        ts = str(int(time.time()))
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/slack/events",
            data=BODY,
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": driver.sign(ts, BODY),
            },
        )
        with urllib.request.urlopen(request, timeout=3) as response:  # noqa: S310 - loopback only
            assert response.status == 200


def test_waitress_serves_concurrent_requests(bot: Itabasami, slack: FakeSlack, driver: SlackDriver) -> None:
    """The production server answers twenty slash commands at once, each acked well inside 3 seconds."""
    server = build_server(make_wsgi_app(bot.bolt, lambda: True), host="127.0.0.1", port=0, threads=8)

    def serve() -> None:
        # closing the listening socket from another thread ends waitress's loop with one of these
        with contextlib.suppress(OSError, ValueError):
            server.run()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    port = server.effective_port
    try:

        def one(i: int) -> tuple[int, float]:
            body = (
                f"command=%2Fescalate&text=help&user_id={OWNER if i % 2 else RAISER}&team_id=T0TEAM"
                f"&trigger_id=1.{i}&response_url={slack.new_response_url()}"
            ).encode()
            ts = str(int(time.time()))
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/slack/events",
                data=body,
                method="POST",
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-Slack-Request-Timestamp": ts,
                    "X-Slack-Signature": driver.sign(ts, body),
                },
            )
            started = time.monotonic()
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback only
                return response.status, time.monotonic() - started

        with ThreadPoolExecutor(max_workers=20) as pool:
            results = list(pool.map(one, range(20)))
        assert all(status == 200 for status, _ in results)
        assert max(elapsed for _, elapsed in results) < 3.0
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
        except urllib.error.HTTPError as exc:  # pragma: no cover - shows the status if it is not 200
            raise AssertionError(exc.code) from exc
    finally:
        server.close()
        thread.join(timeout=5)
