"""Pure builders for the escalation modals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.escalations.model import CADENCES, Kind, Severity
from bot.i18n import duration, t
from handlers.blockkit import Block, context, input_block, modal, option, plain, section, text_input
from handlers.ids import Action, View
from handlers.ids import Block as B


def build_new_escalation_modal(
    *,
    locale: str,
    metadata: dict[str, Any],
    kind: str = Kind.NOT_SURE,
    owner_id: str | None = None,
    summary: str | None = None,
    has_desk: bool = False,
) -> Block:
    """The `/escalate` form. The harassment record appears only when that kind is chosen."""
    blocks: list[Block] = [
        section(t(locale, "modal.new.intro")),
        input_block(
            B.OWNER,
            t(locale, "modal.new.owner"),
            _users_select(B.OWNER, locale, owner_id),
            hint=t(locale, "modal.new.owner_hint"),
            dispatch=True,  # picking someone tells the app, which looks them up before the submit
        ),
        input_block(
            B.CLIENT, t(locale, "modal.new.client"), text_input(B.CLIENT, max_length=500), optional=True
        ),
        input_block(
            B.SUMMARY,
            t(locale, "modal.new.summary"),
            text_input(
                B.SUMMARY,
                multiline=True,
                initial=summary,
                placeholder=t(locale, "modal.new.summary_placeholder"),
            ),
        ),
        input_block(
            B.KIND,
            t(locale, "modal.new.kind"),
            _kind_select(locale, kind),
            hint=t(locale, "modal.new.kind_hint"),
            dispatch=True,
        ),
        input_block(B.SEVERITY, t(locale, "modal.new.severity"), _severity_radio(locale)),
        input_block(
            B.PROMISED,
            t(locale, "modal.new.promised"),
            {"type": "datetimepicker", "action_id": B.PROMISED},
            optional=True,
            hint=t(locale, "modal.new.promised_hint"),
        ),
        input_block(
            B.CADENCE,
            t(locale, "modal.new.cadence"),
            cadence_select(locale, None),
            optional=True,
            hint=t(locale, "modal.new.cadence_hint"),
        ),
        input_block(B.OPTIONS, t(locale, "modal.new.options"), _options(locale, has_desk), optional=True),
    ]
    if kind == Kind.POSSIBLE_HARASSMENT:
        blocks += harassment_record_blocks(locale)
    return modal(
        View.NEW_ESCALATION,
        t(locale, "modal.new.title"),
        blocks,
        submit=t(locale, "modal.new.submit"),
        close=t(locale, "modal.cancel"),
        private_metadata=metadata,
    )


def harassment_record_blocks(locale: str) -> list[Block]:
    """The factual record Japan's labour ministry guidance asks for: when, where, what, who, witnesses."""
    return [
        context(t(locale, "modal.hr.intro")),
        input_block(
            B.HR_WHEN,
            t(locale, "modal.hr.when"),
            {"type": "datetimepicker", "action_id": B.HR_WHEN},
            optional=True,
        ),
        input_block(
            B.HR_WHERE, t(locale, "modal.hr.where"), text_input(B.HR_WHERE, max_length=300), optional=True
        ),
        input_block(
            B.HR_WHAT, t(locale, "modal.hr.what"), text_input(B.HR_WHAT, multiline=True), optional=True
        ),
        input_block(
            B.HR_BY_WHOM,
            t(locale, "modal.hr.by_whom"),
            text_input(B.HR_BY_WHOM, max_length=300),
            optional=True,
        ),
        input_block(
            B.HR_WITNESSES,
            t(locale, "modal.hr.witnesses"),
            text_input(B.HR_WITNESSES, max_length=500),
            optional=True,
        ),
    ]


def _users_select(action_id: str, locale: str, initial: str | None) -> Block:
    element: Block = {
        "type": "users_select",
        "action_id": action_id,
        "placeholder": plain(t(locale, "modal.choose_person"), 150),
    }
    if initial:
        element["initial_user"] = initial
    return element


def _kind_select(locale: str, kind: str) -> Block:
    options = [option(t(locale, f"kind.{k.value}"), k.value) for k in Kind]
    initial = next(o for o in options if o["value"] == kind)
    return {
        "type": "static_select",
        "action_id": Action.KIND_CHANGED,
        "options": options,
        "initial_option": initial,
    }


