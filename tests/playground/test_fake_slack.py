"""Tests for the fake Slack server, driven through the real ``slack_sdk.WebClient``."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import builtin_handlers
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from playground.slack import method_context
from playground.slack.slack_server import FakeSlack, RateLimits

# ---------------------------------------------------------------------------------------- helpers

# The fake's own tests grant a fixed set of scopes (not reactions:write nor im:read, which some tests
# show missing), so they do not depend on what manifest.yml grants today; the app's tests use the
# manifest, so a scope the code needs but the manifest lacks shows up there.
ALL_SCOPES = frozenset(
    {
        "commands",
        "chat:write",
        "channels:join",
        "channels:read",
        "channels:history",
        "groups:read",
        "groups:write",
        "groups:history",
        "im:write",
        "im:history",
        "mpim:write",
        "mpim:history",
        "users:read",
        "usergroups:read",
        "dnd:read",
        "files:write",
    }
)


class ManualClock:
    """An injectable monotonic clock that only moves when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.value = start

    def __call__(self) -> float:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += seconds


def populate(fake: FakeSlack) -> FakeSlack:
    fake.add_user("U1", "aiko", real_name="Aiko Tanaka", locale="ja-JP")
    fake.add_user("U2", "ben", tz="Europe/London")
    fake.add_user("U3", "chen")
    fake.add_user("UGONE", "gone", deleted=True)
    fake.add_user("UOTHERBOT", "otherbot", is_bot=True)
    fake.add_channel("C1", "general", members=["U1", "U2"])
    fake.add_channel("C2", "random", members=["U1"], bot_is_member=False)
    fake.add_channel("G1", "secret", is_private=True, members=["U1"])
    fake.add_channel("G2", "hidden", is_private=True, members=["U2"], bot_is_member=False)
    fake.add_channel("C3", "old", members=["U1"], is_archived=True)
    fake.add_channel("G3", "closed-case", is_private=True, members=["U1"], is_archived=True)
    return fake


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def fake(clock: ManualClock) -> Iterator[FakeSlack]:
    with FakeSlack(now=clock, scopes=ALL_SCOPES, home_tab_enabled=True) as server:
        yield populate(server)


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token=fake.token, base_url=fake.base_url, retry_handlers=[])


def error_of(call: Callable[..., Any], *args: Any, **kwargs: Any) -> dict[str, Any]:
    with pytest.raises(SlackApiError) as info:
        call(*args, **kwargs)
    data = info.value.response.data
    assert isinstance(data, dict)
    return data


def error_code(call: Callable[..., Any], *args: Any, **kwargs: Any) -> str:
    return str(error_of(call, *args, **kwargs)["error"])


def raw_request(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, dict(exc.headers), exc.read()


def section(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **extra}


def button(action_id: str = "go", text: str = "Go", **extra: Any) -> dict[str, Any]:
    return {"type": "button", "action_id": action_id, "text": {"type": "plain_text", "text": text}, **extra}


def modal(**overrides: Any) -> dict[str, Any]:
    view: dict[str, Any] = {
        "type": "modal",
        "callback_id": "escalate",
        "title": {"type": "plain_text", "text": "Escalate"},
        "submit": {"type": "plain_text", "text": "Send"},
        "blocks": [
            {
                "type": "input",
                "block_id": "what",
                "label": {"type": "plain_text", "text": "What happened?"},
                "element": {"type": "plain_text_input", "action_id": "text"},
            }
        ],
    }
    view.update(overrides)
    return view


def home_view(text: str = "Welcome") -> dict[str, Any]:
    return {"type": "home", "blocks": [section(text)]}


# ---------------------------------------------------------------------------------------- lifecycle


def test_start_stop_without_context_manager() -> None:
    """start()/stop() serve on an ephemeral loopback port with the /api/ base_url."""
    server = FakeSlack(scopes=ALL_SCOPES).start()
    try:
        assert server.base_url == f"http://127.0.0.1:{server.port}/api/"
        assert WebClient(token=server.token, base_url=server.base_url).auth_test()["ok"] is True
    finally:
        server.stop()
    server.stop()


def test_auth_test_reports_bot_identity(client: WebClient) -> None:
    """auth.test answers with the team and bot identity like Slack."""
    data = client.auth_test().data
    assert isinstance(data, dict)
    assert data["ok"] is True
    assert (data["team_id"], data["user_id"], data["bot_id"]) == ("T0TEAM", "UBOT", "BBOT")
    assert data["url"].startswith("https://")
    assert data["team"]
    assert data["user"]


def test_identity_can_be_overridden() -> None:
    """Constructor arguments override the team, bot and token."""
    with FakeSlack(
        team_id="T9", bot_user_id="U9BOT", bot_id="B9", token="xoxb-other", scopes=ALL_SCOPES
    ) as server:
        data = WebClient(token="xoxb-other", base_url=server.base_url).auth_test()
        assert (data["team_id"], data["user_id"], data["bot_id"]) == ("T9", "U9BOT", "B9")


def test_wrong_token_is_invalid_auth(fake: FakeSlack) -> None:
    """Any token other than the bot token gets invalid_auth."""
    bad = WebClient(token="xoxb-wrong", base_url=fake.base_url)
    assert error_code(bad.auth_test) == "invalid_auth"


def test_missing_token_is_not_authed(fake: FakeSlack) -> None:
    """A call without a token gets not_authed."""
    anonymous = WebClient(base_url=fake.base_url)
    assert error_code(anonymous.auth_test) == "not_authed"


def test_token_may_be_a_form_parameter(fake: FakeSlack) -> None:
    """The token is accepted as a token= form parameter instead of the Bearer header."""
    status, _, body = raw_request(f"{fake.base_url}auth.test", f"token={fake.token}".encode())
    assert status == 200
    assert json.loads(body)["ok"] is True


# ---------------------------------------------------------------------------------------- wire format


def test_form_body_json_strings_are_normalised(fake: FakeSlack, client: WebClient) -> None:
    """Form bodies carrying blocks/metadata as JSON strings are decoded into objects."""
    blocks = [section("hello")]
    metadata = {"event_type": "escalation", "event_payload": {"id": 7}}
    client.api_call(
        "chat.postMessage",
        params={
            "channel": "C1",
            "text": "hi",
            "blocks": json.dumps(blocks),
            "metadata": json.dumps(metadata),
        },
    )
    call = fake.calls("chat.postMessage")[0]
    assert call.args["blocks"] == blocks
    assert call.args["metadata"] == metadata
    assert fake.messages("C1")[0].blocks == blocks


def test_json_body_objects_are_accepted(fake: FakeSlack, client: WebClient) -> None:
    """JSON bodies (what WebClient sends for chat.*) carry blocks as objects."""
    client.chat_postMessage(channel="C1", text="hi", blocks=[section("hello")])
    assert fake.calls("chat.postMessage")[0].args["blocks"] == [section("hello")]


def test_get_query_parameters(fake: FakeSlack) -> None:
    """GET requests take their arguments from the query string."""
    status, headers, body = raw_request(
        f"{fake.base_url}users.info?user=U1&include_locale=true",
        headers={"Authorization": f"Bearer {fake.token}"},
    )
    assert status == 200
    assert headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["user"]["locale"] == "ja-JP"


def test_json_body_is_ignored_by_read_methods(client: WebClient) -> None:
    """Read (GET) methods that do not accept JSON ignore a JSON body, as Slack does."""
    data = error_of(client.api_call, "users.info", json={"user": "U1"})
    assert data["error"] == "missing_argument"


def test_multipart_form_bodies(fake: FakeSlack, client: WebClient) -> None:
    """multipart/form-data bodies are parsed too (file parts arrive as bytes)."""
    client.api_call("chat.postMessage", data={"channel": "C1", "text": "multi"}, files={"file": b"raw"})
    assert fake.calls("chat.postMessage")[0].args == {"channel": "C1", "text": "multi", "file": b"raw"}
    assert fake.messages("C1")[0].text == "multi"


def test_api_errors_are_http_200_json(fake: FakeSlack) -> None:
    """API errors come back as HTTP 200 with {"ok": false, "error": ...}."""
    status, _, body = raw_request(
        f"{fake.base_url}users.info", b"user=UNOPE", {"Authorization": f"Bearer {fake.token}"}
    )
    assert status == 200
    assert json.loads(body) == {"ok": False, "error": "user_not_found"}


# ---------------------------------------------------------------------------------------- method reference


def test_unknown_method(client: WebClient) -> None:
    """A method Slack does not have gets unknown_method."""
    assert error_code(client.api_call, "chat.postMessagee") == "unknown_method"


def test_missing_required_argument(client: WebClient) -> None:
    """A missing required argument gets missing_argument naming the field."""
    data = error_of(client.api_call, "usergroups.users.list", params={})
    assert data["error"] == "missing_argument"
    assert "usergroup" in data["response_metadata"]["messages"][0]


def test_missing_channel_is_channel_not_found(client: WebClient) -> None:
    """A missing channel argument gets channel_not_found, as Slack answers."""
    assert error_code(client.api_call, "conversations.info", params={}) == "channel_not_found"


def test_wrong_type_is_invalid_arguments(client: WebClient) -> None:
    """A non-boolean where a boolean is expected gets invalid_arguments."""
    data = error_of(client.api_call, "users.info", params={"user": "U1", "include_locale": "maybe"})
    assert data["error"] == "invalid_arguments"
    assert "include_locale" in data["response_metadata"]["messages"][0]


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("1", True), ("false", False), ("0", False)])
def test_boolean_strings_are_accepted(fake: FakeSlack, client: WebClient, raw: str, expected: bool) -> None:
    """Booleans may be sent as true/false/1/0 strings."""
    data = client.api_call("users.info", params={"user": "U1", "include_locale": raw})
    assert ("locale" in data["user"]) is expected
    assert fake.calls("users.info")[0].args["include_locale"] is expected


