"""Signed Slack requests into the real WSGI app, shaped like the payloads Slack sends."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import time
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from playground.slack.slack_server import FakeSlack

TEAM = {"id": "T0TEAM", "domain": "itabasami-test"}


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class SlackDriver:
    """Plays Slack's part: builds a payload, signs it with the signing secret, and sends it."""

    def __init__(self, wsgi_app: Any, *, signing_secret: str, fake: FakeSlack) -> None:
        self.app = wsgi_app
        self.secret = signing_secret
        self.fake = fake
        self.http_port = 0

    # --- raw HTTP -------------------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        *,
        content_type: str = "",
        headers: dict[str, str] | None = None,
    ) -> Response:
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "3000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "CONTENT_TYPE": content_type,
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
            "wsgi.errors": io.StringIO(),
        }
        for name, value in (headers or {}).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        captured: dict[str, Any] = {}

        def start_response(
            status: str, response_headers: list[tuple[str, str]], exc_info: Any = None
        ) -> None:
            captured["status"] = int(status.split()[0])
            captured["headers"] = {k.lower(): v for k, v in response_headers}

        chunks = self.app(environ, start_response)
        data = b"".join(chunks)
        return Response(captured["status"], captured["headers"], data)

    def signed(
        self,
        body: bytes,
        *,
        content_type: str,
        timestamp: int | None = None,
        extra_headers: dict[str, str] | None = None,
        signature: str | None = None,
    ) -> Response:
        ts = str(timestamp if timestamp is not None else int(time.time()))
        sig = signature if signature is not None else self.sign(ts, body)
        headers = {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig, **(extra_headers or {})}
        return self.request("POST", "/slack/events", body, content_type=content_type, headers=headers)

    def sign(self, timestamp: str, body: bytes) -> str:
        base = b"v0:" + timestamp.encode() + b":" + body
        return "v0=" + hmac.new(self.secret.encode(), base, hashlib.sha256).hexdigest()

    # --- Slack's request shapes -----------------------------------------------------------------------

    def command(self, command: str, text: str = "", *, user: str, channel: str = "CCLIENT") -> Response:
        """A slash command; returns the HTTP response (the ack), with the trigger and response URL used."""
        self.last_trigger = self.fake.new_trigger_id()
        self.last_response_url = self.fake.new_response_url()
        form = {
            "token": "legacy-verification-token",
            "team_id": TEAM["id"],
            "team_domain": TEAM["domain"],
            "channel_id": channel,
            "channel_name": "client-desk",
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "api_app_id": "A0ITABASAMI",
            "is_enterprise_install": "false",
            "response_url": self.last_response_url,
            "trigger_id": self.last_trigger,
        }
        return self.signed(urlencode(form).encode(), content_type="application/x-www-form-urlencoded")

    def command_over_http(self, command: str, text: str, *, user: str) -> int:
        """The same slash command, but over a real socket to a server on `self.http_port`."""
        import urllib.request

        form = {
            "command": command,
            "text": text,
            "user_id": user,
            "team_id": TEAM["id"],
            "channel_id": "CCLIENT",
            "trigger_id": self.fake.new_trigger_id(),
            "response_url": self.fake.new_response_url(),
            "api_app_id": "A0ITABASAMI",
        }
        body = urlencode(form).encode()
        ts = str(int(time.time()))
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.http_port}/slack/events",
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": self.sign(ts, body),
            },
        )
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
            return int(response.status)

    def interactive(self, payload: dict[str, Any]) -> Response:
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.signed(body, content_type="application/x-www-form-urlencoded")

    def block_action(
        self,
        action_id: str,
        *,
        user: str,
        value: str | None = None,
        channel: str | None = None,
        message_ts: str | None = None,
        view: dict[str, Any] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Response:
        self.last_trigger = self.fake.new_trigger_id()
        action: dict[str, Any] = {
            "action_id": action_id,
            "block_id": "b",
            "type": "button",
            "action_ts": f"{time.time():.6f}",
        }
        if value is not None:
            action["value"] = value
        action.update(extra or {})
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": {"id": user, "username": user.lower(), "team_id": TEAM["id"]},
            "api_app_id": "A0ITABASAMI",
            "token": "legacy-verification-token",
            "trigger_id": self.last_trigger,
            "team": TEAM,
            "actions": [action],
        }
        if view is not None:
            payload["view"] = view
            payload["container"] = {"type": "view", "view_id": view.get("id")}
        else:
            self.last_response_url = self.fake.new_response_url()
            payload["response_url"] = self.last_response_url
            payload["channel"] = {"id": channel or "C0ESCAL", "name": "escalations"}
            payload["container"] = {
                "type": "message",
                "message_ts": message_ts or "1.0",
                "channel_id": channel or "C0ESCAL",
            }
            payload["message"] = {"ts": message_ts or "1.0", "type": "message"}
        return self.interactive(payload)

    def view_submission(
        self,
        view: dict[str, Any],
        values: dict[str, dict[str, Any]],
        *,
        user: str,
        view_id: str | None = None,
    ) -> Response:
        """Submit a modal built by the app, with `values` as {block_id: element state}."""
        state = {block_id: {block_id: element} for block_id, element in values.items()}
        submitted = dict(view)
        submitted.update(
            {
                "id": view_id or view.get("id") or f"V{uuid.uuid4().hex[:10].upper()}",
                "state": {"values": state},
                "hash": "h1",
            }
        )
        payload = {
            "type": "view_submission",
            "team": TEAM,
            "user": {"id": user, "username": user.lower(), "team_id": TEAM["id"]},
            "api_app_id": "A0ITABASAMI",
            "token": "legacy-verification-token",
            "trigger_id": self.fake.new_trigger_id(),
            "view": submitted,
            "response_urls": [],
        }
        return self.interactive(payload)

    def _fresh_response_url(self) -> str:
        self.last_response_url = self.fake.new_response_url()
        return self.last_response_url

    def message_shortcut(
        self, callback_id: str, *, user: str, message: dict[str, Any], channel: str = "CCLIENT"
    ) -> Response:
        self.last_trigger = self.fake.new_trigger_id()
        payload = {
            "type": "message_action",
            "callback_id": callback_id,
            "trigger_id": self.last_trigger,
            "team": TEAM,
            "channel": {"id": channel, "name": "client-desk"},
            "user": {"id": user, "name": user.lower(), "team_id": TEAM["id"]},
            "message": message,
            "message_ts": message.get("ts"),
            "response_url": self._fresh_response_url(),
            "token": "legacy-verification-token",
        }
        return self.interactive(payload)

    def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None
    ) -> Response:
        body = {
            "token": "legacy-verification-token",
            "team_id": TEAM["id"],
            "api_app_id": "A0ITABASAMI",
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM["id"], "user_id": "UBOT", "is_bot": True}],
        }
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self.signed(json.dumps(body).encode(), content_type="application/json", extra_headers=headers)
