"""Pure builders for peer support's modals."""

from __future__ import annotations

from bot.i18n import t
from bot.peer.crisis import Resource
from bot.peer.model import MAX_REASON, MAX_TEXT, MUTE_CHOICES
from handlers.blockkit import Block, context, input_block, modal, option, plain, section, text_input
from handlers.ids import Action, View
from handlers.ids import Block as B
from handlers.vent.blocks import crisis_blocks, pseudonym
from handlers.vent.text import mrkdwn_from_plain

PREVIEW_CHARS = 1500


def build_vent_modal(
    *,
    locale: str,
    peer_channel: str,
    relay_days: int,
    preview: str = "",
    initial: str | None = None,
    problem: str | None = None,
) -> Block:
    """`/vent`: the words, a live preview of the post, and the two options.

    Redrawn as the person types (with the same block and action IDs, so Slack keeps what they typed);
    brought back with their words (`initial`) and what stopped the post (`problem`) when it could not
    be posted.
    """
    where = f"<#{peer_channel}>"
    text_element = text_input(
        Action.VENT_PREVIEW,
        multiline=True,
        initial=initial,
        max_length=MAX_TEXT,
        placeholder=t(locale, "modal.vent.placeholder"),
    )
    text_element["dispatch_action_config"] = {"trigger_actions_on": ["on_character_entered"]}
    blocks: list[Block] = [
        *([section(f":warning: {problem}")] if problem else []),
        input_block(B.VENT_TEXT, t(locale, "modal.vent.label"), text_element, dispatch=True),
        *preview_blocks(preview, locale=locale, peer_channel=peer_channel),
        input_block(
            B.VENT_OPTIONS,
            t(locale, "modal.vent.options"),
            {
                "type": "checkboxes",
                "action_id": B.VENT_OPTIONS,
                "options": [
                    _described(
                        t(locale, "modal.vent.notify"),
                        "notify",
                        t(locale, "modal.vent.notify_hint", days=relay_days),
                    ),
                    _described(t(locale, "modal.vent.delay"), "delay", t(locale, "modal.vent.delay_hint")),
                ],
            },
            optional=True,
        ),
        section(t(locale, "vent.who_sees", channel=where)),
        context(t(locale, "vent.not_desk")),
    ]
    return modal(
        View.VENT,
        t(locale, "modal.vent.title"),
        blocks,
        submit=t(locale, "modal.vent.submit"),
        close=t(locale, "modal.cancel"),
    )


def preview_blocks(text: str, *, locale: str, peer_channel: str) -> list[Block]:
    """How the post will look to colleagues: the anonymous byline, then the words as they will render."""
    shown = mrkdwn_from_plain(text.strip())
    if len(shown) > PREVIEW_CHARS:
        shown = shown[:PREVIEW_CHARS] + "…"
    body = f"{t(locale, 'vent.post.byline')}\n{shown}" if shown else t(locale, "modal.vent.preview_empty")
    return [
        context(t(locale, "modal.vent.preview_label", channel=f"<#{peer_channel}>")),
        section(body, block_id=B.VENT_PREVIEW),
    ]


def _described(text: str, value: str, description: str) -> Block:
    return {"text": plain(text, 75), "value": value, "description": plain(description, 75)}


def build_receipt_modal(*, locale: str, blocks: list[Block], crisis: bool = False) -> Block:
    """The /vent form, once submitted, turns into the author's receipt (only they see it).

    `crisis` is kept in the form's private metadata (seen by nobody) so a redraw keeps the support lines.
    """
    return modal(
        View.VENT_RECEIPT,
        t(locale, "modal.vent.title"),
        blocks,
        submit=None,
        close=t(locale, "modal.close"),
        private_metadata={"crisis": True} if crisis else None,
    )


def build_reply_modal(
    *, locale: str, post_public_id: str, initial: str | None = None, problem: str | None = None
) -> Block:
    blocks = [
        section(t(locale, "modal.reply.intro")),
        *([section(f":warning: {problem}")] if problem else []),
        input_block(
            B.VENT_TEXT,
            t(locale, "modal.reply.label"),
            text_input(B.VENT_TEXT, multiline=True, initial=initial, max_length=MAX_TEXT),
        ),
    ]
    return modal(
        View.VENT_REPLY,
        t(locale, "modal.reply.title"),
        blocks,
        submit=t(locale, "modal.reply.submit"),
        close=t(locale, "modal.cancel"),
        private_metadata={"post": post_public_id},
    )


def build_reply_done(
    *, locale: str, number: int, resources: tuple[Resource, ...] = (), zone: str | None = None
) -> Block:
    """The reply form, once sent; with support lines, for the replier alone, if their words suggest danger."""
    name = pseudonym(number, locale)
    blocks = [section(t(locale, "modal.reply.done", name=name))]
    if resources:
        blocks += crisis_blocks(resources, locale=locale, zone=zone)
    return modal(
        View.VENT_RECEIPT, t(locale, "modal.reply.title"), blocks, submit=None, close=t(locale, "modal.close")
    )


def build_reply_saving(
    *, locale: str, resources: tuple[Resource, ...] = (), zone: str | None = None
) -> Block:
    """The reply form the moment it is sent: saved, on its way; support lines at once if needed."""
    blocks = [section(t(locale, "vent.saving"))]
    if resources:
        blocks += crisis_blocks(resources, locale=locale, zone=zone)
    return modal(
        View.VENT_RECEIPT, t(locale, "modal.reply.title"), blocks, submit=None, close=t(locale, "modal.close")
    )


def build_report_modal(*, locale: str, target: str) -> Block:
    blocks = [
        section(t(locale, "modal.report.intro")),
        input_block(
            B.VENT_REASON,
            t(locale, "modal.report.reason"),
            text_input(B.VENT_REASON, multiline=True, max_length=MAX_REASON),
            optional=True,
        ),
    ]
    return modal(
        View.VENT_REPORT,
        t(locale, "modal.report.title"),
        blocks,
        submit=t(locale, "modal.report.submit"),
        close=t(locale, "modal.cancel"),
        private_metadata={"target": target},
    )


def build_done(*, locale: str, title_key: str, text: str) -> Block:
    return modal(
        View.VENT_RECEIPT, t(locale, title_key), [section(text)], submit=None, close=t(locale, "modal.close")
    )


def build_delete_modal(*, locale: str, target: str, is_reply: bool, peer_channel: str) -> Block:
    prefix = "modal.delete_reply" if is_reply else "modal.delete"
    return modal(
        View.VENT_DELETE,
        t(locale, f"{prefix}.title"),
        [section(t(locale, f"{prefix}.text", channel=f"<#{peer_channel}>"))],
        submit=t(locale, "modal.delete.submit"),
        close=t(locale, "modal.delete.keep"),
        private_metadata={"target": target, "reply": is_reply},
    )


def build_mute_modal(*, locale: str, report_id: int) -> Block:
    choices = [option(t(locale, f"mute.for_{d.days}"), str(d.days)) for d in MUTE_CHOICES]
    element = {
        "type": "radio_buttons",
        "action_id": B.MUTE_FOR,
        "options": choices,
        "initial_option": choices[1],
    }
    blocks = [
        section(t(locale, "modal.mute.intro")),
        input_block(B.MUTE_FOR, t(locale, "modal.mute.label"), element),
    ]
    return modal(
        View.VENT_MUTE,
        t(locale, "modal.mute.title"),
        blocks,
        submit=t(locale, "modal.mute.submit"),
        close=t(locale, "modal.cancel"),
        private_metadata={"report": report_id},
    )