def test_scopes_come_from_the_manifest(fake: FakeSlack) -> None:
    """Without scopes=, the granted bot scopes are read from manifest.yml."""
    assert {"chat:write", "users:read", "im:write", "files:write"} <= fake.scopes


def test_missing_scope_names_needed_and_provided(client: WebClient, fake: FakeSlack) -> None:
    """A method whose bot scopes were not granted gets missing_scope with needed/provided."""
    fake.add_message("C1", "hello", user="U1")
    data = error_of(client.reactions_add, channel="C1", timestamp="1.000001", name="eyes")
    assert data["error"] == "missing_scope"
    assert data["needed"] == "reactions:write"
    assert "chat:write" in data["provided"].split(",")


def test_scopes_argument_overrides_manifest() -> None:
    """scopes= replaces the manifest's scopes."""
    with FakeSlack(scopes={"users:read"}) as server:
        populate(server)
        client = WebClient(token=server.token, base_url=server.base_url)
        assert client.users_info(user="U1")["ok"] is True
        assert error_code(client.chat_postMessage, channel="C1", text="x") == "missing_scope"


def test_scope_is_checked_for_the_conversation_type(client: WebClient) -> None:
    """conversations.info on a DM needs im:read even though channels:read is granted."""
    dm = client.conversations_open(users="U1")["channel"]["id"]
    data = error_of(client.conversations_info, channel=dm)
    assert (data["error"], data["needed"]) == ("missing_scope", "im:read")
    assert client.conversations_info(channel="C1")["channel"]["id"] == "C1"


def test_called_methods_and_manifest_coverage(fake: FakeSlack, client: WebClient) -> None:
    """called_methods lists what was called; uncovered_methods those the manifest does not grant."""
    client.users_info(user="U1")
    client.chat_postMessage(channel="C1", text="hi")
    assert fake.called_methods == {"users.info", "chat.postMessage"}
    assert fake.uncovered_methods() == set()
    error_of(client.reactions_add, channel="C1", timestamp="1.0", name="eyes")
    assert fake.uncovered_methods() == {"reactions.add"}
    assert fake.required_scopes("reactions.add") == ("reactions:write",)


# ---------------------------------------------------------------------------------------- users and groups


def test_users_info_locale_only_when_requested(client: WebClient) -> None:
    """users.info includes locale only with include_locale, plus tz fields."""
    plain = client.users_info(user="U1")["user"]
    assert "locale" not in plain
    assert (plain["name"], plain["real_name"], plain["tz"]) == ("aiko", "Aiko Tanaka", "Asia/Tokyo")
    assert plain["tz_offset"] == 9 * 3600
    assert client.users_info(user="U1", include_locale=True)["user"]["locale"] == "ja-JP"


def test_users_info_unknown_user(client: WebClient) -> None:
    """users.info for an unknown user gets user_not_found."""
    assert error_code(client.users_info, user="U404") == "user_not_found"


def test_users_info_deleted_and_bot_flags(client: WebClient) -> None:
    """Deleted users and bots are reported with deleted/is_bot set."""
    assert client.users_info(user="UGONE")["user"]["deleted"] is True
    assert client.users_info(user="UBOT")["user"]["is_bot"] is True


def test_users_list_paginates_with_cursor(client: WebClient) -> None:
    """users.list pages with limit and response_metadata.next_cursor (and lists bots and Slackbot)."""
    seen: list[str] = []
    pages = 0
    for page in client.users_list(limit=2):
        pages += 1
        seen += [member["id"] for member in page["members"]]
    assert pages == 4
    assert {"U1", "U2", "U3", "UGONE", "UBOT", "USLACKBOT"} <= set(seen)
    assert len(seen) == len(set(seen)) == 7


def test_users_list_invalid_cursor(client: WebClient) -> None:
    """A cursor the fake did not issue gets invalid_cursor."""
    assert error_code(client.users_list, cursor="garbage!") == "invalid_cursor"


def test_usergroups_users_list(fake: FakeSlack, client: WebClient) -> None:
    """usergroups.users.list returns the group's members; unknown groups get no_such_subteam."""
    fake.add_usergroup("S1", "lawyers", ["U1", "U2"])
    assert client.usergroups_users_list(usergroup="S1")["users"] == ["U1", "U2"]
    assert error_code(client.usergroups_users_list, usergroup="S404") == "no_such_subteam"


