"""The playground's workspace: the Slack stand-in, the real bot, and Slack's part between people and the bot.

`Workspace.start()` starts the stand-in (``playground.slack``), migrates the playground's own SQLite
file, builds the bot exactly as ``python -m bot`` does (``create_app`` and ``bot.server``) and serves
it on loopback. The bot calls the stand-in's Web API over HTTP (``SLACK_API_BASE_URL``); what people
do on the page arrives at the bot as Slack sends it: signed HTTP requests to ``/slack/events``. The
only thing the playground changes in the bot is its clock, which a person can move on.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import yaml

from bot.app import Itabasami, create_app
from bot.server import build_server, database_health, make_wsgi_app
from bot.settings import Settings
from playground import cast
from playground.clock import MovableClock
from playground.slack.slack_models import Message
from playground.slack.slack_server import FakeSlack
from storage.migrate import upgrade_to_head

log = logging.getLogger(__name__)

TEAM = {"id": "T0ITABASAMI", "domain": "itabasami-playground"}
APP_ID = "A0ITABASAMI"
COMMANDS = ("/escalate", "/vent")
SHORTCUTS = ("escalate_message", "vent_report_message")
ANSWER_WITHIN = 10.0  # seconds; Slack gives up after 3, the page waits a little longer to show why
SLOW_ANSWER = 3.0
STEPS = {"30m": timedelta(minutes=30), "2h": timedelta(hours=2), "1d": timedelta(days=1)}
WORK_START = 9
# The office's presets (the same as README's): a Japan office and a US office.
OFFICES = {
    "ja": {"DEFAULT_LOCALE": "ja", "DEFAULT_TIMEZONE": "Asia/Tokyo", "HOLIDAY_COUNTRY": "JP"},
    "en": {"DEFAULT_LOCALE": "en", "DEFAULT_TIMEZONE": "America/New_York", "HOLIDAY_COUNTRY": "US"},
}
CHANNEL_TYPES = {"channels": "channel", "groups": "group", "im": "im", "mpim": "mpim"}
MENTION = re.compile(r"(?<![<\w])@([A-Za-z][\w.-]*)")


class RefusedByPage(ValueError):
    """Something a person did that Slack itself would refuse (e.g. a form with a required field empty)."""


@dataclass
class Notice:
    """Something Slack (not the bot) tells the person, or a call it refused, as the page shows it."""

    text: str
    at: float = field(default_factory=time.time)


class Workspace:
    """A running playground: call `start()`, then act as people with the methods below."""

    def __init__(self, data_dir: Path, *, clock: MovableClock | None = None, office: str = "ja") -> None:
        if office not in OFFICES:
            raise ValueError(f"office must be one of {sorted(OFFICES)}")
        self.office = office
        self.data_dir = data_dir
        self.clock = clock or MovableClock()
        self.slack = FakeSlack(
            team_id=TEAM["id"],
            team_name="いたばさみ法律事務所 / Itabasami Law Office",
            token="xoxb-playground-" + secrets.token_hex(8),
            wall=self.clock.timestamp,
        )
        self.signing_secret = secrets.token_hex(16)
        self.bot: Itabasami | None = None
        self._server: Any = None
        self._server_thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.notices: list[Notice] = []
        self.field_errors: dict[str, dict[str, str]] = {}
        self._slackbot_ts: set[str] = set()  # ephemerals Slack itself (not the app) showed

    # ----------------------------------------------------------------------------- lifecycle
    def start(self) -> Self:
        self.slack.start()
        self._populate()
        settings = Settings.from_env(self._env())
        upgrade_to_head(settings.database_url)
        bot = create_app(settings, clock=self.clock)
        self.bot = bot
        bot.seed_chain()
        problem = bot.token_problem()
        if problem is not None:
            raise RuntimeError(problem)
        bot.start_background()
        bot.join_escalation_channel()
        if bot.engine is None:
            raise RuntimeError("the bot built no engine of its own")
        self._server = build_server(
            make_wsgi_app(bot.bolt, database_health(bot.engine)), host="127.0.0.1", port=0, threads=8
        )
        self._server_thread = threading.Thread(target=self._server.run, name="bot-http", daemon=True)
        self._server_thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self.bot is not None:
            self.bot.stop()
            self.bot = None
        self.slack.stop()

    @property
    def bot_url(self) -> str:
        if self._server is None:
            raise RuntimeError("not started")
        return f"http://127.0.0.1:{self._server.effective_port}/slack/events"

    def _env(self) -> dict[str, str]:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        database = self.data_dir / "playground.db"
        for stale in self.data_dir.glob("playground.db*"):
            stale.unlink()  # the stand-in's messages live in memory: every run starts a fresh office
        chain_file = self.data_dir / "chain.yml"
        chain_file.write_text(yaml.safe_dump(dict(cast.CHAIN)), encoding="utf-8")
        return {
            "SLACK_BOT_TOKEN": self.slack.token,
            "SLACK_SIGNING_SECRET": self.signing_secret,
            "SLACK_API_BASE_URL": self.slack.base_url,
            "DATABASE_URL": f"sqlite:///{database.resolve()}",
            "LOG_LEVEL": "WARNING",
            "ESCALATION_CHANNEL": cast.ESCALATIONS.id,
            **OFFICES[self.office],
            "ADMIN_USERS": cast.MANAGER.id,
            "ADMIN_CHANNEL": cast.ADMIN_ROOM.id,
            "CONSULTATION_DESK": cast.DESK.id,
            "ESCALATION_CHAIN_FILE": str(chain_file),
            "PEER_CHANNEL": cast.PEER_SUPPORT.id,
            "ANON_SECRET": secrets.token_urlsafe(48),
            "MODERATORS": cast.MANAGER.id,
            "SCHEDULER_TICK": "1s",
            # The stand-in sets no rate limits, so the bot need not pace its posts.
            "CHANNEL_POST_INTERVAL": "off",
        }

    def _populate(self) -> None:
        for person in (*cast.PEOPLE, cast.CLIENT):
            self.slack.add_user(
                person.id,
                person.handle,
                real_name=person.real_name,
                display_name=person.real_name,
                locale=person.locale,
                tz=person.tz,
                is_admin=person.is_admin,
            )
        for person in cast.PEOPLE:
            self.slack.open_dm(person.id)
        for room in cast.ROOMS:
            self.slack.add_channel(room.id, room.name, is_private=room.is_private, members=room.members)
        started = self.clock.timestamp() - 3 * 3600
        for i, (who, text) in enumerate(cast.CLIENT_HISTORY):
            ts = f"{started + i * 600:.6f}"
            self.slack.add_message(cast.CLIENT_ROOM.id, text, user=who, ts=ts)

    # ----------------------------------------------------------------------------- what people do
    def send(self, user: str, channel: str, text: str, *, thread_ts: str | None = None) -> None:
        """Someone types into a conversation's composer: a slash command, or a message."""
        text = text.strip()
        if not text:
            return
        if text.startswith("/"):
            command, _, rest = text.partition(" ")
            self.command(user, channel, command, rest.strip(), thread_ts=thread_ts)
            return
        target = self.slack.channel(channel)
        if target is None or user not in target.members:
            raise RefusedByPage("not_in_channel")
        if target.is_im:
            raise RefusedByPage("read_only_dm")
        text = self._with_mentions(text)
        ts = self.slack.add_message(channel, text, user=user, thread_ts=thread_ts)
        if self.slack.bot_user_id in target.members:
            event: dict[str, Any] = {
                "type": "message",
                "channel": target.id,
                "user": user,
                "text": text,
                "ts": ts,
                "event_ts": ts,
                "channel_type": CHANNEL_TYPES[target.kind],
            }
            if thread_ts:
                event["thread_ts"] = thread_ts
            self._event(event)

    def command(
        self, user: str, channel: str, command: str, text: str, *, thread_ts: str | None = None
    ) -> None:
        if command not in COMMANDS:
            self._slackbot(channel, user, "unknown_command", command=command)
            return
        target = self.slack.channel(channel)
        form = {
            "token": "playground",
            "team_id": TEAM["id"],
            "team_domain": TEAM["domain"],
            "channel_id": channel,
            "channel_name": target.name if target is not None else "",
            "user_id": user,
            "user_name": self._handle(user),
            "command": command,
            "text": self._with_mentions(text, escaped=True),
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": self.slack.new_response_url(user=user, channel=channel),
            "trigger_id": self.slack.new_trigger_id(user_id=user),
        }
        body = urlencode(form).encode()
        answer = self._post(body, "application/x-www-form-urlencoded", user=user, channel=channel)
        self._show_answer(answer, user=user, channel=channel, thread_ts=thread_ts)

    def press(
        self,
        user: str,
        action: Mapping[str, Any],
        *,
        channel: str | None = None,
        message_ts: str | None = None,
        view_id: str | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> None:
        """Someone presses a button, picks from a menu or a select, or chooses a date."""
        element = {**action, "action_ts": f"{time.time():.6f}"}
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": self._user(user),
            "api_app_id": APP_ID,
            "token": "playground",
            "trigger_id": self.slack.new_trigger_id(user_id=user, view_id=view_id),
            "team": TEAM,
            "is_enterprise_install": False,
            "actions": [element],
            "state": {"values": dict(values or {})},
        }
        if view_id is not None:
            view = self.slack.view_payload(view_id)
            if view is None:
                raise RefusedByPage("view_not_found")
            view["state"] = {"values": full_state(view.get("blocks") or [], values or {})}
            payload["view"] = view
            payload["container"] = {"type": "view", "view_id": view_id}
        else:
            if channel is None or message_ts is None:
                raise RefusedByPage("no_container")
            message = self.slack.message_payload(channel, message_ts)
            payload["container"] = {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": channel,
                "is_ephemeral": message is None,
            }
            payload["channel"] = {"id": channel, "name": self._channel_name(channel)}
            if message is not None:
                payload["message"] = message
            payload["response_url"] = self.slack.new_response_url(
                user=user, channel=channel, message_ts=message_ts
            )
        self._interactive(payload, user=user, channel=channel)

    def submit(self, user: str, view_id: str, values: Mapping[str, Any]) -> dict[str, str]:
        """Someone presses a modal's submit button; returns the errors shown on its fields."""
        view = self.slack.view_payload(view_id)
        record = self.slack.view(view_id)
        if view is None or record is None or record.closed:
            raise RefusedByPage("view_not_found")
        required = _required_left_empty(record.view.get("blocks") or [], values)
        if required:
            errors = dict.fromkeys(required, "required")
            self.field_errors[view_id] = errors
            return errors
        view["state"] = {"values": full_state(record.view.get("blocks") or [], values)}
        payload = {
            "type": "view_submission",
            "team": TEAM,
            "user": self._user(user),
            "api_app_id": APP_ID,
            "token": "playground",
            "trigger_id": self.slack.new_trigger_id(user_id=user, view_id=view_id),
            "view": view,
            "response_urls": [],
            "is_enterprise_install": False,
        }
        answer = self._interactive(payload, user=user, channel=None)
        decoded = _json_or_empty(answer)
        errors = self.slack.answer_submission(view_id, decoded)
        self.field_errors[view_id] = errors
        return errors

    def close(self, user: str, view_id: str) -> None:
        record = self.slack.view(view_id)
        if record is None:
            return
        self.slack.close_modal(view_id)
        if record.view.get("notify_on_close"):
            view = self.slack.view_payload(view_id)
            payload = {
                "type": "view_closed",
                "team": TEAM,
                "user": self._user(user),
                "api_app_id": APP_ID,
                "token": "playground",
                "view": view,
                "is_cleared": False,
            }
            self._interactive(payload, user=user, channel=None)

    def shortcut(self, user: str, callback_id: str, channel: str, message_ts: str) -> None:
        """Someone picks a message shortcut ("Escalate this message") from a message's menu."""
        if callback_id not in SHORTCUTS:
            raise RefusedByPage("unknown_shortcut")
        message = self.slack.message_payload(channel, message_ts)
        if message is None:
            raise RefusedByPage("message_not_found")
        payload = {
            "type": "message_action",
            "callback_id": callback_id,
            "trigger_id": self.slack.new_trigger_id(user_id=user),
            "team": TEAM,
            "channel": {"id": channel, "name": self._channel_name(channel)},
            "user": self._user(user),
            "message": message,
            "message_ts": message_ts,
            "response_url": self.slack.new_response_url(user=user, channel=channel),
            "token": "playground",
            "is_enterprise_install": False,
        }
        self._interactive(payload, user=user, channel=channel)

    def open_home(self, user: str) -> None:
        """Someone opens the bot's Home tab (Slack sends app_home_opened each time)."""
        channel = self.slack.im_channel(user) or f"D0{user.removeprefix('U')}"
        self._event(
            {
                "type": "app_home_opened",
                "user": user,
                "channel": channel,
                "tab": "home",
                "event_ts": f"{time.time():.6f}",
            }
        )

    def advance(self, step: str, *, viewer: str) -> datetime:
        """Move the clock on: ``30m``, ``2h``, ``1d`` or ``morning`` (the viewer's next working 09:00)."""
        if step == "morning":
            delta = self._to_next_morning(viewer)
        elif step in STEPS:
            delta = STEPS[step]
        else:
            raise RefusedByPage("unknown_step")
        moved = self.clock.advance(delta)
        if self.bot is not None:
            # The hourly housekeeping (digest planning, retention) would wait for real hours to pass.
            threading.Thread(target=self.bot.run_periodic, name="housekeeping", daemon=True).start()
        return moved

    def _to_next_morning(self, viewer: str) -> timedelta:
        person = next((p for p in cast.PEOPLE if p.id == viewer), cast.PARALEGAL)
        zone = ZoneInfo(person.tz)
        now = self.clock.now().astimezone(zone)
        day = now.date() + timedelta(days=1)
        calendar = self.bot.settings.calendar if self.bot is not None else None
        work_days = self.bot.settings.work_week.days if self.bot is not None else frozenset(range(5))
        while day.weekday() not in work_days or (calendar is not None and calendar.is_closed(day)):
            day += timedelta(days=1)
        morning = datetime(day.year, day.month, day.day, WORK_START, tzinfo=zone)
        return morning - now

    # ----------------------------------------------------------------------------- Slack's plumbing
    def _event(self, event: dict[str, Any]) -> None:
        body = {
            "token": "playground",
            "team_id": TEAM["id"],
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM["id"], "user_id": self.slack.bot_user_id, "is_bot": True}],
        }
        self._post(json.dumps(body).encode(), "application/json", user=None, channel=None)

    def _interactive(self, payload: dict[str, Any], *, user: str, channel: str | None) -> bytes:
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self._post(body, "application/x-www-form-urlencoded", user=user, channel=channel)

    def _post(self, body: bytes, content_type: str, *, user: str | None, channel: str | None) -> bytes:
        """Send a request to the bot signed as Slack signs it; Slack's complaint if it is slow or fails."""
        ts = str(int(time.time()))
        base = b"v0:" + ts.encode() + b":" + body
        signature = "v0=" + hmac.new(self.signing_secret.encode(), base, hashlib.sha256).hexdigest()
        request = urllib.request.Request(  # noqa: S310 - the bot on loopback
            self.bot_url,
            data=body,
            method="POST",
            headers={
                "Content-Type": content_type,
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": signature,
            },
        )
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=ANSWER_WITHIN) as response:  # noqa: S310
                answer: bytes = response.read()
        except (urllib.error.URLError, TimeoutError) as exc:
            self._note(f"The app did not answer ({type(exc).__name__}: {exc}).")
            if user is not None and channel is not None:
                self._slackbot(channel, user, "app_failed")
            return b""
        if time.monotonic() - started > SLOW_ANSWER:
            self._note("The app took longer than 3 seconds to answer: Slack would show an error.")
        return answer

    def _show_answer(self, answer: bytes, *, user: str, channel: str, thread_ts: str | None) -> None:
        """A command's acknowledgement: text or blocks Slack shows the person (or the channel)."""
        if not answer.strip():
            return
        decoded = _json_or_empty(answer)
        if not decoded:
            self.slack.add_ephemeral(channel, user, answer.decode(errors="replace"), thread_ts=thread_ts)
            return
        text, blocks = str(decoded.get("text") or ""), decoded.get("blocks")
        if decoded.get("response_type") == "in_channel":
            self.slack.add_message(
                channel, text, user=self.slack.bot_user_id, blocks=blocks, thread_ts=thread_ts
            )
            return
        self.slack.add_ephemeral(channel, user, text, blocks=blocks, thread_ts=thread_ts)

    def _slackbot(self, channel: str, user: str, what: str, **values: str) -> None:
        """Slack's own ephemeral notices, in the person's language, sent by Slackbot."""
        locale = next((p.locale for p in cast.PEOPLE if p.id == user), "en-US")
        text = SLACKBOT[what]["ja" if locale.startswith("ja") else "en"].format(**values)
        self.slack.add_ephemeral(channel, user, text, thread_ts=None)
        with self._lock:
            self._slackbot_ts.add(self.slack.ephemerals(user)[-1].ts)

    def is_slackbot(self, ts: str) -> bool:
        with self._lock:
            return ts in self._slackbot_ts

    def _note(self, text: str) -> None:
        with self._lock:
            self.notices.append(Notice(text))
            del self.notices[:-20]

    def _user(self, user: str) -> dict[str, Any]:
        handle = self._handle(user)
        return {"id": user, "username": handle, "name": handle, "team_id": TEAM["id"]}

    def _handle(self, user: str) -> str:
        return next((p.handle for p in (*cast.PEOPLE, cast.CLIENT) if p.id == user), user.lower())

    def _channel_name(self, channel: str) -> str:
        found = self.slack.channel(channel)
        if found is None or found.is_im:
            return "directmessage"
        return found.name

    def _with_mentions(self, text: str, *, escaped: bool = False) -> str:
        """``@jordan`` as Slack turns it into a mention (``<@U…|jordan>`` for commands that escape)."""
        by_handle = {p.handle: p.id for p in (*cast.PEOPLE, cast.CLIENT)}

        def mention(match: re.Match[str]) -> str:
            found = by_handle.get(match.group(1).lower())
            if found is None:
                return match.group(0)
            return f"<@{found}|{match.group(1)}>" if escaped else f"<@{found}>"

        return MENTION.sub(mention, text)

    def messages(self, channel: str) -> list[Message]:
        return self.slack.messages(channel)


