"""The page: a small Slack workspace in the browser, served on loopback next to the running bot.

``GET /`` is the page (plain HTML, CSS and JavaScript from ``static/``); ``GET /api/state?as=U…`` is
everything that person sees; ``POST /api/<what>`` is something they do (send, press, submit, close,
shortcut, home, clock, switch is only on the page). The page polls the state and renders Block Kit
itself.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from playground import cast
from playground.slack.slack_models import Message
from playground.workspace import RefusedByPage, Workspace

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript"}
RECENT_REFUSALS = 30


def snapshot(workspace: Workspace, user: str) -> dict[str, Any]:
    """What ``user`` sees: their conversations, ephemerals, Home tab, modal, and the workspace's clock."""
    slack = workspace.slack
    conversations = []
    for channel in slack.channels():
        if user not in channel.members:
            continue
        if channel.is_im and channel.im_user != user:
            continue
        conversations.append(
            {
                "id": channel.id,
                "name": channel.name,
                "kind": "im" if channel.is_im else ("mpim" if channel.is_mpim else "channel"),
                "private": channel.is_private,
                "members": channel.members,
                "messages": [_message(m) for m in slack.messages(channel.id)],
            }
        )
    ephemerals = [{**asdict(e), "slackbot": workspace.is_slackbot(e.ts)} for e in slack.ephemerals(user)]
    modal = slack.open_modal(user)
    refused = [
        {
            "method": call.method,
            "error": call.response.get("error"),
            "messages": (call.response.get("response_metadata") or {}).get("messages", []),
            "time": call.time,
        }
        for call in slack.calls()
        if not call.response.get("ok", False) and call.status == 200
    ][-RECENT_REFUSALS:]
    return {
        "me": user,
        "bot": slack.bot_user_id,
        "people": [asdict(p) for p in cast.PEOPLE],
        "users": {
            u.id: {"name": u.name, "real_name": u.real_name, "is_bot": u.is_bot, "tz": u.tz}
            for u in slack.users()
        },
        "conversations": conversations,
        "ephemerals": ephemerals,
        "home": slack.home(user),
        "modal": None
        if modal is None
        else {"id": modal.id, "view": modal.view, "errors": workspace.field_errors.get(modal.id, {})},
        "refused": refused,
        "notices": [asdict(n) for n in workspace.notices],
        "now": workspace.clock.now().timestamp(),
        "offset": workspace.clock.offset.total_seconds(),
    }


def _message(message: Message) -> dict[str, Any]:
    return {
        "ts": message.ts,
        "user": message.user,
        "bot": bool(message.bot_id),
        "text": message.text,
        "blocks": message.blocks,
        "thread_ts": message.thread_ts,
        "edited": message.edited_ts is not None,
        "reply_broadcast": message.reply_broadcast,
    }


def act(workspace: Workspace, what: str, body: dict[str, Any]) -> dict[str, Any]:
    """Do what a person did on the page; the answer the page shows (errors on a modal's fields)."""
    user = str(body.get("as") or "")
    if user not in cast.STAFF_IDS:
        raise RefusedByPage("unknown_person")
    if what == "send":
        workspace.send(user, str(body["channel"]), str(body.get("text", "")), thread_ts=body.get("thread_ts"))
    elif what == "press":
        workspace.press(
            user,
            body["action"],
            channel=body.get("channel"),
            message_ts=body.get("message_ts"),
            view_id=body.get("view_id"),
            values=body.get("values"),
        )
    elif what == "submit":
        return {"errors": workspace.submit(user, str(body["view_id"]), body.get("values") or {})}
    elif what == "close":
        workspace.close(user, str(body["view_id"]))
    elif what == "shortcut":
        workspace.shortcut(user, str(body["callback_id"]), str(body["channel"]), str(body["message_ts"]))
    elif what == "home":
        workspace.open_home(user)
    elif what == "clock":
        workspace.advance(str(body.get("step")), viewer=user)
    else:
        raise RefusedByPage("unknown_action")
    return {}


class PageServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, workspace: Workspace, host: str, port: int) -> None:
        self.workspace = workspace
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}/"

    def serve_in_background(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="page", daemon=True)
        thread.start()
        return thread


class _Handler(BaseHTTPRequestHandler):
    server: PageServer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows only the address and real problems."""

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if url.path == "/api/state":
            user = (parse_qs(url.query).get("as") or [cast.PARALEGAL.id])[0]
            self._json(200, snapshot(self.server.workspace, user))
            return
        if url.path == "/favicon.ico":
            self._reply(204, b"", "image/x-icon")
            return
        name = "index.html" if url.path == "/" else url.path.removeprefix("/static/")
        path = STATIC / name
        if "/" in name or not path.is_file():
            self._reply(404, b"not found", "text/plain")
            return
        self._reply(200, path.read_bytes(), TYPES.get(path.suffix, "application/octet-stream"))

    def do_POST(self) -> None:
        url = urlparse(self.path)
        if not url.path.startswith("/api/"):
            self._reply(404, b"not found", "text/plain")
            return
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            answer = act(self.server.workspace, url.path.removeprefix("/api/"), body)
        except RefusedByPage as exc:
            self._json(400, {"error": str(exc)})
            return
        except (ValueError, KeyError, TypeError) as exc:
            self._json(400, {"error": f"bad_request: {exc}"})
            return
        self._json(200, answer)

    def _json(self, status: int, data: Any) -> None:
        self._reply(status, json.dumps(data, ensure_ascii=False).encode(), "application/json")

    def _reply(self, status: int, body: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