def test_dnd_info_reflects_set_dnd(fake: FakeSlack, client: WebClient) -> None:
    """dnd.info reports the DND window a test set, and Slack's defaults otherwise."""
    default = client.dnd_info(user="U2")
    assert (default["dnd_enabled"], default["next_dnd_start_ts"], default["snooze_enabled"]) == (
        False,
        1,
        False,
    )
    fake.set_dnd("U1", snooze_enabled=True, next_dnd_start_ts=1_700_000_000, next_dnd_end_ts=1_700_030_000)
    data = client.dnd_info(user="U1")
    assert data["dnd_enabled"] is True
    assert data["snooze_enabled"] is True
    assert (data["next_dnd_start_ts"], data["next_dnd_end_ts"]) == (1_700_000_000, 1_700_030_000)
    assert error_code(client.dnd_info, user="U404") == "user_not_found"


# ---------------------------------------------------------------------------------------- conversations


def test_conversations_join(fake: FakeSlack, client: WebClient) -> None:
    """conversations.join joins public channels and refuses private, archived and unknown ones."""
    assert client.conversations_join(channel="C2")["channel"]["is_member"] is True
    channel = fake.channel("C2")
    assert channel is not None
    assert "UBOT" in channel.members
    assert client.conversations_join(channel="C2")["warning"] == "already_in_channel"
    assert error_code(client.conversations_join, channel="G2") == "method_not_supported_for_channel_type"
    assert error_code(client.conversations_join, channel="C3") == "is_archived"
    assert error_code(client.conversations_join, channel="C404") == "channel_not_found"


def test_conversations_info(client: WebClient) -> None:
    """conversations.info describes visible conversations; private ones the bot is not in are hidden."""
    info = client.conversations_info(channel="G1", include_num_members=True)["channel"]
    assert (info["name"], info["is_private"], info["num_members"]) == ("secret", True, 2)
    assert client.conversations_info(channel="C2")["channel"]["is_member"] is False
    assert error_code(client.conversations_info, channel="G2") == "channel_not_found"


def test_conversations_members_paginates(client: WebClient) -> None:
    """conversations.members lists members (the bot included) page by page."""
    first = client.conversations_members(channel="C1", limit=2)
    cursor = first["response_metadata"]["next_cursor"]
    assert first["members"] == ["U1", "U2"]
    second = client.conversations_members(channel="C1", limit=2, cursor=cursor)
    assert second["members"] == ["UBOT"]
    assert second["response_metadata"]["next_cursor"] == ""


def test_conversations_create_private(fake: FakeSlack, client: WebClient) -> None:
    """conversations.create makes a private channel with the bot as a member."""
    created = client.conversations_create(name="esc-2024_01", is_private=True)["channel"]
    assert created["name"] == "esc-2024_01"
    assert created["is_private"] is True
    assert created["is_member"] is True
    channel = fake.channel(created["id"])
    assert channel is not None
    assert channel.members == ["UBOT"]


def test_conversations_create_public_needs_channels_manage(client: WebClient) -> None:
    """Creating a public channel needs channels:manage, which the manifest does not grant."""
    data = error_of(client.conversations_create, name="public-one")
    assert data["error"] == "missing_scope"
    assert "channels:manage" in data["needed"]


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("Has-Caps", "invalid_name_specials"),
        ("a b", "invalid_name_specials"),
        ("x" * 81, "invalid_name_maxlength"),
    ],
)
def test_conversations_create_name_rules(client: WebClient, name: str, error: str) -> None:
    """Channel names must be lowercase letters, digits, hyphens and underscores, at most 80 chars."""
    assert error_code(client.conversations_create, name=name, is_private=True) == error


def test_conversations_create_name_taken(client: WebClient) -> None:
    """A name already in use gets name_taken."""
    assert error_code(client.conversations_create, name="general", is_private=True) == "name_taken"


def test_conversations_create_restricted(fake: FakeSlack, client: WebClient) -> None:
    """allow_private_channel_creation=False makes private creation fail with restricted_action."""
    fake.allow_private_channel_creation = False
    assert error_code(client.conversations_create, name="nope", is_private=True) == "restricted_action"


def test_conversations_invite(fake: FakeSlack, client: WebClient) -> None:
    """conversations.invite adds comma-separated users to a channel the bot is in."""
    data = client.conversations_invite(channel="G1", users="U2,U3")
    assert data["channel"]["id"] == "G1"
    channel = fake.channel("G1")
    assert channel is not None
    assert {"U2", "U3"} <= set(channel.members)


@pytest.mark.parametrize(
    ("channel", "users", "error"),
    [
        ("G1", "U1", "already_in_channel"),
        ("G1", "UBOT", "cant_invite_self"),
        ("G1", "U404", "user_not_found"),
        ("C404", "U1", "channel_not_found"),
        ("G3", "U2", "is_archived"),
    ],
)
def test_conversations_invite_errors(client: WebClient, channel: str, users: str, error: str) -> None:
    """conversations.invite refuses members, the bot itself, unknown users and bad channels."""
    assert error_code(client.conversations_invite, channel=channel, users=users) == error


def test_conversations_invite_needs_membership(client: WebClient) -> None:
    """Inviting into a channel the bot is not in gets not_in_channel (public needs channels:manage)."""
    with FakeSlack(scopes={"channels:manage", "channels:read"}) as server:
        populate(server)
        scoped = WebClient(token=server.token, base_url=server.base_url)
        assert error_code(scoped.conversations_invite, channel="C2", users="U2") == "not_in_channel"
    assert error_code(client.conversations_invite, channel="C1", users="U3") == "missing_scope"


def test_conversations_open_im_is_stable(fake: FakeSlack, client: WebClient) -> None:
    """conversations.open with one user returns the same D… IM every time."""
    first = client.conversations_open(users="U1")["channel"]["id"]
    again = client.conversations_open(users="U1")
    assert first.startswith("D")
    assert again["channel"]["id"] == first
    assert again["already_open"] is True
    assert fake.im_channel("U1") == first
    assert client.conversations_open(channel=first, return_im=True)["channel"]["user"] == "U1"


def test_conversations_open_mpim_is_stable(fake: FakeSlack, client: WebClient) -> None:
    """conversations.open with several users returns one mpim (bot included) per member set."""
    first = client.conversations_open(users="U1,U2")["channel"]["id"]
    assert first[0] in "GC"
    assert client.conversations_open(users="U2,U1")["channel"]["id"] == first
    assert client.conversations_open(users="U1,U3")["channel"]["id"] != first
    channel = fake.channel(first)
    assert channel is not None
    assert set(channel.members) == {"U1", "U2", "UBOT"}


@pytest.mark.parametrize(
    ("users", "error"),
    [("U404", "user_not_found"), ("UGONE", "user_disabled"), ("UOTHERBOT", "cannot_dm_bot")],
)
def test_conversations_open_errors(client: WebClient, users: str, error: str) -> None:
    """conversations.open refuses unknown, deactivated and bot users."""
    assert error_code(client.conversations_open, users=users) == error


