"""Threads under anonymous posts: reply anonymously, report, and delete one's own message."""

from __future__ import annotations

from bot.errors import BotError, Conflict
from bot.i18n import t
from bot.peer import moderation, posts, replies
from bot.peer.crisis import suggests_danger
from bot.peer.model import PostState
from handlers.edge import Req, metadata_of, view_values
from handlers.ids import Block as B
from handlers.vent.kit import PeerKit, action_value, author, field_error, own_zone, shown_times
from handlers.vent.modals import (
    build_delete_modal,
    build_done,
    build_reply_done,
    build_reply_modal,
    build_report_modal,
)


def handle_reply_button(req: Req, kit: PeerKit) -> None:
    """ "Reply anonymously": the form opens only while the post is up."""
    req.ack()
    public_id = action_value(req)
    with req.deps.sessions() as session:
        replies.check_open(posts.get_post(session, public_id))
    req.client.views_open(
        trigger_id=req.trigger_id, view=build_reply_modal(locale=req.locale, post_public_id=public_id)
    )


def handle_reply_submitted(req: Req, kit: PeerKit) -> None:
    text = str((view_values(req.body).get(B.VENT_TEXT) or {}).get("value") or "")
    try:
        with shown_times(req, in_form=True), req.deps.sessions.begin() as session:
            receipt = replies.reply(
                session,
                clock=req.deps.clock,
                anon=kit.anon,
                post_public_id=str(metadata_of(req.body).get("post") or ""),
                author=author(req),
                text=text,
                rate_limit=req.deps.settings.vent_rate_limit,
            )
    except BotError as err:
        field_error(req, B.VENT_TEXT, err)
        return
    support = kit.crisis.resources if suggests_danger(text, kit.crisis.words) else ()
    req.ack(
        response_action="update",
        view=build_reply_done(
            locale=req.locale,
            number=receipt.number,
            resources=support,
            zone=own_zone(req) if support else None,
        ),
    )
    req.deps.jobs.kick()


def handle_menu(req: Req, kit: PeerKit) -> None:
    """The "…" menu on anonymous messages: report it, or delete one's own."""
    req.ack()
    what, _, public_id = action_value(req).partition(":")
    if what == "report":
        _open_report(req, public_id)
    elif what == "delete":
        _open_delete(req, kit, public_id)


def _open_report(req: Req, public_id: str) -> None:
    with req.deps.sessions() as session:
        target = posts.find_target(session, public_id)
    if target.state != PostState.POSTED:
        raise Conflict("error.vent_gone")
    req.client.views_open(
        trigger_id=req.trigger_id, view=build_report_modal(locale=req.locale, target=public_id)
    )


def _open_delete(req: Req, kit: PeerKit, public_id: str) -> None:
    with req.deps.sessions() as session:
        target = posts.find_target(session, public_id)
        if target.is_reply:
            replies.own_reply(session, anon=kit.anon, public_id=public_id, user_id=req.user_id)
        else:
            posts.check_author(kit.anon, posts.get_post(session, public_id), req.user_id)
    if target.state not in (PostState.PENDING, PostState.POSTED):
        raise Conflict("error.vent_gone")
    view = build_delete_modal(
        locale=req.locale,
        target=public_id,
        is_reply=target.is_reply,
        peer_channel=req.deps.settings.peer_channel or "",
    )
    req.client.views_open(trigger_id=req.trigger_id, view=view)


def handle_delete_submitted(req: Req, kit: PeerKit) -> None:
    metadata = metadata_of(req.body)
    public_id, is_reply = str(metadata.get("target") or ""), bool(metadata.get("reply"))
    remove = replies.delete_own if is_reply else posts.delete_own
    try:
        with req.deps.sessions.begin() as session:
            remove(session, clock=req.deps.clock, anon=kit.anon, public_id=public_id, user_id=req.user_id)
    except BotError as err:
        text = t(req.locale, err.key, **err.params)
    else:
        text = t(req.locale, "modal.delete.done")
    req.ack(
        response_action="update",
        view=build_done(locale=req.locale, title_key="modal.delete.title", text=text),
    )
    req.deps.jobs.kick()


def handle_report_shortcut(req: Req, kit: PeerKit) -> None:
    """ "Report anonymous post" on any message: only anonymous posts and replies can be reported this way."""
    req.ack()
    channel = str((req.body.get("channel") or {}).get("id") or "")
    ts = str((req.body.get("message") or {}).get("ts") or "")
    with req.deps.sessions() as session:
        target = posts.find_target_by_message(session, channel=channel, ts=ts)
    if target.state != PostState.POSTED:
        raise Conflict("error.vent_gone")
    req.client.views_open(
        trigger_id=req.trigger_id, view=build_report_modal(locale=req.locale, target=target.public_id)
    )


def handle_report_submitted(req: Req, kit: PeerKit) -> None:
    reason = str((view_values(req.body).get(B.VENT_REASON) or {}).get("value") or "")
    try:
        with req.deps.sessions.begin() as session:
            target = posts.find_target(session, str(metadata_of(req.body).get("target") or ""))
            moderation.report(
                session,
                clock=req.deps.clock,
                anon=kit.anon,
                target=target,
                user_id=req.user_id,
                reason=reason,
            )
    except BotError as err:
        field_error(req, B.VENT_REASON, err)
        return
    done = build_done(
        locale=req.locale, title_key="modal.report.title", text=t(req.locale, "modal.report.done")
    )
    req.ack(response_action="update", view=done)
    req.deps.jobs.kick()
