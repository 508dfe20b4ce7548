"""Plain data records shared by the fake Slack server's modules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class SlackError(Exception):
    """An API error: ``{"ok": false, "error": error, **extra}``.

    ``messages`` become ``response_metadata.messages`` the way Slack reports validation details.
    """

    def __init__(self, error: str, *, messages: list[str] | None = None, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.messages = list(messages or [])
        self.extra = extra

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ok": False, "error": self.error, **self.extra}
        if self.messages:
            out["response_metadata"] = {"messages": self.messages}
        return out


@dataclass(frozen=True)
class Call:
    """One Web API call as the fake saw it."""

    method: str
    args: dict[str, Any]
    response: dict[str, Any]
    time: float
    status: int = 200

    @property
    def ok(self) -> bool:
        return bool(self.response.get("ok"))

    @property
    def error(self) -> str | None:
        error = self.response.get("error")
        return str(error) if error is not None else None


@dataclass
class Dnd:
    dnd_enabled: bool = False
    next_dnd_start_ts: int = 1
    next_dnd_end_ts: int = 1
    snooze_enabled: bool = False
    snooze_endtime: int | None = None


@dataclass
class User:
    id: str
    name: str
    real_name: str
    display_name: str = ""
    locale: str = "en-US"
    tz: str = "Asia/Tokyo"
    is_bot: bool = False
    deleted: bool = False
    is_admin: bool = False
    bot_id: str | None = None
    dnd: Dnd = field(default_factory=Dnd)


@dataclass
class Channel:
    id: str
    name: str
    is_private: bool = False
    is_archived: bool = False
    is_im: bool = False
    is_mpim: bool = False
    im_user: str | None = None
    members: list[str] = field(default_factory=list)
    created: int = 0
    creator: str = ""

    @property
    def kind(self) -> str:
        """Scope family of the conversation: channels, groups, im or mpim."""
        if self.is_im:
            return "im"
        if self.is_mpim:
            return "mpim"
        return "groups" if self.is_private else "channels"


@dataclass
class Usergroup:
    id: str
    handle: str
    users: list[str]


@dataclass
class Message:
    """A message in a conversation (posted by the bot through the API or seeded by a test)."""

    channel: str
    ts: str
    text: str = ""
    user: str = ""
    bot_id: str | None = None
    blocks: list[Any] | None = None
    attachments: list[Any] | None = None
    metadata: dict[str, Any] | None = None
    thread_ts: str | None = None
    reply_broadcast: bool = False
    username: str | None = None
    icon_emoji: str | None = None
    icon_url: str | None = None
    edited_ts: str | None = None
    deleted: bool = False
    reactions: dict[str, list[str]] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_reply(self) -> bool:
        return self.thread_ts is not None and self.thread_ts != self.ts


@dataclass
class Ephemeral:
    channel: str
    user: str
    ts: str
    text: str = ""
    blocks: list[Any] | None = None
    attachments: list[Any] | None = None
    thread_ts: str | None = None


@dataclass
class ViewRecord:
    """A modal or home view the app opened, pushed, updated or published."""

    id: str
    type: str
    view: dict[str, Any]
    hash: str
    method: str
    root_view_id: str
    previous_view_id: str | None = None
    external_id: str = ""
    user_id: str | None = None
    trigger_id: str | None = None
    closed: bool = False


@dataclass
class Trigger:
    id: str
    issued_at: float
    user_id: str | None = None
    view_id: str | None = None
    used: bool = False


@dataclass
class ResponseUrl:
    id: str
    url: str
    issued_at: float
    uses: int = 0
    # Where it was issued (the playground passes these): a post to it then shows up there, as in Slack.
    user: str | None = None
    channel: str | None = None
    message_ts: str | None = None


@dataclass(frozen=True)
class ResponsePost:
    """A JSON body POSTed to a ``response_url``."""

    url: str
    body: dict[str, Any]
    time: float

    @property
    def text(self) -> str | None:
        value = self.body.get("text")
        return value if isinstance(value, str) else None

    @property
    def blocks(self) -> list[Any] | None:
        value = self.body.get("blocks")
        return value if isinstance(value, list) else None

    @property
    def response_type(self) -> str | None:
        value = self.body.get("response_type")
        return value if isinstance(value, str) else None

    @property
    def replace_original(self) -> bool:
        return _truthy(self.body.get("replace_original"))

    @property
    def delete_original(self) -> bool:
        return _truthy(self.body.get("delete_original"))


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in {"true", "1"}
    return bool(value)


@dataclass
class UploadedFile:
    """A file going through the upload v2 flow."""

    id: str
    name: str
    length: int
    alt_txt: str | None = None
    snippet_type: str | None = None
    content: bytes | None = None
    title: str | None = None
    channels: list[str] = field(default_factory=list)
    initial_comment: str | None = None
    thread_ts: str | None = None
    completed: bool = False

    @property
    def channel(self) -> str | None:
        """The (first) channel the file was shared to, ``None`` if kept private."""
        return self.channels[0] if self.channels else None