def test_conversations_history_newest_first(fake: FakeSlack, client: WebClient) -> None:
    """conversations.history returns top-level messages newest first, honouring oldest/latest/limit."""
    stamps = [fake.add_message("C1", f"m{i}", user="U1", ts=f"1700000000.00000{i}") for i in range(5)]
    fake.add_message("C1", "reply", user="U2", thread_ts=stamps[0])
    texts = [m["text"] for m in client.conversations_history(channel="C1")["messages"]]
    assert texts == ["m4", "m3", "m2", "m1", "m0"]
    window = client.conversations_history(channel="C1", oldest=stamps[1], latest=stamps[4])
    assert [m["text"] for m in window["messages"]] == ["m3", "m2"]
    inclusive = client.conversations_history(channel="C1", oldest=stamps[1], inclusive=True, limit=10)
    assert [m["text"] for m in inclusive["messages"]][-1] == "m1"
    assert client.conversations_history(channel="C1")["messages"][-1]["reply_count"] == 1


def test_conversations_history_cursor(fake: FakeSlack, client: WebClient) -> None:
    """conversations.history pages with limit, has_more and next_cursor."""
    for i in range(3):
        fake.add_message("C1", f"m{i}", user="U1")
    first = client.conversations_history(channel="C1", limit=2)
    assert first["has_more"] is True
    second = client.conversations_history(
        channel="C1", limit=2, cursor=first["response_metadata"]["next_cursor"]
    )
    assert [m["text"] for m in second["messages"]] == ["m0"]
    assert second["has_more"] is False


def test_conversations_history_metadata_on_request(client: WebClient) -> None:
    """Message metadata is included only with include_all_metadata."""
    metadata = {"event_type": "escalation_opened", "event_payload": {"id": "E1"}}
    client.chat_postMessage(channel="C1", text="opened", metadata=metadata)
    assert "metadata" not in client.conversations_history(channel="C1")["messages"][0]
    with_meta = client.conversations_history(channel="C1", include_all_metadata=True)
    assert with_meta["messages"][0]["metadata"] == metadata


def test_conversations_history_requires_membership(client: WebClient) -> None:
    """conversations.history needs membership: not_in_channel, or channel_not_found if private."""
    assert error_code(client.conversations_history, channel="C2") == "not_in_channel"
    assert error_code(client.conversations_history, channel="G2") == "channel_not_found"
    assert error_code(client.conversations_history, channel="C1", latest="soon") == "invalid_ts_latest"


def test_conversations_replies_thread_order(fake: FakeSlack, client: WebClient) -> None:
    """conversations.replies returns the parent then the replies, oldest first."""
    parent = fake.add_message("C1", "parent", user="U1")
    client.chat_postMessage(channel="C1", text="r1", thread_ts=parent)
    client.chat_postMessage(channel="C1", text="r2", thread_ts=parent)
    messages = client.conversations_replies(channel="C1", ts=parent)["messages"]
    assert [m["text"] for m in messages] == ["parent", "r1", "r2"]
    assert messages[1]["thread_ts"] == parent
    assert [m.text for m in fake.thread("C1", parent)] == ["parent", "r1", "r2"]


def test_conversations_replies_thread_not_found(client: WebClient) -> None:
    """conversations.replies for a ts that is not in the channel gets thread_not_found."""
    assert error_code(client.conversations_replies, channel="C1", ts="1.000001") == "thread_not_found"


# ---------------------------------------------------------------------------------------- chat


def test_post_message_to_user_id_goes_to_dm(fake: FakeSlack, client: WebClient) -> None:
    """chat.postMessage with a user ID posts in the bot's IM with that user (D… channel)."""
    response = client.chat_postMessage(channel="U1", text="checking in")
    assert response["channel"].startswith("D")
    assert response["channel"] == fake.im_channel("U1")
    assert [m.text for m in fake.dm_messages("U1")] == ["checking in"]
    assert fake.messages("U1")[0].channel == response["channel"]


def test_post_message_to_deleted_user_still_posts(fake: FakeSlack, client: WebClient) -> None:
    """Slack does not refuse DMs to deactivated users; the app must check users.info itself."""
    client.chat_postMessage(channel="UGONE", text="hello?")
    assert len(fake.dm_messages("UGONE")) == 1


@pytest.mark.parametrize(
    ("channel", "error"),
    [
        ("C2", "not_in_channel"),
        ("C3", "is_archived"),
        ("C404", "channel_not_found"),
        ("G2", "channel_not_found"),
    ],
)
def test_post_message_channel_errors(client: WebClient, channel: str, error: str) -> None:
    """chat.postMessage refuses channels the bot is not in, archived and unknown ones."""
    assert error_code(client.chat_postMessage, channel=channel, text="x") == error


def test_post_message_by_channel_name(fake: FakeSlack, client: WebClient) -> None:
    """chat.postMessage accepts #name and answers with the channel ID."""
    assert client.chat_postMessage(channel="#general", text="x")["channel"] == "C1"


def test_post_message_response_and_storage(fake: FakeSlack, client: WebClient) -> None:
    """chat.postMessage returns ts and message, and stores text, blocks, metadata and identity overrides."""
    metadata = {"event_type": "checkin", "event_payload": {"n": 1}}
    response = client.chat_postMessage(
        channel="C1",
        text="hi",
        blocks=[section("hi")],
        metadata=metadata,
        username="itabasami helper",
        icon_emoji=":wave:",
    )
    assert response["message"]["text"] == "hi"
    assert response["message"]["bot_id"] == "BBOT"
    stored = fake.messages("C1")[0]
    assert stored.ts == response["ts"]
    assert (stored.user, stored.bot_id, stored.username, stored.icon_emoji) == (
        "UBOT",
        "BBOT",
        "itabasami helper",
        ":wave:",
    )
    assert stored.metadata == metadata
    assert stored.blocks == [section("hi")]


