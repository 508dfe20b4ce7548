"""The fake workspace: users, conversations, messages, views, files and the bookkeeping around them.

``SlackState`` is not thread-safe by itself; ``FakeSlack`` holds one lock around every use.
"""

from __future__ import annotations

import secrets
import time
from bisect import insort
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .slack_models import (
    Channel,
    Ephemeral,
    Message,
    ResponsePost,
    ResponseUrl,
    SlackError,
    Trigger,
    UploadedFile,
    User,
    Usergroup,
    ViewRecord,
)

TRIGGER_TTL = 3.0
RESPONSE_URL_TTL = 30 * 60.0
RESPONSE_URL_USES = 5
SLACKBOT_ID = "USLACKBOT"


@dataclass
class Identity:
    team_id: str = "T0TEAM"
    team_name: str = "Fake Workspace"
    bot_user_id: str = "UBOT"
    bot_id: str = "BBOT"
    bot_name: str = "itabasami"
    app_id: str = "A0FAKEAPP"
    token: str = "xoxb-test-token"  # noqa: S105 - the stand-in's own token


@dataclass
class Settings:
    scopes: frozenset[str] = frozenset()
    allow_private_channel_creation: bool = True
    home_tab_enabled: bool = True
    messages_tab_enabled: bool = True
    root_url: str = ""


def parse_ts(value: str, error: str) -> Decimal:
    """A Slack timestamp as an exact number, or ``SlackError(error)``."""
    try:
        parsed = Decimal(str(value))
    except InvalidOperation:
        raise SlackError(error) from None
    if not parsed.is_finite():
        raise SlackError(error)
    return parsed


def _ts_key(message: Message) -> Decimal:
    return Decimal(message.ts)


