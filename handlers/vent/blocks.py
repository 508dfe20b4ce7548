"""Pure Block Kit builders for peer support's messages. Shared posts use the workspace language;
everything addressed to one person uses theirs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.i18n import t
from bot.peer.crisis import Resource, ordered_for
from bot.peer.model import PostKind, ReportView
from handlers.blockkit import (
    SECTION_LIMIT,
    Block,
    Message,
    actions,
    button,
    channel,
    chunks,
    context,
    cut,
    option,
    plain,
    section,
    slack_date,
    user,
)
from handlers.ids import Action
from handlers.vent.text import mrkdwn_from_plain

OP = 0


def pseudonym(number: int, locale: str) -> str:
    return t(locale, "vent.reply.op") if number == OP else t(locale, "vent.reply.anon", number=number)


def _menu(locale: str, public_id: str, *, delete_key: str) -> Block:
    return {
        "type": "overflow",
        "action_id": Action.VENT_MENU,
        "options": [
            option(t(locale, "vent.menu.report"), f"report:{public_id}"),
            option(t(locale, delete_key), f"delete:{public_id}"),
        ],
    }


def _text_sections(text: str, accessory: Block | None = None) -> list[Block]:
    pieces = chunks(mrkdwn_from_plain(text), SECTION_LIMIT - 100)
    blocks = [section(piece) for piece in pieces]
    if accessory is not None and blocks:
        blocks[0]["accessory"] = accessory
    return blocks


def build_post(kind: str, public_id: str, text: str | None, *, locale: str) -> Message:
    """An anonymous post, an encouragement request or the weekly thread, in PEER_CHANNEL."""
    reply = button(t(locale, "vent.button.reply"), Action.VENT_REPLY, value=public_id, style="primary")
    if kind == PostKind.WEEKLY:
        body = t(locale, "vent.weekly.post")
        return Message(
            text=t(locale, "vent.weekly.fallback"),
            blocks=[section(body), actions(reply, block_id=f"vent-{public_id}")],
        )
    menu = _menu(locale, public_id, delete_key="vent.menu.delete_post")
    if kind == PostKind.ENCOURAGEMENT:
        blocks = [section(t(locale, "vent.encourage.post"), accessory=menu)]
        fallback = t(locale, "vent.encourage.fallback")
    else:
        blocks = [context(t(locale, "vent.post.byline")), *_text_sections(text or "", menu)]
        fallback = t(locale, "vent.post.fallback", text=cut(mrkdwn_from_plain(text or ""), 1000))
    blocks += [context(t(locale, "vent.post.footer")), actions(reply, block_id=f"vent-{public_id}")]
    return Message(text=fallback, blocks=blocks[:50])


def build_reply(public_id: str, number: int, text: str, *, locale: str) -> Message:
    """An anonymous reply in a thread, under its pseudonym."""
    name = pseudonym(number, locale)
    menu = _menu(locale, public_id, delete_key="vent.menu.delete_reply")
    blocks = [context(f"*{name}*"), *_text_sections(text, menu)]
    return Message(
        text=t(locale, "vent.reply.fallback", name=name, text=cut(mrkdwn_from_plain(text), 1000)),
        blocks=blocks[:50],
    )


def crisis_blocks(resources: tuple[Resource, ...], *, locale: str, zone: str | None = None) -> list[Block]:
    """Support lines in the reader's language, the best 24-hour line for where they are first, for the
    author's eyes only."""
    lines = [
        t(
            locale,
            "vent.crisis.line",
            name=r.name.in_(locale),
            contact=r.contact.in_(locale),
            hours=r.hours.in_(locale),
        )
        for r in ordered_for(locale, resources, zone=zone)
    ]
    return [
        section(t(locale, "vent.crisis.intro")),
        section("\n".join(lines)),
        context(t(locale, "vent.crisis.footer")),
    ]


def receipt_blocks(
    *,
    locale: str,
    peer_channel: str,
    public_id: str,
    state: str,
    relay_until: datetime | None = None,
) -> list[Block]:
    """What the author sees after posting: where it went, who can see what, and their two choices.

    state: "posted", "delayed" or "deleted". The buttons carry the post's id and the state, so
    pressing one can redraw this without the bot keeping anything about who posted.
    """
    where = channel(peer_channel)
    if state == "deleted":
        return [section(t(locale, "vent.receipt.deleted"))]
    if state == "delayed":
        first = t(locale, "vent.receipt.delayed", channel=where)
    else:
        first = t(locale, "vent.receipt.posted", channel=where)
    blocks: list[Block] = [section("✅ " + first)]
    if relay_until is not None:
        blocks.append(context(t(locale, "vent.receipt.notify_on", until=slack_date(relay_until))))
    blocks.append(context(t(locale, "vent.not_desk")))
    value = f"{public_id}:{state}"
    elements = []
    if relay_until is None:
        elements.append(button(t(locale, "vent.button.notify"), Action.VENT_NOTIFY, value=value))
    elements.append(
        button(
            t(locale, "vent.button.delete"),
            Action.VENT_DELETE,
            value=value,
            style="danger",
            confirm=_confirm(locale, "vent.confirm.delete"),
        )
    )
    blocks.append(actions(*elements, block_id=f"receipt-{public_id}"))
    return blocks