SLACKBOT = {
    "unknown_command": {
        "ja": "{command} というコマンドはありません。「/」で始めた文はコマンドとして扱われます。"
        "そのまま送りたいときは、先頭に空白を入れてください。",
        "en": "There is no {command} command. Anything starting with “/” is read as a command; "
        "to send it as a message, start with a space.",
    },
    "app_failed": {
        "ja": "/コマンドの実行に失敗しました（アプリが応答しませんでした）。",
        "en": "The app did not respond.",
    },
}


def _json_or_empty(answer: bytes) -> dict[str, Any]:
    try:
        decoded = json.loads(answer) if answer.strip() else {}
    except ValueError:
        return {}
    return decoded if isinstance(decoded, dict) else {}


def _required_left_empty(blocks: list[Any], values: Mapping[str, Any]) -> list[str]:
    """Block IDs of required input blocks with nothing entered (Slack refuses those itself)."""
    empty = []
    for block in blocks:
        if not isinstance(block, dict) or block.get("type") != "input" or block.get("optional"):
            continue
        block_id = str(block.get("block_id", ""))
        state = (values.get(block_id) or {}).values()
        if not any(_has_value(element) for element in state):
            empty.append(block_id)
    return empty


def _has_value(element: Any) -> bool:
    if not isinstance(element, dict):
        return False
    for key in (
        "value",
        "selected_option",
        "selected_date",
        "selected_time",
        "selected_user",
        "selected_conversation",
        "selected_channel",
        "rich_text_value",
    ):
        if element.get(key):
            return True
    return any(element.get(key) for key in ("selected_options", "selected_users", "selected_conversations"))


