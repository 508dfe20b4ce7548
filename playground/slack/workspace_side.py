"""What Slack itself does for the people in a workspace, beyond answering the app's API calls.

The tests drive the app with hand-built payloads and only need the API side; the playground lets a
person click through a workspace, so Slack's own part has to happen too: a post to a response_url
shows up where it was issued, and the app's answer to a modal submission updates, pushes, clears
or closes the modal. Every function runs under the stand-in's lock.
"""

from __future__ import annotations

import copy
from typing import Any

from .slack_models import Ephemeral, Message, ResponseUrl, ViewRecord
from .slack_state import SlackState


def apply_response(state: SlackState, record: ResponseUrl, body: dict[str, Any]) -> None:
    """Make a response_url post take effect where the URL was issued (if the stand-in knows where)."""
    if record.channel is None or record.user is None:
        return
    original = _original(state, record)
    if body.get("delete_original") in (True, "true"):
        if isinstance(original, Message):
            original.deleted = True
        elif isinstance(original, Ephemeral):
            state.ephemerals.remove(original)
        return
    text, blocks = str(body.get("text") or ""), body.get("blocks")
    if body.get("replace_original") in (True, "true") and original is not None:
        original.text, original.blocks = text, copy.deepcopy(blocks)
        return
    thread_ts = body.get("thread_ts")
    if body.get("response_type") == "in_channel":
        message = Message(
            channel=record.channel,
            ts=state.next_ts(),
            text=text,
            bot_id=state.identity.bot_id,
            user=state.identity.bot_user_id,
            blocks=copy.deepcopy(blocks),
            thread_ts=str(thread_ts) if thread_ts else None,
        )
        state.store_message(message)
        return
    state.ephemerals.append(
        Ephemeral(
            channel=record.channel,
            user=record.user,
            ts=state.next_ts(),
            text=text,
            blocks=copy.deepcopy(blocks),
            thread_ts=str(thread_ts) if thread_ts else None,
        )
    )


def _original(state: SlackState, record: ResponseUrl) -> Message | Ephemeral | None:
    if record.message_ts is None or record.channel is None:
        return None
    found = state.find_message(record.channel, record.message_ts)
    if found is not None:
        return found
    return next((e for e in state.ephemerals if e.ts == record.message_ts), None)


def add_ephemeral(
    state: SlackState, *, channel: str, user: str, text: str, blocks: Any, thread_ts: str | None
) -> Ephemeral:
    """An ephemeral message Slack shows on its own (a command's acknowledgement, a Slackbot notice)."""
    ephemeral = Ephemeral(
        channel=channel,
        user=user,
        ts=state.next_ts(),
        text=text,
        blocks=copy.deepcopy(blocks) if isinstance(blocks, list) else None,
        thread_ts=thread_ts,
    )
    state.ephemerals.append(ephemeral)
    return ephemeral


def open_modal_of(state: SlackState, user: str) -> ViewRecord | None:
    """The modal on top of ``user``'s open stack, if any (a person has at most one stack open)."""
    for stack in reversed(state.view_stacks):
        if stack and state.views[stack[-1]].user_id == user and not state.views[stack[-1]].closed:
            return state.views[stack[-1]]
    return None


def stack_of(state: SlackState, view_id: str) -> list[str] | None:
    return next((stack for stack in state.view_stacks if view_id in stack), None)


def answer_submission(state: SlackState, view_id: str, answer: dict[str, Any]) -> dict[str, str]:
    """Apply the app's answer to a view_submission; returns the field errors to show, if any.

    ``errors`` keeps the modal open with messages on fields; ``update`` replaces it; ``push`` adds one
    on top; ``clear`` closes the whole stack; no ``response_action`` closes just this view."""
    stack = stack_of(state, view_id)
    if stack is None:
        return {}
    action = answer.get("response_action")
    if action == "errors":
        errors = answer.get("errors") or {}
        return {str(key): str(value) for key, value in errors.items()}
    record = state.views[view_id]
    if action == "update" and isinstance(answer.get("view"), dict):
        record.view = copy.deepcopy(answer["view"])
        record.hash = f"{int(state.wall())}.{state.new_token(4)}"
        return {}
    if action == "push" and isinstance(answer.get("view"), dict):
        pushed = ViewRecord(
            id=state.new_id("V"),
            type="modal",
            view=copy.deepcopy(answer["view"]),
            hash=f"{int(state.wall())}.{state.new_token(4)}",
            method="views.push",
            root_view_id=stack[0],
            previous_view_id=stack[-1],
            user_id=record.user_id,
        )
        state.views[pushed.id] = pushed
        stack.append(pushed.id)
        return {}
    closing = list(stack) if action == "clear" else [view_id]
    close_views(state, closing)
    return {}


def close_views(state: SlackState, view_ids: list[str]) -> None:
    for closed in view_ids:
        state.views[closed].closed = True
        for stack in state.view_stacks:
            if closed in stack:
                stack.remove(closed)
