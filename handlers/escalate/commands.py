"""`/escalate` and the "Escalate this message" shortcut."""

from __future__ import annotations

import html
from dataclasses import replace

from bot.errors import InvalidInput
from bot.escalations import limits, service
from bot.escalations.model import Created, Draft
from handlers.care.commands import handle_digest
from handlers.care.export import handle_export
from handlers.edge import Req, later, mention_ids, metadata_of, view_values
from handlers.escalate.availability import handle_away, handle_chain, handle_hours
from handlers.escalate.blocks import ListItem, build_help, build_list
from handlers.escalate.modals import build_new_escalation_modal
from handlers.escalate.parsing import FieldErrors, first_word, parse_new_escalation, parse_quick
from handlers.ids import Block as B

SETUP = {
    "chain": handle_chain,
    "away": handle_away,
    "hours": handle_hours,
    "export": handle_export,
    "digest": handle_digest,
}


def handle_escalate(req: Req) -> None:
    text = str(req.body.get("text") or "")
    word = first_word(text)
    if word in SETUP:
        req.later(run_setup)
        return
    if word not in ("help", "list") and (text.lstrip().startswith("<@") or len(text.split()) > 1):
        # several words but no owner up front are explained with an example
        req.later(create_quick)
        return
    req.ack()
    if not text.strip():
        open_new_escalation(req, metadata={"response_url": req.body.get("response_url")})
    elif word == "help":
        show_help(req)
    elif word == "list":
        show_list(req, everything=text.split()[1:2] == ["all"])
    else:
        help_message = build_help(locale=req.locale, desk=req.deps.settings.consultation_desk)
        req.reply(req.t("error.escalate_usage") + "\n\n" + help_message.text)


@later("escalate.setup")
def run_setup(req: Req) -> None:
    """`/escalate chain|away|hours|export|digest …`: settings that change what the bot does."""
    text = str(req.body.get("text") or "")
    SETUP[first_word(text)](req, text)


@later("escalate.create_quick")
def create_quick(req: Req) -> None:
    quick = parse_quick(str(req.body.get("text") or ""))
    owner = req.deps.people.get(quick.owner_id)
    service.check_owner(raiser_id=req.user_id, owner_id=quick.owner_id, owner=owner)
    draft = Draft(owner_id=quick.owner_id, summary=quick.summary)
    created, owner_id = _store(req, draft, f"command:{req.trigger_id}", req.body.get("response_url"))
    if not created.duplicate:
        req.reply(req.t("reply.created", number=created.number, owner=f"<@{owner_id}>"))


def open_new_escalation(req: Req, *, metadata: dict[str, object], summary: str | None = None) -> None:
    view = build_new_escalation_modal(
        locale=req.locale,
        metadata={k: v for k, v in metadata.items() if v},
        summary=summary,
        has_desk=bool(req.deps.settings.consultation_desk),
    )
    req.client.views_open(trigger_id=req.trigger_id, view=view)


def show_help(req: Req) -> None:
    message = build_help(locale=req.locale, desk=req.deps.settings.consultation_desk)
    req.reply(message.text, message.blocks)


def show_list(req: Req, *, everything: bool) -> None:
    if everything and not req.is_admin():
        raise InvalidInput("error.admin_only")
    with req.deps.reads() as session:
        rows = service.all_open(session) if everything else service.open_for(session, user_id=req.user_id)
        items = [
            ListItem(service.snapshot(e), visible=not e.confidential or service.is_member(e, req.user_id))
            for e in rows
        ]
    message = build_list(items, locale=req.locale, title_key="list.all" if everything else "list.mine")
    req.reply(message.text, message.blocks)


def handle_escalate_message(req: Req) -> None:
    """Message shortcut: open the form prefilled with the client's message and a link back to it."""
    req.ack()
    message = req.body.get("message") or {}
    channel_id = (req.body.get("channel") or {}).get("id", "")
    domain = (req.body.get("team") or {}).get("domain", "")
    ts = str(message.get("ts", ""))
    link = (
        f"https://{domain}.slack.com/archives/{channel_id}/p{ts.replace('.', '')}" if domain and ts else None
    )
    quoted = html.unescape(str(message.get("text") or ""))
    open_new_escalation(
        req, metadata={"source_link": link, "response_url": req.body.get("response_url")}, summary=quoted
    )


def handle_new_escalation_submitted(req: Req) -> None:
    """The `/escalate` form: field problems stay in the form; a good one is stored, then posted."""
    metadata = metadata_of(req.body)
    try:
        draft = parse_new_escalation(view_values(req.body), metadata)
        if draft.promised_at is not None and draft.promised_at < req.deps.clock.now():
            raise FieldErrors({B.PROMISED: ("error.promised_in_past", {})})
        # Before the ack only what this process already knows of the owner; the job checks again.
        owner = req.deps.people.in_memory(draft.owner_id)
        if owner is not None or draft.owner_id == req.user_id:
            service.check_owner(raiser_id=req.user_id, owner_id=draft.owner_id, owner=owner)
    except FieldErrors as problems:
        req.ack(
            response_action="errors",
            errors={
                block: req.t(key, **mention_ids(params)) for block, (key, params) in problems.errors.items()
            },
        )
        return
    except InvalidInput as err:
        req.ack(response_action="errors", errors={B.OWNER: req.t(err.key, **mention_ids(err.params))})
        return
    req.later(create_from_form)


@later("escalate.create_from_form")
def create_from_form(req: Req) -> None:
    metadata = metadata_of(req.body)
    draft = parse_new_escalation(view_values(req.body), metadata)
    owner = req.deps.people.get(draft.owner_id)
    service.check_owner(raiser_id=req.user_id, owner_id=draft.owner_id, owner=owner)
    view_id = (req.body.get("view") or {}).get("id", "")
    _store(req, draft, f"view:{view_id}", metadata.get("response_url"))


def _store(req: Req, draft: Draft, request_key: str, response_url: str | None) -> tuple[Created, str]:
    """Store it (the stand-in owns it if the owner named is on leave today); returns who owns it."""
    away = req.deps.availability.away_now(draft.owner_id, req.deps.clock.now())
    away_owner = None
    if away is not None and away.standin_id != req.user_id:
        draft, away_owner = replace(draft, owner_id=away.standin_id), draft.owner_id
    with req.deps.sessions.begin() as session:
        req.once(session)
        if not service.already_stored(session, request_key=request_key):
            limits.check_new(
                session,
                now=req.deps.clock.now(),
                raiser_id=req.user_id,
                owner_id=draft.owner_id,
                severity=draft.severity,
                limits=req.deps.settings.hourly_limits,
            )
        created = service.create(
            session,
            clock=req.deps.clock,
            team_id=req.team_id,
            raiser_id=req.user_id,
            draft=draft,
            policy=req.deps.policy,
            away_owner=away_owner,
            request_key=request_key,
            response_url=response_url,
            desk=req.deps.settings.consultation_desk,
        )
    req.deps.jobs.kick()
    return created, draft.owner_id