def _severity_radio(locale: str) -> Block:
    options = [
        option(t(locale, f"severity.{s.value}"), s.value)
        for s in (Severity.LOW, Severity.NORMAL, Severity.URGENT)
    ]
    return {
        "type": "radio_buttons",
        "action_id": B.SEVERITY,
        "options": options,
        "initial_option": options[1],
    }


def _options(locale: str, has_desk: bool) -> Block:
    options = [
        {
            "text": plain(t(locale, "modal.new.confidential"), 75),
            "value": "confidential",
            "description": plain(t(locale, "modal.new.confidential_hint"), 150),
        }
    ]
    if has_desk:
        options.append(
            {
                "text": plain(t(locale, "modal.new.include_desk"), 75),
                "value": "desk",
                "description": plain(t(locale, "modal.new.include_desk_hint"), 150),
            }
        )
    return {"type": "checkboxes", "action_id": B.OPTIONS, "options": options}


def cadence_select(locale: str, current: int | None) -> Block:
    """Every 1 h, 2 h, 4 h or day, or no reminders."""
    options = [option(t(locale, "cadence.none"), "0")]
    options += [option(duration(locale, timedelta(minutes=m)), str(m)) for m in CADENCES]
    element: Block = {"type": "static_select", "action_id": B.CADENCE, "options": options}
    chosen = next((o for o in options if o["value"] == str(current or 0)), None)
    if current and chosen is not None:
        element["initial_option"] = chosen
    return element


def build_update_modal(*, locale: str, escalation_id: int, number: int, cadence: int | None = None) -> Block:
    blocks = [
        input_block(
            B.UPDATE_TEXT,
            t(locale, "modal.update.label", number=number),
            text_input(B.UPDATE_TEXT, multiline=True),
            hint=t(locale, "modal.update.hint"),
        ),
        input_block(
            B.CADENCE, t(locale, "modal.update.cadence"), cadence_select(locale, cadence), optional=True
        ),
    ]
    return modal(
        View.POST_UPDATE,
        t(locale, "modal.update.title"),
        blocks,
        submit=t(locale, "modal.update.submit"),
        close=t(locale, "modal.cancel"),
        private_metadata={"escalation_id": escalation_id},
    )


def build_reassign_modal(*, locale: str, escalation_id: int, number: int, owner_id: str = "") -> Block:
    """`owner_id`, the owner when the form opened, lets the form refuse "reassign to the same person"
    before the ack, from what it carries."""
    blocks = [
        input_block(
            B.NEW_OWNER,
            t(locale, "modal.reassign.label", number=number),
            _users_select(B.NEW_OWNER, locale, None),
            dispatch=True,
        ),
        input_block(
            B.REASON, t(locale, "modal.reassign.reason"), text_input(B.REASON, max_length=1000), optional=True
        ),
    ]
    return modal(
        View.REASSIGN,
        t(locale, "modal.reassign.title"),
        blocks,
        submit=t(locale, "modal.reassign.submit"),
        close=t(locale, "modal.cancel"),
        private_metadata={"escalation_id": escalation_id, "owner": owner_id},
    )


def build_resolve_modal(*, locale: str, escalation_id: int, number: int) -> Block:
    blocks = [
        section(t(locale, "modal.resolve.intro", number=number)),
        input_block(
            B.RESOLUTION,
            t(locale, "modal.resolve.label"),
            text_input(B.RESOLUTION, multiline=True),
            optional=True,
            hint=t(locale, "modal.resolve.hint"),
        ),
    ]
    return modal(
        View.RESOLVE,
        t(locale, "modal.resolve.title"),
        blocks,
        submit=t(locale, "modal.resolve.submit"),
        close=t(locale, "modal.cancel"),
        private_metadata={"escalation_id": escalation_id},
    )


def build_bring_in_modal(*, locale: str, escalation_id: int, number: int, desk: tuple[str, ...]) -> Block:
    element: Block = {
        "type": "multi_users_select",
        "action_id": B.PEOPLE,
        "placeholder": plain(t(locale, "modal.choose_person"), 150),
        "max_selected_items": 10,
    }
    if desk:
        element["initial_users"] = list(desk)
    blocks = [
        input_block(
            B.PEOPLE,
            t(locale, "modal.bring_in.label", number=number),
            element,
            hint=t(locale, "modal.bring_in.hint"),
            dispatch=True,
        )
    ]
    return modal(
        View.BRING_IN,
        t(locale, "modal.bring_in.title"),
        blocks,
        submit=t(locale, "modal.bring_in.submit"),
        close=t(locale, "modal.cancel"),
        private_metadata={"escalation_id": escalation_id},
    )
