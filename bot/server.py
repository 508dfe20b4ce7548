"""HTTP mode: one WSGI app for Slack's requests and a health check, served by waitress.

waitress is a production WSGI server (pure Python, threaded), so requests are served concurrently;
Bolt's own development server is never used.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import Engine
from waitress.server import create_server

from bot.gate import AcksFirst
from storage.db import ping

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
SERVER_THREADS = 32
THREADS_READY_WITHIN = 5.0  # seconds
# Slack's requests are small (a 40,000-character message event is about 160 KB), and all of this is
# decided before any signature can be checked, so it is what an unsigned stranger can make us hold.
MAX_REQUEST_BODY = 1 << 20  # 1 MiB; a larger Content-Length is refused (413) from the headers alone
MAX_REQUEST_HEADERS = 32 * 1024
CONNECTION_LIMIT = 1000  # open connections before waitress stops accepting more
IDLE_TIMEOUT = 10  # seconds a connection may sit without sending or receiving before it is closed
CLEANUP_INTERVAL = 2  # how often waitress looks for connections past IDLE_TIMEOUT

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def make_wsgi_app(bolt: App, health: Callable[[], bool], gate: AcksFirst | None = None) -> WSGIApp:
    """Slack's requests, and /healthz. With a `gate`, background work steps aside from the moment a
    request reaches the app until its answer is written (see bot/gate.py)."""
    slack = SlackRequestHandler(bolt, path=EVENTS_PATH)

    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            healthy = health()
            return _plain(
                start_response,
                "200 OK" if healthy else "503 Service Unavailable",
                "ok" if healthy else "database unavailable",
            )
        if path == EVENTS_PATH:
            if method != "POST":
                return _plain(start_response, "405 Method Not Allowed", "POST only")
            if gate is None:
                return slack(environ, start_response)
            with gate.request():
                return list(slack(environ, start_response))
        return _plain(start_response, "404 Not Found", "not found")

    return app


def database_health(engine: Engine) -> Callable[[], bool]:
    return lambda: ping(engine)


def _plain(start_response: StartResponse, status: str, body: str) -> list[bytes]:
    data = body.encode()
    start_response(
        status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(data)))]
    )
    return [data]


def build_server(app: WSGIApp, *, host: str, port: int, threads: int = SERVER_THREADS) -> Any:
    """A waitress server, bound but not yet running (`.run()` serves; `.close()` stops), whose threads
    are all waiting for work: a request that came in before they were would be queued and logged as
    a warning about an overloaded server. Bodies, headers, connections and idle clients are capped
    (see above); a half-sent request holds no thread, only a connection, until IDLE_TIMEOUT."""
    server = create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="itabasami",
        clear_untrusted_proxy_headers=True,
        max_request_body_size=MAX_REQUEST_BODY,
        max_request_header_size=MAX_REQUEST_HEADERS,
        connection_limit=CONNECTION_LIMIT,
        channel_timeout=IDLE_TIMEOUT,
        cleanup_interval=CLEANUP_INTERVAL,
    )
    tasks = server.task_dispatcher
    deadline = time.monotonic() + THREADS_READY_WITHIN
    while tasks.active_count > 0 and time.monotonic() < deadline:
        time.sleep(0.005)
    return server
