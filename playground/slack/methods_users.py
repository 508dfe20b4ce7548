"""auth.test, users.*, usergroups.users.list and dnd.info."""

from __future__ import annotations

from typing import Any

from .method_context import Ctx, api, page_meta, paginate
from .slack_models import SlackError
from .slack_render import user_json


@api("auth.test")
def auth_test(ctx: Ctx) -> dict[str, Any]:
    me = ctx.state.identity
    return {
        "url": "https://fake.slack.com/",
        "team": me.team_name,
        "user": me.bot_name,
        "team_id": me.team_id,
        "user_id": me.bot_user_id,
        "bot_id": me.bot_id,
        "is_enterprise_install": False,
    }


@api("users.info")
def users_info(ctx: Ctx) -> dict[str, Any]:
    user = ctx.state.user(ctx.text("user"))
    return {"user": user_json(ctx.state, user, include_locale=ctx.flag("include_locale"))}


@api("users.list")
def users_list(ctx: Ctx) -> dict[str, Any]:
    users = list(ctx.state.users.values())
    page, next_cursor = paginate(ctx, users, default_limit=max(1, len(users)), max_limit=1000)
    locale = ctx.flag("include_locale")
    return {
        "members": [user_json(ctx.state, user, include_locale=locale) for user in page],
        "cache_ts": int(ctx.state.wall()),
        **page_meta(next_cursor),
    }


@api("usergroups.users.list")
def usergroups_users_list(ctx: Ctx) -> dict[str, Any]:
    group = ctx.state.usergroups.get(ctx.text("usergroup"))
    if group is None:
        raise SlackError("no_such_subteam")
    return {"users": list(group.users)}


@api("dnd.info")
def dnd_info(ctx: Ctx) -> dict[str, Any]:
    user = ctx.state.user(ctx.text("user", ctx.state.bot))
    dnd = user.dnd
    out: dict[str, Any] = {
        "dnd_enabled": dnd.dnd_enabled,
        "next_dnd_start_ts": dnd.next_dnd_start_ts,
        "next_dnd_end_ts": dnd.next_dnd_end_ts,
        "snooze_enabled": dnd.snooze_enabled,
    }
    if dnd.snooze_enabled and dnd.snooze_endtime is not None:
        out["snooze_endtime"] = dnd.snooze_endtime
    return out