def test_post_message_ts_unique_and_increasing(fake: FakeSlack, client: WebClient) -> None:
    """Timestamps are unique, increasing and formatted like 1700000000.000100, even under concurrency."""
    results: list[str] = []

    def post(n: int) -> None:
        results.append(client.chat_postMessage(channel="C1", text=str(n))["ts"])

    threads = [threading.Thread(target=post, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 16
    stored = [m.ts for m in fake.messages("C1")]
    assert stored == sorted(stored, key=float)
    assert all(len(ts.split(".")[1]) == 6 for ts in stored)


def test_post_message_requires_content(client: WebClient) -> None:
    """chat.postMessage with neither text nor blocks nor attachments gets no_text."""
    assert error_code(client.api_call, "chat.postMessage", json={"channel": "C1"}) == "no_text"


def test_post_message_thread_ts_must_exist(fake: FakeSlack, client: WebClient) -> None:
    """A thread_ts that names no message in the channel gets thread_not_found; a real one makes a reply."""
    assert error_code(client.chat_postMessage, channel="C1", text="r", thread_ts="1.000001") == (
        "thread_not_found"
    )
    parent = client.chat_postMessage(channel="C1", text="p")["ts"]
    reply = client.chat_postMessage(channel="C1", text="r", thread_ts=parent)
    assert reply["message"]["thread_ts"] == parent
    assert [m.thread_ts for m in fake.messages("C1")] == [None, parent]


def test_post_message_text_limit(client: WebClient) -> None:
    """Message text over 40,000 characters gets msg_too_long."""
    assert error_code(client.chat_postMessage, channel="C1", text="x" * 40_001) == "msg_too_long"


def test_chat_update(fake: FakeSlack, client: WebClient) -> None:
    """chat.update edits the bot's own message."""
    ts = client.chat_postMessage(channel="C1", text="before")["ts"]
    response = client.chat_update(channel="C1", ts=ts, text="after", blocks=[section("after")])
    assert response["text"] == "after"
    stored = fake.messages("C1")[0]
    assert (stored.text, stored.blocks, stored.edited_ts is not None) == ("after", [section("after")], True)


def test_chat_update_errors(fake: FakeSlack, client: WebClient) -> None:
    """chat.update refuses unknown messages and other people's messages."""
    theirs = fake.add_message("C1", "mine", user="U1")
    assert error_code(client.chat_update, channel="C1", ts="1.000001", text="x") == "message_not_found"
    assert error_code(client.chat_update, channel="C1", ts=theirs, text="x") == "cant_update_message"


def test_chat_delete(fake: FakeSlack, client: WebClient) -> None:
    """chat.delete removes the bot's message and refuses others' (cant_delete_message)."""
    ts = client.chat_postMessage(channel="C1", text="oops")["ts"]
    client.chat_delete(channel="C1", ts=ts)
    assert fake.messages("C1") == []
    assert fake.messages("C1", include_deleted=True)[0].deleted is True
    theirs = fake.add_message("C1", "mine", user="U1")
    assert error_code(client.chat_delete, channel="C1", ts=theirs) == "cant_delete_message"
    assert error_code(client.chat_delete, channel="C1", ts=ts) == "message_not_found"


def test_post_ephemeral(fake: FakeSlack, client: WebClient) -> None:
    """chat.postEphemeral is recorded for the user and never appears in history."""
    response = client.chat_postEphemeral(channel="C1", user="U1", text="only you")
    assert response["message_ts"]
    assert [(e.user, e.channel, e.text) for e in fake.ephemerals("U1")] == [("U1", "C1", "only you")]
    assert fake.ephemerals("U2") == []
    assert fake.messages("C1") == []
    assert client.conversations_history(channel="C1")["messages"] == []


def test_post_ephemeral_user_not_in_channel(client: WebClient) -> None:
    """chat.postEphemeral to a user who is not a member gets user_not_in_channel."""
    assert error_code(client.chat_postEphemeral, channel="C1", user="U3", text="x") == ("user_not_in_channel")


def test_get_permalink(fake: FakeSlack, client: WebClient) -> None:
    """chat.getPermalink builds archive links, with thread_ts and cid for replies."""
    parent = client.chat_postMessage(channel="C1", text="p")["ts"]
    reply = client.chat_postMessage(channel="C1", text="r", thread_ts=parent)["ts"]
    link = client.chat_getPermalink(channel="C1", message_ts=parent)["permalink"]
    assert link == f"https://fake.slack.com/archives/C1/p{parent.replace('.', '')}"
    reply_link = client.chat_getPermalink(channel="C1", message_ts=reply)["permalink"]
    assert (
        reply_link
        == f"https://fake.slack.com/archives/C1/p{reply.replace('.', '')}?thread_ts={parent}&cid=C1"
    )
    assert error_code(client.chat_getPermalink, channel="C1", message_ts="1.0") == "message_not_found"


# ---------------------------------------------------------------------------------------- Block Kit

ACTIONS_TWO_SAME = {"type": "actions", "elements": [button("same"), button("same")]}
BLOCK_CASES = [
    (
        "section_text",
        [section("x" * 3001)],
        "must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
    ),
    (
        "header_text",
        [{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}],
        "must be less than 151 characters [json-pointer:/blocks/0/text/text]",
    ),
    (
        "field_length",
        [{"type": "section", "fields": [{"type": "mrkdwn", "text": "x" * 2001}]}],
        "[json-pointer:/blocks/0/fields/0/text]",
    ),
    (
        "field_count",
        [{"type": "section", "fields": [{"type": "mrkdwn", "text": "x"}] * 11}],
        "no more than 10 items allowed [json-pointer:/blocks/0/fields]",
    ),
    (
        "context_count",
        [{"type": "context", "elements": [{"type": "mrkdwn", "text": "x"}] * 11}],
        "[json-pointer:/blocks/0/elements]",
    ),
    (
        "button_text",
        [{"type": "actions", "elements": [button(text="x" * 76)]}],
        "/blocks/0/elements/0/text/text]",
    ),
    (
        "button_value",
        [{"type": "actions", "elements": [button(value="v" * 2001)]}],
        "/blocks/0/elements/0/value]",
    ),
    (
        "action_id_length",
        [{"type": "actions", "elements": [button("a" * 256)]}],
        "/blocks/0/elements/0/action_id]",
    ),
    ("block_id_length", [section("x", block_id="b" * 256)], "[json-pointer:/blocks/0/block_id]"),
    (
        "duplicate_block_id",
        [section("x", block_id="same"), section("y", block_id="same")],
        "/blocks/1/block_id]",
    ),
    ("duplicate_action_id", [ACTIONS_TWO_SAME], "/blocks/0/elements/1/action_id]"),
    (
        "empty_plain_text",
        [{"type": "header", "text": {"type": "plain_text", "text": ""}}],
        "must be more than 0 characters [json-pointer:/blocks/0/text/text]",
    ),
    ("unknown_type", [{"type": "carousel"}], "[json-pointer:/blocks/0/type]"),
    ("too_many_blocks", [section("x")] * 51, "no more than 50 items allowed [json-pointer:/blocks]"),
]


@pytest.mark.parametrize(("blocks", "message"), [c[1:] for c in BLOCK_CASES], ids=[c[0] for c in BLOCK_CASES])
def test_block_kit_limits_on_messages(client: WebClient, blocks: list[Any], message: str) -> None:
    """Messages breaking a Block Kit limit get invalid_blocks with a json-pointer message."""
    data = error_of(client.chat_postMessage, channel="C1", text="fallback", blocks=blocks)
    assert data["error"] == "invalid_blocks"
    messages = data["response_metadata"]["messages"]
    assert any(m.startswith("[ERROR] ") and message in m for m in messages), messages


def test_block_kit_checked_on_update_and_ephemeral(client: WebClient) -> None:
    """chat.update and chat.postEphemeral apply the same Block Kit rules."""
    ts = client.chat_postMessage(channel="C1", text="ok")["ts"]
    bad = [section("x" * 3001)]
    assert error_code(client.chat_update, channel="C1", ts=ts, text="t", blocks=bad) == "invalid_blocks"
    assert error_code(client.chat_postEphemeral, channel="C1", user="U1", text="t", blocks=bad) == (
        "invalid_blocks"
    )


def test_block_kit_accepts_realistic_message(client: WebClient) -> None:
    """A rich but valid message (same action_id in different blocks included) is accepted."""
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Escalations"}},
        section("*E-1* client is upset", accessory=button("resolve", value="E-1")),
        section("*E-2* invoice question", accessory=button("resolve", value="E-2")),
        {"type": "divider"},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "2 open"}]},
        {
            "type": "actions",
            "elements": [
                button("approve", style="primary"),
                {
                    "type": "static_select",
                    "action_id": "owner",
                    "placeholder": {"type": "plain_text", "text": "Pick"},
                    "options": [{"text": {"type": "plain_text", "text": "Aiko"}, "value": "U1"}],
                },
            ],
        },
    ]
    assert client.chat_postMessage(channel="C1", text="Escalations", blocks=blocks)["ok"] is True


