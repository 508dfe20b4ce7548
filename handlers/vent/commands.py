"""`/vent`: the form (with a live preview), a direct post, and the author's private receipt."""

from __future__ import annotations

from datetime import datetime, timedelta

from slack_sdk.errors import SlackApiError

from bot.errors import BotError
from bot.i18n import t
from bot.peer import posts
from bot.peer.crisis import suggests_danger
from bot.peer.model import Draft, Receipt
from bot.peer.posts import check_text
from handlers.blockkit import section
from handlers.edge import Req, metadata_of, view_values
from handlers.ids import Block as B
from handlers.vent.blocks import build_help, build_receipt, crisis_blocks, receipt_blocks
from handlers.vent.kit import (
    PeerKit,
    author,
    field_error,
    own_zone,
    private_update,
    sealed,
    show_view,
    shown_times,
)
from handlers.vent.modals import build_receipt_modal, build_vent_modal
from handlers.vent.text import plain_from_slash


def handle_vent(req: Req, kit: PeerKit) -> None:
    settings = req.deps.settings
    text = str(req.body.get("text") or "")
    if settings.peer_channel and text.strip() and text.strip().lower() != "help":
        req.later(post_from_command)
        return
    req.ack()
    if not settings.peer_channel:
        req.reply(req.t("error.vent_off"))
    elif not text.strip():
        open_vent_modal(req)
    elif text.strip().lower() == "help":
        message = build_help(
            locale=req.locale, peer_channel=settings.peer_channel, relay_days=settings.vent_relay_days
        )
        req.reply(message.text, message.blocks)


def open_vent_modal(req: Req) -> bool:
    """Open the `/vent` form with the click's or command's trigger; False when peer support is off."""
    req.keep_quiet()  # from a check-in's button too: the language lookup leaves no row behind
    settings = req.deps.settings
    if not settings.peer_channel:
        return False
    view = build_vent_modal(
        locale=req.locale, peer_channel=settings.peer_channel, relay_days=settings.vent_relay_days
    )
    req.client.views_open(trigger_id=req.trigger_id, view=view)
    return True


@sealed("vent.post_from_command")
def post_from_command(req: Req, kit: PeerKit) -> None:
    """`/vent some text`: post it now; the receipt (and, if needed, support lines) only for the author."""
    text = plain_from_slash(str(req.body.get("text") or ""))
    with shown_times(req):
        receipt = _post(req, kit, Draft(text=text))
    message = build_receipt(_receipt(req, receipt), locale=req.locale)
    req.reply(message.text, message.blocks)
    if suggests_danger(text, kit.crisis.words):
        blocks = crisis_blocks(kit.crisis.resources, locale=req.locale, zone=own_zone(req))
        req.reply(req.t("vent.crisis.intro"), blocks)


def _submitted(req: Req) -> tuple[str, set[object]]:
    values = view_values(req.body)
    text = str((values.get(B.VENT_TEXT) or {}).get("value") or "")
    chosen = {o.get("value") for o in (values.get(B.VENT_OPTIONS) or {}).get("selected_options") or []}
    return text, chosen


def handle_vent_submitted(req: Req, kit: PeerKit) -> None:
    """The form: what can be checked from the words alone stays in the form; a good one is stored
    (sealed), and the form says so at once, with support lines if the words suggest danger; the
    job then turns it into the author's receipt, or brings the form back with the problem."""
    text, _ = _submitted(req)
    try:
        check_text(text)
    except BotError as err:
        field_error(req, B.VENT_TEXT, err)
        return
    crisis = suggests_danger(text, kit.crisis.words)
    support = crisis_blocks(kit.crisis.resources, locale=req.locale, zone=own_zone(req)) if crisis else []
    saving = [*support, section(req.t("vent.saving"))]
    req.later(
        vent_submitted,
        response_action="update",
        view=build_receipt_modal(locale=req.locale, blocks=saving, crisis=crisis),
    )