EMPTY: dict[str, dict[str, Any]] = {
    "static_select": {"selected_option": None},
    "users_select": {"selected_user": None},
    "conversations_select": {"selected_conversation": None},
    "multi_users_select": {"selected_users": []},
    "multi_static_select": {"selected_options": []},
    "checkboxes": {"selected_options": []},
    "radio_buttons": {"selected_option": None},
    "datepicker": {"selected_date": None},
    "timepicker": {"selected_time": None},
    "datetimepicker": {"selected_date_time": None},
}


def full_state(blocks: list[Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """``view.state.values`` as Slack sends it: every input block's element, typed, empty ones too."""
    out: dict[str, Any] = {}
    for block in blocks:
        if not isinstance(block, dict) or block.get("type") != "input":
            continue
        element = block.get("element") or {}
        block_id, action_id = str(block.get("block_id", "")), str(element.get("action_id", ""))
        kind = str(element.get("type", ""))
        entered = (values.get(block_id) or {}).get(action_id) or {}
        state = {"type": kind, **EMPTY.get(kind, {"value": None})}
        state.update({key: value for key, value in entered.items() if key != "type"})
        out[block_id] = {action_id: state}
    for block_id, elements in values.items():  # actions blocks in a view keep their state too
        if block_id not in out and isinstance(elements, dict):
            out[block_id] = dict(elements)
    return out
