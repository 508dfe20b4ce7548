"""A fake Slack Web API server on loopback, for tests that drive the real ``slack_sdk.WebClient``.

    with FakeSlack() as fake:
        fake.add_user("U1", "aiko")
        fake.add_channel("C1", "general", members=["U1"])
        client = WebClient(token=fake.token, base_url=fake.base_url)
        client.chat_postMessage(channel="C1", text="hi")
        assert fake.messages("C1")[0].text == "hi"

The fake validates every call against Slack's method reference (``slack_api_ref/``), the bot
scopes granted in ``manifest.yml`` and Block Kit limits, and answers with the errors Slack gives,
so tests fail where production would.  Behaviours worth knowing:

* Scopes are also checked per conversation type, as Slack does: ``conversations.info`` on a DM
  needs ``im:read``, creating a public channel needs ``channels:manage`` (``channels:write``),
  inviting into a public channel needs ``channels:manage`` or ``channels:write.invites``.
* Private channels the bot is not in are invisible (``channel_not_found``); public channels it is
  not in give ``not_in_channel`` for posting/reading (unless ``chat:write.public`` is granted).
* ``users.list`` includes the bot user and ``USLACKBOT`` (``is_bot`` false!), like Slack.
* DMs to deactivated users still post (Slack does not refuse them); ``conversations.open`` refuses.
* Invalid views get ``invalid_arguments`` (Slack's error for views.*), invalid message blocks
  ``invalid_blocks``; both with ``response_metadata.messages`` json-pointer entries.
* ``action_id`` must be unique within its block and ``block_id`` within the message/view.
* Rate limiting (``RateLimits``) is off unless passed; with ``time_scale`` the reported
  ``Retry-After`` is in the fake's seconds, so divide it by ``time_scale`` before sleeping.
* A bug inside the fake answers HTTP 500 whose body starts with the exception and holds the
  traceback; ``fake.server_errors`` keeps them for assertions.

Import it as ``from playground.slack.slack_server import FakeSlack``; the playground (``python -m
playground``) serves the same fake to a person in a browser.
"""

from __future__ import annotations

import copy
import random
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

import yaml

from . import slack_render as render
from . import workspace_side
from .rate_limits import RateLimits
from .slack_dispatch import Dispatcher
from .slack_faults import Fault, FaultMix
from .slack_models import (
    Call,
    Channel,
    Dnd,
    Ephemeral,
    Message,
    ResponsePost,
    UploadedFile,
    User,
    Usergroup,
    ViewRecord,
)
from .slack_state import Identity, Settings, SlackState
from .slack_wire import HttpReply, RawRequest

MANIFEST_PATH = Path(__file__).parents[2] / "manifest.yml"
STOP_GRACE = 5.0
T = TypeVar("T")

__all__ = ["Call", "FakeSlack", "RateLimits"]


def load_manifest(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, dict) else {}


def _dig(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def manifest_bot_scopes(manifest: dict[str, Any]) -> frozenset[str]:
    scopes = _dig(manifest, "oauth_config", "scopes", "bot") or []
    return frozenset(str(scope) for scope in scopes)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, fake: FakeSlack, host: str) -> None:
        self.fake = fake
        super().__init__((host, 0), _RequestHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        self.fake._note_server_error(traceback.format_exc())


class _RequestHandler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "FakeSlack/1.0"

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def _serve(self) -> None:
        fake = self.server.fake
        with fake._tracking_request():
            try:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length > 0 else b""
                headers = {key.lower(): value for key, value in self.headers.items()}
                reply = fake._route(RawRequest(self.command, self.path, headers, body))
            except Exception as exc:
                details = traceback.format_exc()
                fake._note_server_error(details)
                summary = f"FakeSlack internal error: {type(exc).__name__}: {exc}"
                reply = HttpReply.text(500, f"{summary}\n\n{details}")
            self._send(reply)

    def _send(self, reply: HttpReply) -> None:
        try:
            self.send_response(reply.status)
            for key, value in reply.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. its timeout expired) before the answer was ready


