"""views.open, views.push, views.update and views.publish."""

from __future__ import annotations

from typing import Any

from .blockkit_rules import view_errors
from .method_context import Ctx, api
from .slack_models import SlackError, Trigger, ViewRecord
from .slack_render import view_json
from .slack_state import SlackState

MAX_STACK = 3


def _valid_view(ctx: Ctx, allowed_types: tuple[str, ...]) -> dict[str, Any]:
    view = ctx.args.get("view")
    problems = view_errors(view, allowed_types=allowed_types)
    if problems:
        raise SlackError("invalid_arguments", messages=problems)
    if not isinstance(view, dict):  # view_errors refuses anything else; this tells the type checker
        raise SlackError("invalid_arguments")
    return view


def _new_hash(state: SlackState) -> str:
    return f"{int(state.wall())}.{state.new_token(4)}"


def _check_external_id(state: SlackState, external_id: str, own_id: str | None) -> None:
    if not external_id:
        return
    for record in state.views.values():
        if record.external_id == external_id and record.id != own_id and not record.closed:
            raise SlackError("duplicate_external_id")


def _trigger(ctx: Ctx) -> Trigger:
    trigger_id = ctx.args.get("trigger_id") or ctx.args.get("interactivity_pointer")
    if not trigger_id:
        raise SlackError("invalid_arguments", messages=["[ERROR] missing required field: trigger_id"])
    return ctx.state.check_trigger(trigger_id)


def _record(
    ctx: Ctx, view: dict[str, Any], trigger: Trigger, root: str | None, previous: str | None
) -> ViewRecord:
    state = ctx.state
    view_id = state.new_id("V")
    external_id = str(view.get("external_id", ""))
    _check_external_id(state, external_id, None)
    record = ViewRecord(
        id=view_id,
        type=str(view["type"]),
        view=view,
        hash=_new_hash(state),
        method=ctx.spec.name,
        root_view_id=root or view_id,
        previous_view_id=previous,
        external_id=external_id,
        user_id=trigger.user_id,
        trigger_id=trigger.id,
    )
    trigger.used = True
    state.views[view_id] = record
    return record


@api("views.open")
def views_open(ctx: Ctx) -> dict[str, Any]:
    trigger = _trigger(ctx)
    view = _valid_view(ctx, ("modal",))
    record = _record(ctx, view, trigger, None, None)
    ctx.state.view_stacks.append([record.id])
    return {"view": view_json(ctx.state, record)}


def _stack_for(state: SlackState, trigger: Trigger) -> list[str]:
    open_stacks = [stack for stack in state.view_stacks if stack]
    if trigger.view_id is not None:
        for stack in open_stacks:
            if trigger.view_id in stack:
                return stack
        raise SlackError("not_found")
    if not open_stacks:
        raise SlackError("not_found", messages=["[ERROR] no open modal to push onto"])
    return open_stacks[-1]


@api("views.push")
def views_push(ctx: Ctx) -> dict[str, Any]:
    trigger = _trigger(ctx)
    view = _valid_view(ctx, ("modal",))
    stack = _stack_for(ctx.state, trigger)
    if len(stack) >= MAX_STACK:
        raise SlackError("push_limit_reached")
    record = _record(ctx, view, trigger, stack[0], stack[-1])
    stack.append(record.id)
    return {"view": view_json(ctx.state, record)}


@api("views.update")
def views_update(ctx: Ctx) -> dict[str, Any]:
    state = ctx.state
    view_id, external_id = ctx.text("view_id"), ctx.text("external_id")
    if not view_id and not external_id:
        raise SlackError("invalid_arguments", messages=["[ERROR] view_id or external_id is required"])
    record = state.views.get(view_id) if view_id else None
    if record is None and external_id:
        record = next((r for r in state.views.values() if r.external_id == external_id), None)
    if record is None or record.closed:
        raise SlackError("not_found")
    view = _valid_view(ctx, (record.type,))
    if ctx.args.get("hash") and ctx.args["hash"] != record.hash:
        raise SlackError("hash_conflict")
    new_external = str(view.get("external_id", record.external_id))
    _check_external_id(state, new_external, record.id)
    record.view, record.external_id, record.hash = view, new_external, _new_hash(state)
    return {"view": view_json(state, record)}


@api("views.publish")
def views_publish(ctx: Ctx) -> dict[str, Any]:
    state = ctx.state
    if not state.settings.home_tab_enabled:
        raise SlackError("not_enabled")
    user = state.user(ctx.text("user_id"))
    view = _valid_view(ctx, ("home",))
    existing = state.views.get(state.homes.get(user.id, ""))
    if existing is not None and ctx.args.get("hash") and ctx.args["hash"] != existing.hash:
        raise SlackError("hash_conflict")
    external_id = str(view.get("external_id", ""))
    _check_external_id(state, external_id, existing.id if existing else None)
    view_id = existing.id if existing else state.new_id("V")
    record = ViewRecord(
        id=view_id,
        type="home",
        view=view,
        hash=_new_hash(state),
        method="views.publish",
        root_view_id=view_id,
        external_id=external_id,
        user_id=user.id,
    )
    state.views[view_id] = record
    state.homes[user.id] = view_id
    return {"view": view_json(state, record)}