def _confirm(locale: str, prefix: str) -> Block:
    return {
        "title": plain(t(locale, f"{prefix}.title"), 100),
        "text": plain(t(locale, f"{prefix}.text"), 300),
        "confirm": plain(t(locale, f"{prefix}.yes"), 30),
        "deny": plain(t(locale, f"{prefix}.no"), 30),
        "style": "danger",
    }


def build_receipt(blocks: list[Block], *, locale: str) -> Message:
    return Message(text=t(locale, "vent.receipt.fallback"), blocks=blocks)


def build_relay(payload: dict[str, Any], *, peer_channel: str, locale: str) -> Message:
    """The private notice to an author: a nudge, or the encouraging reply itself. It carries no link
    to the post (this DM stays in Slack, readable with the bot's token, after the database forgets)."""
    if payload.get("mode") == "text":
        who = payload.get("who") or {}
        if "user" in who:
            intro = t(locale, "vent.relay.person", user=user(str(who["user"])))
        else:
            intro = t(locale, "vent.relay.anonymous", name=pseudonym(int(who.get("anon", 1)), locale))
        quoted = ">" + cut(mrkdwn_from_plain(str(payload.get("text") or "")), 2500).replace("\n", "\n>")
        return Message(text=intro, blocks=[section(intro + "\n" + quoted)])
    text = t(locale, "vent.relay.link", channel=channel(peer_channel))
    hint = t(locale, "vent.relay.find") + "\n" + t(locale, "vent.relay.footer")
    return Message(text=text, blocks=[section(text), context(hint)])


def build_mod_notice(report: ReportView, *, locale: str, peer_channel: str) -> Message:
    """A moderator's notice: what was reported, what has been done, and what they can still do."""
    where = channel(peer_channel)
    head = t(locale, "mod.notice.reply" if report.is_reply else "mod.notice.post", channel=where)
    lines = [f"*{head}*"]
    if report.reports > 1:
        lines.append(t(locale, "mod.notice.count", count=report.reports))
    if report.reasons:
        quoted = "\n".join(">" + cut(mrkdwn_from_plain(r), 300).replace("\n", " ") for r in report.reasons)
        lines.append(t(locale, "mod.notice.reasons") + "\n" + quoted)
    blocks: list[Block] = [section("\n".join(lines)), context(t(locale, "mod.notice.explain"))]
    status = _mod_status(report, locale)
    if status:
        blocks.append(context(status))
    elements = _mod_buttons(report, locale)
    if elements:
        blocks.append(actions(*elements, block_id=f"report-{report.report_id}"))
    return Message(text=head, blocks=blocks)


def _mod_status(report: ReportView, locale: str) -> str:
    lines = []
    if report.removed:
        lines.append(t(locale, "mod.status.removed"))
    if report.hidden_by:
        lines.append(t(locale, "mod.status.hidden", user=user(report.hidden_by)))
    if report.muted_by and report.muted_until:
        lines.append(
            t(locale, "mod.status.muted", user=user(report.muted_by), until=slack_date(report.muted_until))
        )
    if report.kept_by and not report.hidden_by:
        lines.append(t(locale, "mod.status.kept", user=user(report.kept_by)))
    return "\n".join(lines)


def _mod_buttons(report: ReportView, locale: str) -> list[Block]:
    value = str(report.report_id)
    gone = bool(report.hidden_by or report.removed)
    elements = []
    if report.link and not gone:
        elements.append(button(t(locale, "mod.button.open"), Action.MOD_OPEN, url=report.link))
    if not gone:
        confirm = _confirm(locale, "mod.confirm.hide")
        elements.append(
            button(
                t(locale, "mod.button.hide"), Action.MOD_HIDE, value=value, style="danger", confirm=confirm
            )
        )
    if report.can_pause and not report.muted_by:
        elements.append(button(t(locale, "mod.button.mute"), Action.MOD_MUTE, value=value))
    if not gone and not report.kept_by:
        elements.append(button(t(locale, "mod.button.keep"), Action.MOD_KEEP, value=value))
    return elements


def build_admin_notice(notice: str, params: dict[str, Any], *, locale: str, peer_channel: str) -> Message:
    text = "⚠️ " + t(locale, f"vent.admin.{notice}", channel=channel(peer_channel), **params)
    return Message(text=text, blocks=[section(text)])


def build_help(*, locale: str, peer_channel: str, relay_days: int) -> Message:
    where = channel(peer_channel)
    text = "\n\n".join(
        (
            t(locale, "help.vent", channel=where, days=relay_days),
            t(locale, "vent.who_sees", channel=where),
            t(locale, "vent.not_desk"),
        )
    )
    return Message(text=text, blocks=[section(text)])


def build_encouragement_offer(*, locale: str, peer_channel: str, escalation_id: int) -> list[Block]:
    """Added to the raiser's "posted" notice: an opt-in, never a default."""
    return [
        context(t(locale, "dm.offer_encouragement", channel=channel(peer_channel))),
        actions(
            button(t(locale, "button.ask_encouragement"), Action.ASK_ENCOURAGEMENT, value=str(escalation_id)),
            block_id=f"encourage-{escalation_id}",
        ),
    ]