class FakeSlack:
    """A fake Slack workspace with a Web API on ``127.0.0.1`` (see the module docstring)."""

    def __init__(
        self,
        *,
        team_id: str = "T0TEAM",
        team_name: str = "Fake Workspace",
        bot_user_id: str = "UBOT",
        bot_id: str = "BBOT",
        bot_name: str | None = None,
        token: str = "xoxb-test-token",  # noqa: S107 - a fake credential
        scopes: Iterable[str] | None = None,
        manifest_path: Path = MANIFEST_PATH,
        home_tab_enabled: bool | None = None,
        messages_tab_enabled: bool | None = None,
        rate_limits: RateLimits | None = None,
        now: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        host: str = "127.0.0.1",
    ) -> None:
        manifest = load_manifest(manifest_path)
        if scopes is None and not manifest:
            raise FileNotFoundError(f"no manifest at {manifest_path}; pass scopes= explicitly")
        app_home = _dig(manifest, "features", "app_home") or {}
        identity = Identity(
            team_id=team_id,
            team_name=team_name,
            bot_user_id=bot_user_id,
            bot_id=bot_id,
            bot_name=bot_name or str(_dig(manifest, "features", "bot_user", "display_name") or "bot"),
            token=token,
        )
        settings = Settings(
            scopes=frozenset(scopes) if scopes is not None else manifest_bot_scopes(manifest),
            home_tab_enabled=_choose(home_tab_enabled, app_home.get("home_tab_enabled")),
            messages_tab_enabled=_choose(messages_tab_enabled, app_home.get("messages_tab_enabled")),
        )
        self._state = SlackState(identity=identity, settings=settings, now=now, wall=wall)
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._dispatch = Dispatcher(
            self._state, self._lock, rate_limits=rate_limits, now=now, stopping=self._stopping
        )
        self._host = host
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._inflight = 0
        self._idle = threading.Condition(self._lock)

    # ----------------------------------------------------------------------------- lifecycle
    def start(self) -> Self:
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server = _Server(self, self._host)
        port = self._server.server_address[1]
        self._state.settings.root_url = f"http://{self._host}:{port}/"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, name="FakeSlack", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, cut injected delays short and wait for in-flight requests to finish."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(STOP_GRACE)
        with self._idle:
            self._idle.wait_for(lambda: self._inflight == 0, timeout=STOP_GRACE)
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeSlack is not running; call start() first")
        return int(self._server.server_address[1])

    @property
    def root_url(self) -> str:
        return f"http://{self._host}:{self.port}/"

    @property
    def base_url(self) -> str:
        """What to pass as ``WebClient(base_url=...)``."""
        return f"{self.root_url}api/"

    # ----------------------------------------------------------------------------- identity
    @property
    def token(self) -> str:
        return self._state.identity.token

    @property
    def team_id(self) -> str:
        return self._state.identity.team_id

    @property
    def bot_user_id(self) -> str:
        return self._state.identity.bot_user_id

    @property
    def bot_id(self) -> str:
        return self._state.identity.bot_id

    @property
    def scopes(self) -> frozenset[str]:
        return self._state.settings.scopes

    @property
    def allow_private_channel_creation(self) -> bool:
        return self._state.settings.allow_private_channel_creation

    @allow_private_channel_creation.setter
    def allow_private_channel_creation(self, value: bool) -> None:
        with self._lock:
            self._state.settings.allow_private_channel_creation = value

    # ----------------------------------------------------------------------------- directory
    def add_user(
        self,
        user_id: str,
        name: str,
        *,
        real_name: str | None = None,
        display_name: str = "",
        locale: str = "en-US",
        tz: str = "Asia/Tokyo",
        is_bot: bool = False,
        deleted: bool = False,
        is_admin: bool = False,
    ) -> None:
        user = User(
            id=user_id,
            name=name,
            real_name=real_name if real_name is not None else name,
            display_name=display_name,
            locale=locale,
            tz=tz,
            is_bot=is_bot,
            deleted=deleted,
            is_admin=is_admin,
        )
        with self._lock:
            self._state.users[user_id] = user

    def add_channel(
        self,
        channel_id: str,
        name: str,
        *,
        is_private: bool = False,
        members: Iterable[str] = (),
        bot_is_member: bool = True,
        is_archived: bool = False,
    ) -> None:
        member_list = list(dict.fromkeys(members))
        if bot_is_member and self.bot_user_id not in member_list:
            member_list.append(self.bot_user_id)
        channel = Channel(
            id=channel_id,
            name=name,
            is_private=is_private,
            is_archived=is_archived,
            members=member_list,
            created=int(self._state.wall()),
        )
        with self._lock:
            self._state.add_channel(channel)

    def add_member(self, channel: str, user_id: str) -> None:
        """Someone in the workspace invites ``user_id`` (the bot too) to ``channel``."""
        with self._lock:
            members = self._state.channels[self._resolve(channel)].members
            if user_id not in members:
                members.append(user_id)

    def set_archived(self, channel: str, archived: bool = True) -> None:
        with self._lock:
            self._state.channels[self._resolve(channel)].is_archived = archived

    def add_usergroup(self, usergroup_id: str, handle: str, users: Iterable[str]) -> None:
        with self._lock:
            self._state.usergroups[usergroup_id] = Usergroup(usergroup_id, handle, list(users))

    def set_dnd(
        self,
        user_id: str,
        *,
        snooze_enabled: bool = False,
        next_dnd_start_ts: int | None = None,
        next_dnd_end_ts: int | None = None,
        dnd_enabled: bool | None = None,
        snooze_endtime: int | None = None,
    ) -> None:
        """Set what dnd.info reports; a DND window (start/end) turns ``dnd_enabled`` on by default."""
        has_window = next_dnd_start_ts is not None and next_dnd_end_ts is not None
        dnd = Dnd(
            dnd_enabled=has_window if dnd_enabled is None else dnd_enabled,
            next_dnd_start_ts=next_dnd_start_ts if next_dnd_start_ts is not None else 1,
            next_dnd_end_ts=next_dnd_end_ts if next_dnd_end_ts is not None else 1,
            snooze_enabled=snooze_enabled,
            snooze_endtime=snooze_endtime,
        )
        with self._lock:
            self._state.user(user_id).dnd = dnd

    def add_message(
        self,
        channel: str,
        text: str,
        *,
        user: str,
        thread_ts: str | None = None,
        blocks: list[Any] | None = None,
        metadata: dict[str, Any] | None = None,
        ts: str | None = None,
    ) -> str:
        """Seed a message as if ``user`` had posted it (history, threads, shortcuts); returns its ts."""
        with self._lock:
            target = self._resolve(channel)
            if target not in self._state.channels:
                raise KeyError(f"unknown channel {channel!r}")
            message = Message(
                channel=target,
                ts=ts or self._state.next_ts(),
                text=text,
                user=user,
                blocks=blocks,
                metadata=metadata,
                thread_ts=thread_ts,
            )
            return self._state.store_message(message).ts

    def new_trigger_id(self, *, user_id: str | None = None, view_id: str | None = None) -> str:
        """A trigger_id valid for 3 seconds and one exchange; ``view_id`` ties it to an open modal."""
        with self._lock:
            return self._state.new_trigger(user_id=user_id, view_id=view_id)

    def new_response_url(
        self, *, user: str | None = None, channel: str | None = None, message_ts: str | None = None
    ) -> str:
        """A response_url on this server, valid for 30 minutes and 5 uses.

        Given where it was issued (``user`` in ``channel``, from the message ``message_ts``), a post to
        it takes effect there as in Slack: an ephemeral message, a message in the channel, or the
        original message replaced or deleted. Without, posts are only recorded (``responses()``)."""
        self.port  # noqa: B018 - raises unless the server is running (the URL embeds the port)
        with self._lock:
            return self._state.new_response_url(user=user, channel=channel, message_ts=message_ts)

    def close_view(self, view_id: str) -> None:
        """Simulate the user closing the modal stack that contains ``view_id``."""
        with self._lock:
            for stack in self._state.view_stacks:
                if view_id in stack:
                    for closed in stack:
                        self._state.views[closed].closed = True
                    stack.clear()

    # ----------------------------------------------------------------------------- Slack's own part
    def add_ephemeral(
        self, channel: str, user: str, text: str, *, blocks: Any = None, thread_ts: str | None = None
    ) -> Ephemeral:
        """Show ``user`` an ephemeral message Slack itself produced (e.g. a command's acknowledgement)."""
        with self._lock:
            found = workspace_side.add_ephemeral(
                self._state,
                channel=self._resolve(channel),
                user=user,
                text=text,
                blocks=blocks,
                thread_ts=thread_ts,
            )
            return copy.deepcopy(found)

    def open_dm(self, user_id: str) -> str:
        """The DM between ``user_id`` and the bot, opened as Slack has it from the app's install."""
        with self._lock:
            return self._state.ensure_im(user_id)[0].id

    def open_modal(self, user_id: str) -> ViewRecord | None:
        """The modal ``user_id`` is looking at (the top of their open stack), if any."""
        with self._lock:
            return copy.deepcopy(workspace_side.open_modal_of(self._state, user_id))

    def answer_submission(self, view_id: str, answer: dict[str, Any]) -> dict[str, str]:
        """Apply the app's answer to a view_submission as Slack would; the field errors to show."""
        with self._lock:
            return workspace_side.answer_submission(self._state, view_id, answer)

    def close_modal(self, view_id: str) -> None:
        """The person pressed Cancel (or ×) on the modal ``view_id``: it closes, the one below shows."""
        with self._lock:
            workspace_side.close_views(self._state, [view_id])

    def message_payload(self, channel: str, ts: str) -> dict[str, Any] | None:
        """A message as Slack puts it into an interaction payload (``message``)."""
        with self._lock:
            found = self._state.find_message(self._resolve(channel), ts)
            return render.message_json(self._state, found, include_metadata=True) if found else None

    def view_payload(self, view_id: str) -> dict[str, Any] | None:
        """A view as Slack puts it into an interaction payload (``view``), without state values."""
        with self._lock:
            record = self._state.views.get(view_id)
            return render.view_json(self._state, record) if record is not None else None

    def users(self) -> list[User]:
        with self._lock:
            return copy.deepcopy(list(self._state.users.values()))

    def channels(self) -> list[Channel]:
        with self._lock:
            return copy.deepcopy(list(self._state.channels.values()))

    # ----------------------------------------------------------------------------- inspection
    def _resolve(self, channel: str) -> str:
        return self._dispatch.resolve(channel)

    def calls(self, method: str | None = None) -> list[Call]:
        with self._lock:
            return [copy.deepcopy(c) for c in self._dispatch.calls if method is None or c.method == method]

    @property
    def called_methods(self) -> set[str]:
        with self._lock:
            return {call.method for call in self._dispatch.calls}

    def required_scopes(self, method: str) -> tuple[str, ...]:
        spec = self._dispatch.catalog.get(method)
        return spec.bot_scopes if spec is not None else ()

    def uncovered_methods(self) -> set[str]:
        """Called methods whose bot scopes share nothing with the granted scopes (or are unknown)."""
        out = set()
        for method in self.called_methods:
            spec = self._dispatch.catalog.get(method)
            if spec is None or (spec.bot_scopes and not self.scopes.intersection(spec.bot_scopes)):
                out.add(method)
        return out

    def reset_calls(self) -> None:
        with self._lock:
            self._dispatch.calls.clear()

    def messages(self, channel: str, *, include_deleted: bool = False) -> list[Message]:
        """Messages (top-level and replies) in a conversation, oldest first; a user ID means their DM."""
        with self._lock:
            history = self._state.history.get(self._resolve(channel), [])
            return copy.deepcopy([m for m in history if include_deleted or not m.deleted])

    def dm_messages(self, user_id: str) -> list[Message]:
        with self._lock:
            im = self._state.ims.get(user_id)
            return self.messages(im) if im is not None else []

    def im_channel(self, user_id: str) -> str | None:
        """The ID of the bot's DM with ``user_id`` if one was opened."""
        with self._lock:
            return self._state.ims.get(user_id)

    def thread(self, channel: str, ts: str) -> list[Message]:
        """A thread's parent followed by its replies, oldest first."""
        with self._lock:
            target = self._resolve(channel)
            parent = self._state.find_message(target, ts)
            if parent is None:
                return []
            return copy.deepcopy([parent, *self._state.replies(parent)])

    def channel(self, channel: str) -> Channel | None:
        with self._lock:
            return copy.deepcopy(self._state.channels.get(self._resolve(channel)))

    def ephemerals(self, user_id: str | None = None) -> list[Ephemeral]:
        with self._lock:
            found = [e for e in self._state.ephemerals if user_id is None or e.user == user_id]
            return copy.deepcopy(found)

    def responses(self, url: str | None = None) -> list[ResponsePost]:
        with self._lock:
            return copy.deepcopy([r for r in self._state.response_posts if url is None or r.url == url])

    def home(self, user_id: str) -> dict[str, Any] | None:
        """The latest home-tab view payload published for ``user_id``."""
        with self._lock:
            record = self._state.views.get(self._state.homes.get(user_id, ""))
            return copy.deepcopy(record.view) if record is not None else None

    def views_opened(self) -> list[ViewRecord]:
        """Modals opened or pushed, in order (``.view`` holds the current payload after updates)."""
        with self._lock:
            records = [r for r in self._state.views.values() if r.method in ("views.open", "views.push")]
            return copy.deepcopy(records)

    def view(self, view_id: str) -> ViewRecord | None:
        """The current record of any view (modal or home) by ID."""
        with self._lock:
            return copy.deepcopy(self._state.views.get(view_id))

    def files(self) -> list[UploadedFile]:
        """Files whose upload was completed with files.completeUploadExternal."""
        with self._lock:
            return copy.deepcopy([f for f in self._state.files.values() if f.completed])

    @property
    def rate_limited_count(self) -> int:
        """How many calls the optional rate limiter answered with HTTP 429."""
        with self._lock:
            return self._dispatch.rate_limited

    @property
    def server_errors(self) -> list[str]:
        """Tracebacks of bugs inside the fake (each was answered with HTTP 500)."""
        with self._lock:
            return list(self._dispatch.server_errors)

    def wait_for(self, predicate: Callable[[], T], timeout: float = 5.0, interval: float = 0.01) -> T:
        """Poll ``predicate`` (called with no lock held) until it returns something truthy."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() >= deadline:
                recent = ", ".join(f"{c.method}:{c.error or 'ok'}" for c in self.calls()[-10:])
                name = getattr(predicate, "__name__", repr(predicate))
                raise AssertionError(
                    f"wait_for({name}) still {value!r} after {timeout}s; last calls: [{recent}]"
                )
            time.sleep(interval)

    # ----------------------------------------------------------------------------- faults
    def fail_next(
        self,
        method: str,
        *,
        times: int = 1,
        error: str | None = None,
        status: int = 200,
        retry_after: int | None = None,
        delay: float = 0.0,
        channel: str | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail; a lone ``delay`` only slows them down."""
        with self._lock:
            self._dispatch.faults.append(Fault(method, times, error, status, retry_after, delay, channel))

    def fail_randomly(
        self, method: str, *, rate: float, faults: Iterable[dict[str, Any]], seed: int = 0
    ) -> None:
        """Make a share of ``method``'s calls fail, each like one of ``faults`` (``fail_next``'s
        keyword arguments, e.g. ``{"status": 503}``), chosen at random with ``seed``."""
        mix = FaultMix(method, rate, tuple(Fault(method, **f) for f in faults), random.Random(seed))  # noqa: S311 - which fault, not a secret
        with self._lock:
            self._dispatch.fault_mixes.append(mix)

    @property
    def injected_faults(self) -> dict[str, int]:
        """How many faults ``fail_randomly`` injected, by kind (``429``, ``503``, ``timeout``, …)."""
        with self._lock:
            total: Counter[str] = Counter()
            for mix in self._dispatch.fault_mixes:
                total.update(mix.injected)
            return dict(total)

    def clear_faults(self) -> None:
        """Forget every fault still waiting to happen (Slack is healthy again)."""
        with self._lock:
            self._dispatch.faults.clear()
            self._dispatch.fault_mixes.clear()

    # ----------------------------------------------------------------------------- HTTP plumbing
    def _note_server_error(self, details: str) -> None:
        self._dispatch.note_server_error(details)

    def _tracking_request(self) -> _InflightGuard:
        return _InflightGuard(self)

    def _route(self, request: RawRequest) -> HttpReply:
        return self._dispatch.route(request)


class _InflightGuard:
    """Counts requests being served so ``stop()`` can wait for them."""

    def __init__(self, fake: FakeSlack) -> None:
        self._fake = fake

    def __enter__(self) -> None:
        with self._fake._idle:
            self._fake._inflight += 1

    def __exit__(self, *exc: object) -> None:
        with self._fake._idle:
            self._fake._inflight -= 1
            self._fake._idle.notify_all()


def _choose(override: bool | None, manifest_value: Any) -> bool:
    if override is not None:
        return override
    return True if manifest_value is None else bool(manifest_value)