@sealed("vent.post_from_form")
def vent_submitted(req: Req, kit: PeerKit) -> None:
    text, chosen = _submitted(req)
    settings = req.deps.settings
    try:
        with shown_times(req, in_form=True):
            receipt = _post(req, kit, Draft(text=text, notify="notify" in chosen, delay="delay" in chosen))
    except BotError as err:
        problem = req.t(err.key, **err.params)
        form = build_vent_modal(
            locale=req.locale,
            peer_channel=settings.peer_channel or "",
            relay_days=settings.vent_relay_days,
            preview=text,
            initial=text,
            problem=problem,
        )
        show_view(req, form, problem)
        return
    crisis = suggests_danger(text, kit.crisis.words)
    blocks = (
        crisis_blocks(kit.crisis.resources, locale=req.locale, zone=own_zone(req)) if crisis else []
    ) + _receipt(req, receipt)
    show_view(
        req,
        build_receipt_modal(locale=req.locale, blocks=blocks, crisis=crisis),
        t(req.locale, "vent.receipt.fallback"),
    )


def _post(req: Req, kit: PeerKit, draft: Draft) -> Receipt:
    settings = req.deps.settings
    with req.deps.sessions.begin() as session:
        req.once(session)
        receipt = posts.create_vent(
            session,
            clock=req.deps.clock,
            anon=kit.anon,
            author=author(req),
            draft=draft,
            rate_limit=settings.vent_rate_limit,
            relay_days=settings.vent_relay_days,
            rng=kit.rng,
        )
    req.deps.jobs.kick()
    return receipt


def _receipt(req: Req, receipt: Receipt) -> list[dict[str, object]]:
    relay_until = receipt.due_at + _days(req) if receipt.notify else None
    return receipt_blocks(
        locale=req.locale,
        peer_channel=req.deps.settings.peer_channel or "",
        public_id=receipt.public_id,
        state="delayed" if receipt.delayed else "posted",
        relay_until=relay_until,
    )


def _days(req: Req) -> timedelta:
    return timedelta(days=req.deps.settings.vent_relay_days)


def handle_preview(req: Req, kit: PeerKit) -> None:
    """Each pause in typing redraws the preview; a redraw overtaken by a newer one is dropped."""
    req.ack()
    view = req.body.get("view") or {}
    settings = req.deps.settings
    text = str((view_values(req.body).get(B.VENT_TEXT) or {}).get("value") or "")
    new_view = build_vent_modal(
        locale=req.locale,
        peer_channel=settings.peer_channel or "",
        relay_days=settings.vent_relay_days,
        preview=text,
    )
    try:
        req.client.views_update(view_id=view.get("id"), hash=view.get("hash"), view=new_view)
    except SlackApiError as exc:
        if exc.response.get("error") != "hash_conflict":
            raise


def _receipt_value(req: Req) -> tuple[str, str]:
    actions = req.body.get("actions") or [{}]
    public_id, _, state = str(actions[0].get("value") or "").partition(":")
    return public_id, state or "posted"


def handle_notify(req: Req, kit: PeerKit) -> None:
    """The author opts in to reply notices after posting."""
    req.later(notify)


@sealed("vent.notify")
def notify(req: Req, kit: PeerKit) -> None:
    public_id, state = _receipt_value(req)
    with req.deps.sessions.begin() as session:
        req.once(session)
        until = posts.opt_in_relay(
            session,
            clock=req.deps.clock,
            anon=kit.anon,
            public_id=public_id,
            author=author(req),
            relay_days=req.deps.settings.vent_relay_days,
        )
    _redraw(req, kit, public_id, state, relay_until=until)


def handle_delete(req: Req, kit: PeerKit) -> None:
    """The author deletes their post from their receipt (the button asks them to confirm first)."""
    req.later(delete)


@sealed("vent.delete_from_receipt")
def delete(req: Req, kit: PeerKit) -> None:
    public_id, _ = _receipt_value(req)
    with req.deps.sessions.begin() as session:
        req.once(session)
        posts.delete_own(
            session, clock=req.deps.clock, anon=kit.anon, public_id=public_id, user_id=req.user_id
        )
    req.deps.jobs.kick()
    _redraw(req, kit, public_id, "deleted", relay_until=None)


def _redraw(req: Req, kit: PeerKit, public_id: str, state: str, *, relay_until: datetime | None) -> None:
    blocks = receipt_blocks(
        locale=req.locale,
        peer_channel=req.deps.settings.peer_channel or "",
        public_id=public_id,
        state=state,
        relay_until=relay_until,
    )
    if metadata_of(req.body).get("crisis"):
        blocks = crisis_blocks(kit.crisis.resources, locale=req.locale, zone=own_zone(req)) + blocks
    private_update(req, t(req.locale, "vent.receipt.fallback"), blocks)


def handle_receipt_closed(req: Req, kit: PeerKit) -> None:
    req.ack()  # the receipt form has no submit button; nothing to do