# ---------------------------------------------------------------------------------------- views


def test_views_open(fake: FakeSlack, client: WebClient) -> None:
    """views.open with a fresh trigger opens the modal and records it."""
    trigger = fake.new_trigger_id(user_id="U1")
    view = client.views_open(trigger_id=trigger, view=modal())["view"]
    assert view["id"].startswith("V")
    assert view["root_view_id"] == view["id"]
    assert view["callback_id"] == "escalate"
    opened = fake.views_opened()
    assert [(v.id, v.user_id, v.view["callback_id"]) for v in opened] == [(view["id"], "U1", "escalate")]


def test_views_open_trigger_is_single_use(fake: FakeSlack, client: WebClient) -> None:
    """A trigger_id works once; reusing it gets exchanged_trigger_id."""
    trigger = fake.new_trigger_id()
    client.views_open(trigger_id=trigger, view=modal())
    assert error_code(client.views_open, trigger_id=trigger, view=modal()) == "exchanged_trigger_id"


def test_views_open_trigger_expires(fake: FakeSlack, client: WebClient, clock: ManualClock) -> None:
    """A trigger_id older than 3 seconds gets expired_trigger_id (clock injected, no sleeping)."""
    trigger = fake.new_trigger_id()
    clock.advance(3.01)
    assert error_code(client.views_open, trigger_id=trigger, view=modal()) == "expired_trigger_id"


def test_views_open_unknown_trigger(client: WebClient) -> None:
    """A trigger_id the fake did not issue gets invalid_trigger_id."""
    assert error_code(client.views_open, trigger_id="123.456.abc", view=modal()) == "invalid_trigger_id"


VIEW_CASES = [
    ("type", modal(type="dialog"), "[json-pointer:/view/type]"),
    (
        "title",
        modal(title={"type": "plain_text", "text": "x" * 25}),
        "less than 25 characters [json-pointer:/view/title/text]",
    ),
    ("title_mrkdwn", modal(title={"type": "mrkdwn", "text": "Hi"}), "[json-pointer:/view/title/type]"),
    ("submit", modal(submit={"type": "plain_text", "text": "x" * 25}), "[json-pointer:/view/submit/text]"),
    ("close", modal(close={"type": "plain_text", "text": "x" * 25}), "[json-pointer:/view/close/text]"),
    ("callback_id", modal(callback_id="c" * 256), "[json-pointer:/view/callback_id]"),
    ("private_metadata", modal(private_metadata="m" * 3001), "[json-pointer:/view/private_metadata]"),
    (
        "input_label",
        modal(blocks=[{"type": "input", "element": {"type": "plain_text_input", "action_id": "a"}}]),
        "missing required field: label [json-pointer:/view/blocks/0]",
    ),
    (
        "input_element",
        modal(blocks=[{"type": "input", "label": {"type": "plain_text", "text": "L"}}]),
        "missing required field: element [json-pointer:/view/blocks/0]",
    ),
    ("submit_required", modal(submit=None), "[json-pointer:/view/submit]"),
    ("too_many_blocks", modal(blocks=[{"type": "divider"}] * 101), "no more than 100 items allowed"),
    ("block_rules", modal(blocks=[section("x" * 3001)]), "[json-pointer:/view/blocks/0/text/text]"),
]


@pytest.mark.parametrize(("view", "message"), [c[1:] for c in VIEW_CASES], ids=[c[0] for c in VIEW_CASES])
def test_modal_rules(fake: FakeSlack, client: WebClient, view: dict[str, Any], message: str) -> None:
    """Invalid modals get invalid_arguments (Slack's error for views) with a json-pointer message."""
    view = {key: value for key, value in view.items() if value is not None}
    data = error_of(client.views_open, trigger_id=fake.new_trigger_id(), view=view)
    assert data["error"] == "invalid_arguments"
    assert any(message in m for m in data["response_metadata"]["messages"]), data


def test_views_push_stack_limit(fake: FakeSlack, client: WebClient) -> None:
    """views.push stacks on the open modal; a fourth view gets push_limit_reached."""
    root = client.views_open(trigger_id=fake.new_trigger_id(), view=modal())["view"]
    second = client.views_push(trigger_id=fake.new_trigger_id(view_id=root["id"]), view=modal())["view"]
    assert (second["root_view_id"], second["previous_view_id"]) == (root["id"], root["id"])
    client.views_push(trigger_id=fake.new_trigger_id(view_id=second["id"]), view=modal())
    data = error_of(client.views_push, trigger_id=fake.new_trigger_id(view_id=root["id"]), view=modal())
    assert data["error"] == "push_limit_reached"
    assert len(fake.views_opened()) == 3


def test_views_push_needs_trigger(client: WebClient) -> None:
    """views.push without a valid trigger_id is refused."""
    assert error_code(client.views_push, trigger_id="nope", view=modal()) == "invalid_trigger_id"


def test_views_update(fake: FakeSlack, client: WebClient) -> None:
    """views.update replaces a view by view_id or external_id; unknown views get not_found."""
    view = client.views_open(trigger_id=fake.new_trigger_id(), view=modal(external_id="esc-1"))["view"]
    updated = client.views_update(
        view_id=view["id"], view=modal(title={"type": "plain_text", "text": "Sent"})
    )
    assert updated["view"]["title"]["text"] == "Sent"
    assert updated["view"]["hash"] != view["hash"]
    client.views_update(external_id="esc-1", view=modal(callback_id="by_external", external_id="esc-1"))
    record = fake.view(view["id"])
    assert record is not None
    assert record.view["callback_id"] == "by_external"
    assert error_code(client.views_update, view_id="V404", view=modal()) == "not_found"
    assert error_code(client.views_update, view_id=view["id"], view=modal(), hash="stale") == "hash_conflict"


def test_views_publish_home(fake: FakeSlack, client: WebClient) -> None:
    """views.publish stores the latest home tab per user."""
    first = client.views_publish(user_id="U1", view=home_view("one"))["view"]
    second = client.views_publish(user_id="U1", view=home_view("two"))["view"]
    assert first["id"] == second["id"]
    home = fake.home("U1")
    assert home is not None
    assert home["blocks"] == [section("two")]
    assert fake.home("U2") is None


def test_views_publish_rules(client: WebClient) -> None:
    """views.publish needs user_id, a known user and a home-type view."""
    assert error_code(client.api_call, "views.publish", json={"view": home_view()}) == "missing_argument"
    assert error_code(client.views_publish, user_id="U404", view=home_view()) == "user_not_found"
    assert error_code(client.views_publish, user_id="U1", view=modal()) == "invalid_arguments"