@dataclass
class SlackState:
    identity: Identity
    settings: Settings
    now: Callable[[], float] = time.monotonic
    wall: Callable[[], float] = time.time
    users: dict[str, User] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    usergroups: dict[str, Usergroup] = field(default_factory=dict)
    history: dict[str, list[Message]] = field(default_factory=dict)
    ephemerals: list[Ephemeral] = field(default_factory=list)
    views: dict[str, ViewRecord] = field(default_factory=dict)
    view_stacks: list[list[str]] = field(default_factory=list)
    homes: dict[str, str] = field(default_factory=dict)
    triggers: dict[str, Trigger] = field(default_factory=dict)
    response_urls: dict[str, ResponseUrl] = field(default_factory=dict)
    response_posts: list[ResponsePost] = field(default_factory=list)
    files: dict[str, UploadedFile] = field(default_factory=dict)
    ims: dict[str, str] = field(default_factory=dict)
    mpims: dict[frozenset[str], str] = field(default_factory=dict)
    _counter: int = 0
    _last_ts_micros: int = 0

    def __post_init__(self) -> None:
        me = self.identity
        self.users[me.bot_user_id] = User(
            id=me.bot_user_id, name=me.bot_name, real_name=me.bot_name, is_bot=True, bot_id=me.bot_id
        )
        self.users[SLACKBOT_ID] = User(id=SLACKBOT_ID, name="slackbot", real_name="Slackbot")

    # -- ids and timestamps -----------------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        while True:
            self._counter += 1
            candidate = f"{prefix}0F{self._counter:07d}"
            if candidate not in self.channels and candidate not in self.users and candidate not in self.views:
                return candidate

    def next_ts(self) -> str:
        """A unique, strictly increasing message timestamp like ``"1700000000.000100"``."""
        micros = max(int(self.wall() * 1_000_000), self._last_ts_micros + 1)
        self._last_ts_micros = micros
        seconds, fraction = divmod(micros, 1_000_000)
        return f"{seconds}.{fraction:06d}"

    def new_token(self, length: int = 12) -> str:
        return secrets.token_hex(length)

    # -- directory ------------------------------------------------------------------------------
    @property
    def bot(self) -> str:
        return self.identity.bot_user_id

    def user(self, user_id: Any) -> User:
        found = self.users.get(str(user_id)) if user_id else None
        if found is None:
            raise SlackError("user_not_found")
        return found

    def add_channel(self, channel: Channel) -> Channel:
        self.channels[channel.id] = channel
        self.history.setdefault(channel.id, [])
        return channel

    def find_channel(self, ref: Any) -> Channel | None:
        """A conversation by ID, ``#name`` or name (regardless of the bot's visibility)."""
        if not isinstance(ref, str) or not ref:
            return None
        if ref in self.channels:
            return self.channels[ref]
        name = ref.removeprefix("#")
        return next((ch for ch in self.channels.values() if ch.name == name and not ch.is_im), None)

    def is_member(self, channel: Channel, user_id: str | None = None) -> bool:
        return (user_id or self.bot) in channel.members

    def visible_channel(self, ref: Any) -> Channel:
        """A conversation the bot can see: public channels, or ones it is a member of."""
        channel = self.find_channel(ref)
        if channel is None or (channel.kind != "channels" and not self.is_member(channel)):
            raise SlackError("channel_not_found")
        return channel

    def member_channel(self, ref: Any) -> Channel:
        channel = self.visible_channel(ref)
        if not self.is_member(channel):
            raise SlackError("not_in_channel")
        return channel

    def canonical_channel(self, ref: Any) -> str:
        """``ref`` with a user ID mapped to its existing IM, otherwise unchanged (no side effects)."""
        text = str(ref or "")
        return self.ims.get(text, text)

    # -- IMs and MPIMs --------------------------------------------------------------------------
    def dm_target(self, user_id: str) -> User:
        user = self.user(user_id)
        if user.is_bot:
            raise SlackError("cannot_dm_bot")
        return user

    def ensure_im(self, user_id: str) -> tuple[Channel, bool]:
        """The IM between the bot and ``user_id``, created on first use; ``(channel, existed)``."""
        existing = self.ims.get(user_id)
        if existing is not None:
            return self.channels[existing], True
        channel = Channel(
            id=self.new_id("D"),
            name=user_id,
            is_private=True,
            is_im=True,
            im_user=user_id,
            members=[user_id, self.bot],
            created=int(self.wall()),
        )
        self.ims[user_id] = channel.id
        return self.add_channel(channel), False

    def ensure_mpim(self, user_ids: Iterable[str]) -> tuple[Channel, bool]:
        members = frozenset(user_ids) | {self.bot}
        existing = self.mpims.get(members)
        if existing is not None:
            return self.channels[existing], True
        names = sorted(self.users[uid].name for uid in members)
        channel = Channel(
            id=self.new_id("G"),
            name=f"mpdm-{'--'.join(names)}-1",
            is_private=True,
            is_mpim=True,
            members=sorted(members),
            created=int(self.wall()),
            creator=self.bot,
        )
        self.mpims[members] = channel.id
        return self.add_channel(channel), False

    # -- messages -------------------------------------------------------------------------------
    def store_message(self, message: Message) -> Message:
        insort(self.history.setdefault(message.channel, []), message, key=_ts_key)
        return message

    def find_message(self, channel_id: str, ts: Any) -> Message | None:
        return next(
            (m for m in self.history.get(channel_id, []) if m.ts == str(ts) and not m.deleted),
            None,
        )

    def thread_parent(self, channel_id: str, ts: Any, error: str = "thread_not_found") -> Message:
        """The top-level message of the thread ``ts`` belongs to (``ts`` may name a reply)."""
        message = self.find_message(channel_id, ts)
        if message is None:
            raise SlackError(error)
        if message.is_reply and message.thread_ts is not None:
            parent = self.find_message(channel_id, message.thread_ts)
            if parent is not None:
                return parent
        return message

    def replies(self, parent: Message) -> list[Message]:
        return [
            m
            for m in self.history.get(parent.channel, [])
            if m.thread_ts == parent.ts and m.ts != parent.ts and not m.deleted
        ]

    # -- triggers and response urls ---------------------------------------------------------------
    def new_trigger(self, *, user_id: str | None, view_id: str | None) -> str:
        trigger_id = f"{int(self.wall())}.{self._counter + 1}.{self.new_token(16)}"
        self._counter += 1
        self.triggers[trigger_id] = Trigger(trigger_id, self.now(), user_id=user_id, view_id=view_id)
        return trigger_id

    def check_trigger(self, trigger_id: Any) -> Trigger:
        """The trigger if it can still be exchanged, else the error Slack gives."""
        trigger = self.triggers.get(str(trigger_id or ""))
        if trigger is None:
            raise SlackError("invalid_trigger_id")
        if trigger.used:
            raise SlackError("exchanged_trigger_id")
        if self.now() - trigger.issued_at > TRIGGER_TTL:
            raise SlackError("expired_trigger_id")
        return trigger

    def new_response_url(
        self, *, user: str | None = None, channel: str | None = None, message_ts: str | None = None
    ) -> str:
        url_id = self.new_token(12)
        url = f"{self.settings.root_url}response/{url_id}"
        self.response_urls[url_id] = ResponseUrl(
            url_id, url, self.now(), user=user, channel=channel, message_ts=message_ts
        )
        return url

    def check_response_url(self, url_id: str) -> ResponseUrl:
        """The response_url if it may still be used, else ``SlackError`` naming why it is refused."""
        record = self.response_urls.get(url_id)
        if record is None:
            raise SlackError("no_service")
        if self.now() - record.issued_at > RESPONSE_URL_TTL:
            raise SlackError("expired_url")
        if record.uses >= RESPONSE_URL_USES:
            raise SlackError("used_url")
        return record
