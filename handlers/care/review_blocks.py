"""Pure builders for what follows a resolution (the blameless review, thanks) and for the check-in
after a meeting: the invitations, the modals, and the lines they post."""

from __future__ import annotations

from typing import Any

from bot.care.review import REVIEW_FIELDS, THREAD, Review
from bot.i18n import t
from handlers.blockkit import (
    SECTION_LIMIT,
    Block,
    Message,
    actions,
    button,
    chunks,
    context,
    input_block,
    modal,
    option,
    section,
    text_input,
    user,
)
from handlers.ids import Action, View
from handlers.ids import Block as B

REVIEW_BLOCKS = dict(
    zip(REVIEW_FIELDS, (B.REVIEW_CLIENT, B.REVIEW_WE_DID, B.REVIEW_WHERE, B.REVIEW_CHANGE), strict=True)
)


def _thread_button(params: dict[str, Any], locale: str) -> list[Block]:
    link = params.get("link")
    return [button(t(locale, "button.open_thread"), Action.OPEN_THREAD, url=link)] if link else []


def build_review_invite(params: dict[str, Any], *, locale: str) -> Message:
    text = t(locale, "care.review.invite", number=params["number"])
    write = button(
        t(locale, "care.review.button"),
        Action.REVIEW_OPEN,
        value=str(params["escalation_id"]),
        style="primary",
    )
    row = actions(write, *_thread_button(params, locale), block_id=f"review-{params['escalation_id']}")
    return Message(text=text, blocks=[section(text), row])


def build_thank_prompt(params: dict[str, Any], *, locale: str) -> Message:
    text = t(locale, "care.thank.prompt", number=params["number"], raiser=user(params["raiser"]))
    line = t(locale, "care.thank.line", number=params["number"])
    send = button(t(locale, "care.thank.button"), Action.THANK_OPEN, value=str(params["escalation_id"]))
    blocks = [section(f"{text}\n>{line}"), actions(send, block_id=f"thank-{params['escalation_id']}")]
    return Message(text=text, blocks=blocks)


def build_review_modal(*, locale: str, escalation_id: int, number: int) -> Block:
    """Five questions written to learn, not to blame; each optional; sharing only if chosen."""
    blocks: list[Block] = [context(t(locale, "care.review.intro"))]
    for name, block_id in REVIEW_BLOCKS.items():
        hint = t(locale, "care.review.where_hint") if name == "where" else None
        element = text_input(block_id, multiline=True, max_length=3000)
        blocks.append(
            input_block(block_id, t(locale, f"care.review.{name}"), element, optional=True, hint=hint)
        )
    who: Block = {"type": "multi_users_select", "action_id": B.REVIEW_WHO, "max_selected_items": 10}
    blocks.append(input_block(B.REVIEW_WHO, t(locale, "care.review.who"), who, optional=True))
    share: Block = {
        "type": "checkboxes",
        "action_id": B.REVIEW_SHARE,
        "options": [
            option(t(locale, "care.review.share_thread"), "thread"),
            option(t(locale, "care.review.share_people"), "people"),
        ],
    }
    blocks.append(input_block(B.REVIEW_SHARE, t(locale, "care.review.share"), share, optional=True))
    return modal(
        View.REVIEW,
        t(locale, "care.review.title"),
        blocks,
        submit=t(locale, "care.review.submit"),
        close=t(locale, "modal.cancel"),
        private_metadata={"escalation_id": escalation_id, "number": number},
    )


def build_review_message(review: Review, *, locale: str, number: int, for_you: bool = False) -> Message:
    """A review as the thread (or someone its author named) reads it."""
    key = "care.review.for_you" if for_you else "care.review.heading"
    heading = t(locale, key, number=number, author=user(review.author))
    lines = [t(locale, f"care.review.field_{name}", text=text) for name, text in review.answers() if text]
    if review.who:
        lines.append(t(locale, "care.review.field_who", users=", ".join(user(u) for u in review.who)))
    blocks = [section(f"*{heading}*")] + [section(p) for p in chunks("\n".join(lines), SECTION_LIMIT - 100)]
    return Message(text=heading, blocks=blocks[:50])


def build_thanks_modal(
    *, locale: str, escalation_id: int, number: int, raiser: str, line: str, where: str
) -> Block:
    where_options = [
        option(t(locale, "care.thank.where_thread"), THREAD),
        option(t(locale, "care.thank.where_dm"), "dm"),
    ]
    radio: Block = {
        "type": "radio_buttons",
        "action_id": B.THANKS_WHERE,
        "options": where_options,
        "initial_option": next(o for o in where_options if o["value"] == where),
    }
    blocks = [
        input_block(
            B.THANKS_TEXT,
            t(locale, "care.thank.label"),
            text_input(B.THANKS_TEXT, multiline=True, initial=line),
        ),
        input_block(B.THANKS_WHERE, t(locale, "care.thank.where"), radio),
    ]
    return modal(
        View.THANKS,
        t(locale, "care.thank.title"),
        blocks,
        submit=t(locale, "care.thank.submit"),
        close=t(locale, "modal.cancel"),
        private_metadata={"escalation_id": escalation_id, "number": number, "raiser": raiser},
    )


def build_thanks_line(params: dict[str, Any], *, locale: str, in_thread: bool) -> Message:
    if in_thread:
        text = t(
            locale,
            "care.thank.thread",
            owner=user(params["owner"]),
            raiser=user(params["raiser"]),
            text=params["text"],
        )
    else:
        text = t(
            locale, "care.thank.dm", owner=user(params["owner"]), number=params["number"], text=params["text"]
        )
    return Message(text=text, blocks=[section(p) for p in chunks(text, SECTION_LIMIT - 100)][:50])


def build_meeting_offer(params: dict[str, Any], *, locale: str, escalation_id: int) -> Message:
    text = t(locale, "care.meeting.offer", raiser=user(params["raiser"]))
    ask = button(t(locale, "care.meeting.button"), Action.CARE_MEETING, value=str(escalation_id))
    return Message(text=text, blocks=[section(text), actions(ask, block_id=f"meeting-{escalation_id}")])


def build_meeting_modal(*, locale: str, escalation_id: int, number: int) -> Block:
    picker: Block = {"type": "datetimepicker", "action_id": B.MEETING_AT}
    blocks = [
        input_block(
            B.MEETING_AT, t(locale, "care.meeting.label"), picker, hint=t(locale, "care.meeting.hint")
        )
    ]
    return modal(
        View.MEETING,
        t(locale, "care.meeting.title"),
        blocks,
        submit=t(locale, "care.meeting.submit"),
        close=t(locale, "modal.cancel"),
        private_metadata={"escalation_id": escalation_id, "number": number},
    )