def test_closed_modal_cannot_be_updated(fake: FakeSlack, client: WebClient) -> None:
    """After close_view (the user dismissed the modal) views.update gets not_found."""
    view = client.views_open(trigger_id=fake.new_trigger_id(), view=modal())["view"]
    fake.close_view(view["id"])
    assert error_code(client.views_update, view_id=view["id"], view=modal()) == "not_found"


def test_messages_tab_disabled() -> None:
    """With the app's Messages tab disabled, DMs to a user ID get messages_tab_disabled."""
    with FakeSlack(messages_tab_enabled=False, scopes=ALL_SCOPES) as server:
        populate(server)
        client = WebClient(token=server.token, base_url=server.base_url)
        assert error_code(client.chat_postMessage, channel="U1", text="hi") == "messages_tab_disabled"


def test_home_tab_disabled() -> None:
    """With the home tab disabled views.publish gets not_enabled."""
    with FakeSlack(home_tab_enabled=False, scopes=ALL_SCOPES) as server:
        populate(server)
        client = WebClient(token=server.token, base_url=server.base_url)
        assert error_code(client.views_publish, user_id="U1", view=home_view()) == "not_enabled"


# ---------------------------------------------------------------------------------------- response_url


def test_response_url_posts_are_recorded(fake: FakeSlack) -> None:
    """POSTs to a response_url (e.g. Bolt's respond) are recorded with their fields."""
    url = fake.new_response_url()
    assert url.startswith(f"{fake.root_url}response/")
    result = Respond(response_url=url)(text="done", response_type="ephemeral", replace_original=True)
    assert (result.status_code, result.body) == (200, "ok")
    [post] = fake.responses(url)
    assert (post.text, post.response_type, post.replace_original, post.delete_original) == (
        "done",
        "ephemeral",
        True,
        False,
    )


def test_response_url_used_five_times(fake: FakeSlack) -> None:
    """A response_url works five times, then answers 404 used_url."""
    respond = Respond(response_url=fake.new_response_url())
    assert [respond(text=str(n)).status_code for n in range(5)] == [200] * 5
    sixth = respond(text="six")
    assert (sixth.status_code, sixth.body) == (404, "used_url")
    assert len(fake.responses()) == 5


def test_response_url_expires(fake: FakeSlack, clock: ManualClock) -> None:
    """A response_url older than 30 minutes answers 404 expired_url."""
    respond = Respond(response_url=fake.new_response_url())
    clock.advance(30 * 60 + 1)
    result = respond(text="late")
    assert (result.status_code, result.body) == (404, "expired_url")


def test_response_url_validates_blocks(fake: FakeSlack) -> None:
    """A response_url refuses invalid blocks with 400 invalid_blocks."""
    result = Respond(response_url=fake.new_response_url())(text="x", blocks=[section("x" * 3001)])
    assert (result.status_code, result.body) == (400, "invalid_blocks")


# ---------------------------------------------------------------------------------------- files and reactions


def test_files_upload_v2(fake: FakeSlack, client: WebClient) -> None:
    """files_upload_v2 goes through getUploadURLExternal, the upload and completeUploadExternal."""
    response = client.files_upload_v2(
        channel="C1", content=b"case notes", filename="notes.txt", title="Notes", initial_comment="attached"
    )
    assert response["file"]["title"] == "Notes"
    [uploaded] = fake.files()
    assert (uploaded.name, uploaded.title, uploaded.content, uploaded.channel) == (
        "notes.txt",
        "Notes",
        b"case notes",
        "C1",
    )
    assert uploaded.initial_comment == "attached"
    shared = fake.messages("C1")[0]
    assert (shared.text, shared.files[0]["id"]) == ("attached", uploaded.id)
    assert fake.called_methods == {"files.getUploadURLExternal", "files.completeUploadExternal"}


def test_files_upload_to_channel_bot_is_not_in(fake: FakeSlack, client: WebClient) -> None:
    """Sharing a file to a channel the bot is not in gets not_in_channel."""
    assert error_code(client.files_upload_v2, channel="C2", content=b"x", filename="x.txt") == (
        "not_in_channel"
    )
    assert fake.files() == []


def test_reactions_add() -> None:
    """reactions.add records the reaction; adding it twice gets already_reacted."""
    with FakeSlack(scopes={"reactions:write", "chat:write"}) as server:
        populate(server)
        client = WebClient(token=server.token, base_url=server.base_url)
        ts = server.add_message("C1", "help", user="U1")
        client.reactions_add(channel="C1", timestamp=ts, name="eyes")
        assert server.messages("C1")[0].reactions == {"eyes": ["UBOT"]}
        assert error_code(client.reactions_add, channel="C1", timestamp=ts, name="eyes") == "already_reacted"
        assert (
            error_code(client.reactions_add, channel="C1", timestamp="1.0", name="x") == "message_not_found"
        )


# ---------------------------------------------------------------------------------------- recording


def test_calls_are_recorded(fake: FakeSlack, client: WebClient, clock: ManualClock) -> None:
    """Each call is a Call with method, normalised args (no token), response, time and status."""
    client.users_info(user="U1", include_locale=True)
    error_of(client.users_info, user="U404")
    ok_call, failed = fake.calls("users.info")
    assert ok_call.args == {"user": "U1", "include_locale": True}
    assert "token" not in ok_call.args
    assert ok_call.response["user"]["id"] == "U1"
    assert (ok_call.ok, ok_call.status, ok_call.time) == (True, 200, clock())
    assert (failed.ok, failed.error) == (False, "user_not_found")
    fake.reset_calls()
    assert fake.calls() == []


def test_wait_for_returns_truthy_value(fake: FakeSlack, client: WebClient) -> None:
    """wait_for polls until the predicate is truthy and returns its value."""
    threading.Timer(0.02, lambda: client.chat_postMessage(channel="C1", text="later")).start()
    messages = fake.wait_for(lambda: fake.messages("C1"), timeout=2.0)
    assert messages[0].text == "later"


def test_wait_for_times_out_with_message(fake: FakeSlack) -> None:
    """wait_for raises AssertionError naming the predicate when it times out."""

    def nothing_posted() -> list[Any]:
        return fake.messages("C1")

    with pytest.raises(AssertionError, match="nothing_posted"):
        fake.wait_for(nothing_posted, timeout=0.03)


# ---------------------------------------------------------------------------------------- fault injection


def test_fail_next_returns_error_then_recovers(fake: FakeSlack, client: WebClient) -> None:
    """fail_next makes the next N calls fail with the given error, then calls work again."""
    fake.fail_next("chat.postMessage", times=2, error="fatal_error")
    for _ in range(2):
        assert error_code(client.chat_postMessage, channel="C1", text="x") == "fatal_error"
    assert client.chat_postMessage(channel="C1", text="x")["ok"] is True
    assert len(fake.messages("C1")) == 1


def test_fail_next_only_for_channel(fake: FakeSlack, client: WebClient) -> None:
    """fail_next(channel=...) only affects calls for that channel (user IDs map to their DM)."""
    fake.fail_next("chat.postMessage", error="channel_not_found", channel="U1")
    assert client.chat_postMessage(channel="C1", text="fine")["ok"] is True
    assert error_code(client.chat_postMessage, channel="U1", text="x") == "channel_not_found"
    assert client.chat_postMessage(channel="U1", text="now fine")["ok"] is True


