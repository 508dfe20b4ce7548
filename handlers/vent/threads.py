"""Threads under anonymous posts: reply anonymously, report, and delete one's own message."""

from __future__ import annotations

from bot.errors import BotError, Conflict
from bot.i18n import t
from bot.peer import moderation, posts, replies
from bot.peer.crisis import suggests_danger
from bot.peer.model import PostState
from bot.peer.posts import check_text
from handlers.edge import Req, metadata_of, view_values
from handlers.ids import Block as B
from handlers.vent.blocks import pseudonym
from handlers.vent.kit import (
    PeerKit,
    action_value,
    author,
    field_error,
    own_zone,
    sealed,
    show_view,
    shown_times,
)
from handlers.vent.modals import (
    build_delete_modal,
    build_done,
    build_reply_done,
    build_reply_modal,
    build_reply_saving,
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


def _reply_text(req: Req) -> str:
    return str((view_values(req.body).get(B.VENT_TEXT) or {}).get("value") or "")


def handle_reply_submitted(req: Req, kit: PeerKit) -> None:
    """An anonymous reply: the words are checked in the form, then stored sealed; the form says so at
    once (with support lines if the words suggest danger), and the job finishes it."""
    text = _reply_text(req)
    try:
        check_text(text)
    except BotError as err:
        field_error(req, B.VENT_TEXT, err)
        return
    crisis = suggests_danger(text, kit.crisis.words)
    support = kit.crisis.resources if crisis else ()
    zone = own_zone(req) if support else None
    req.later(
        reply_submitted,
        response_action="update",
        view=build_reply_saving(locale=req.locale, resources=support, zone=zone),
    )


@sealed("vent.reply")
def reply_submitted(req: Req, kit: PeerKit) -> None:
    text = _reply_text(req)
    post = str(metadata_of(req.body).get("post") or "")
    try:
        with shown_times(req, in_form=True), req.deps.sessions.begin() as session:
            req.once(session)
            receipt = replies.reply(
                session,
                clock=req.deps.clock,
                anon=kit.anon,
                post_public_id=post,
                author=author(req),
                text=text,
                rate_limit=req.deps.settings.vent_rate_limit,
            )
    except BotError as err:
        problem = t(req.locale, err.key, **err.params)
        form = build_reply_modal(locale=req.locale, post_public_id=post, initial=text, problem=problem)
        show_view(req, form, problem)
        return
    req.deps.jobs.kick()
    support = kit.crisis.resources if suggests_danger(text, kit.crisis.words) else ()
    done = build_reply_done(
        locale=req.locale,
        number=receipt.number,
        resources=support,
        zone=own_zone(req) if support else None,
    )
    show_view(req, done, t(req.locale, "modal.reply.done", name=pseudonym(receipt.number, req.locale)))


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
    req.later(delete_submitted, response_action="update", view=_saving(req, "modal.delete.title"))


def _saving(req: Req, title_key: str) -> dict[str, object]:
    return build_done(locale=req.locale, title_key=title_key, text=req.t("vent.saving"))


@sealed("vent.delete")
def delete_submitted(req: Req, kit: PeerKit) -> None:
    metadata = metadata_of(req.body)
    public_id, is_reply = str(metadata.get("target") or ""), bool(metadata.get("reply"))
    remove = replies.delete_own if is_reply else posts.delete_own
    try:
        with req.deps.sessions.begin() as session:
            req.once(session)
            remove(session, clock=req.deps.clock, anon=kit.anon, public_id=public_id, user_id=req.user_id)
    except BotError as err:
        text = t(req.locale, err.key, **err.params)
    else:
        text = t(req.locale, "modal.delete.done")
    req.deps.jobs.kick()
    show_view(req, build_done(locale=req.locale, title_key="modal.delete.title", text=text), text)


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


def _reason(req: Req) -> str:
    return str((view_values(req.body).get(B.VENT_REASON) or {}).get("value") or "")


def handle_report_submitted(req: Req, kit: PeerKit) -> None:
    req.later(report_submitted, response_action="update", view=_saving(req, "modal.report.title"))


@sealed("vent.report")
def report_submitted(req: Req, kit: PeerKit) -> None:
    try:
        with req.deps.sessions.begin() as session:
            req.once(session)
            target = posts.find_target(session, str(metadata_of(req.body).get("target") or ""))
            moderation.report(
                session,
                clock=req.deps.clock,
                anon=kit.anon,
                target=target,
                user_id=req.user_id,
                reason=_reason(req),
            )
    except BotError as err:
        text = t(req.locale, err.key, **err.params)
    else:
        text = t(req.locale, "modal.report.done")
    req.deps.jobs.kick()
    show_view(req, build_done(locale=req.locale, title_key="modal.report.title", text=text), text)