def test_fail_next_rate_limited_429(fake: FakeSlack, client: WebClient) -> None:
    """retry_after= answers HTTP 429 ratelimited with a Retry-After header."""
    fake.fail_next("users.info", retry_after=7)
    with pytest.raises(SlackApiError) as info:
        client.users_info(user="U1")
    response = info.value.response
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"
    assert response.data == {"ok": False, "error": "ratelimited"}
    assert fake.calls("users.info")[0].status == 429


def test_rate_limit_retry_handler_retries(fake: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> None:
    """WebClient with RateLimitErrorRetryHandler sleeps Retry-After and retries after a 429."""
    slept: list[float] = []
    monkeypatch.setattr(builtin_handlers, "time", SimpleNamespace(sleep=slept.append))
    client = WebClient(
        token=fake.token,
        base_url=fake.base_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)],
    )
    fake.fail_next("chat.postMessage", retry_after=2)
    assert client.chat_postMessage(channel="C1", text="eventually")["ok"] is True
    assert len(slept) == 1
    assert slept[0] >= 2
    assert [c.status for c in fake.calls("chat.postMessage")] == [429, 200]
    assert len(fake.messages("C1")) == 1


def test_fail_next_503_edge_page(fake: FakeSlack, client: WebClient) -> None:
    """status=503 answers with an HTML edge error page, not JSON."""
    fake.fail_next("chat.postMessage", status=503)
    status, headers, body = raw_request(
        f"{fake.base_url}chat.postMessage",
        json.dumps({"channel": "C1", "text": "x"}).encode(),
        {"Authorization": f"Bearer {fake.token}", "Content-Type": "application/json"},
    )
    assert status == 503
    assert headers["Content-Type"].startswith("text/html")
    assert b"503 Service Unavailable" in body
    fake.fail_next("chat.postMessage", status=503)
    with pytest.raises(SlackApiError) as info:
        client.chat_postMessage(channel="C1", text="x")
    assert info.value.response.status_code == 503
    assert fake.messages("C1") == []


def test_fail_next_delay_times_out_but_posts(fake: FakeSlack) -> None:
    """delay= outlasts the client's timeout, yet the post still happens (like a real slow Slack)."""
    fake.fail_next("chat.postMessage", delay=0.2)
    impatient = WebClient(token=fake.token, base_url=fake.base_url, timeout=0.05, retry_handlers=[])  # type: ignore[arg-type]
    with pytest.raises(TimeoutError):
        impatient.chat_postMessage(channel="C1", text="slow")
    assert fake.wait_for(lambda: fake.messages("C1"), timeout=2.0)[0].text == "slow"


# ---------------------------------------------------------------------------------------- rate limits


def limited(clock: ManualClock, **limits: Any) -> FakeSlack:
    return populate(FakeSlack(now=clock, rate_limits=RateLimits(**limits), scopes=ALL_SCOPES).start())


def test_rate_limit_per_channel_burst(clock: ManualClock) -> None:
    """chat.postMessage allows a small burst per channel, then 429 with Retry-After until refilled."""
    server = limited(clock, per_channel_per_second=1.0, channel_burst=3)
    try:
        client = WebClient(token=server.token, base_url=server.base_url, retry_handlers=[])
        for _ in range(3):
            client.chat_postMessage(channel="C1", text="x")
        with pytest.raises(SlackApiError) as info:
            client.chat_postMessage(channel="C1", text="x")
        assert info.value.response.status_code == 429
        assert info.value.response.headers["Retry-After"] == "1"
        assert client.chat_postMessage(channel="G1", text="other channel")["ok"] is True
        clock.advance(1.0)
        assert client.chat_postMessage(channel="C1", text="x")["ok"] is True
        assert server.rate_limited_count == 1
    finally:
        server.stop()


def test_rate_limit_workspace_cap(clock: ManualClock) -> None:
    """chat.postMessage is capped per minute across the workspace."""
    server = limited(clock, per_channel_per_second=100.0, channel_burst=100, workspace_per_minute=2)
    try:
        client = WebClient(token=server.token, base_url=server.base_url, retry_handlers=[])
        client.chat_postMessage(channel="C1", text="1")
        clock.advance(10)
        client.chat_postMessage(channel="G1", text="2")
        with pytest.raises(SlackApiError) as info:
            client.chat_postMessage(channel="U1", text="3")
        assert info.value.response.headers["Retry-After"] == "50"
        clock.advance(50)
        assert client.chat_postMessage(channel="U1", text="3")["ok"] is True
    finally:
        server.stop()


def test_rate_limit_tiers(clock: ManualClock) -> None:
    """Other methods are limited per method by their tier (users.list is tier 2: 20 per minute)."""
    server = limited(clock)
    try:
        client = WebClient(token=server.token, base_url=server.base_url, retry_handlers=[])
        for _ in range(20):
            client.users_list()
        assert error_code(client.users_list) == "ratelimited"
        assert client.users_info(user="U1")["ok"] is True
        clock.advance(60)
        assert client.users_list()["ok"] is True
    finally:
        server.stop()


def test_rate_limit_time_scale(clock: ManualClock) -> None:
    """time_scale makes the fake's clock faster; Retry-After stays in fake seconds."""
    server = limited(clock, per_channel_per_second=1.0, channel_burst=1, time_scale=10.0)
    try:
        client = WebClient(token=server.token, base_url=server.base_url, retry_handlers=[])
        client.chat_postMessage(channel="C1", text="x")
        with pytest.raises(SlackApiError) as info:
            client.chat_postMessage(channel="C1", text="x")
        assert info.value.response.headers["Retry-After"] == "1"
        clock.advance(0.1)
        assert client.chat_postMessage(channel="C1", text="x")["ok"] is True
    finally:
        server.stop()


def test_rate_limits_off_by_default(fake: FakeSlack, client: WebClient) -> None:
    """Without rate_limits= nothing is limited."""
    for _ in range(25):
        client.users_list()
    assert fake.rate_limited_count == 0


# ---------------------------------------------------------------------------------------- robustness


def test_bug_in_fake_is_http_500_with_traceback(
    fake: FakeSlack, client: WebClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception inside the fake answers HTTP 500 with the traceback instead of hanging."""

    def broken(ctx: Any) -> dict[str, Any]:
        raise RuntimeError("boom in handler")

    monkeypatch.setitem(method_context.HANDLERS, "auth.test", broken)
    with pytest.raises(SlackApiError) as info:
        client.auth_test()
    assert info.value.response.status_code == 500
    assert "boom in handler" in str(info.value.response.data)
    assert "RuntimeError: boom in handler" in fake.server_errors[0]
    assert fake.calls("auth.test")[0].status == 500


def test_unknown_path_is_404(fake: FakeSlack) -> None:
    """Paths outside /api/, /response/ and /upload/ answer 404."""
    assert raw_request(f"{fake.root_url}nothing")[0] == 404
