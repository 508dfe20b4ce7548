"""The peer-support surface: `/vent`, anonymous replies, reports, moderation, encouragement threads."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App

from handlers.edge import Deps, Req, listener
from handlers.ids import Action, Command, Shortcut, View
from handlers.vent import commands, encourage, events, moderate, threads
from handlers.vent.kit import PeerHandler, PeerKit, bind

ACTIONS: dict[str, PeerHandler] = {
    Action.VENT_PREVIEW: commands.handle_preview,
    Action.VENT_NOTIFY: commands.handle_notify,
    Action.VENT_DELETE: commands.handle_delete,
    Action.VENT_REPLY: threads.handle_reply_button,
    Action.VENT_MENU: threads.handle_menu,
    Action.MOD_OPEN: moderate.handle_open_link,
    Action.MOD_HIDE: moderate.handle_hide,
    Action.MOD_MUTE: moderate.handle_mute_button,
    Action.MOD_KEEP: moderate.handle_keep,
    Action.ASK_ENCOURAGEMENT: encourage.handle_ask,
}
VIEWS: dict[str, PeerHandler] = {
    View.VENT: commands.handle_vent_submitted,
    View.VENT_RECEIPT: commands.handle_receipt_closed,
    View.VENT_REPLY: threads.handle_reply_submitted,
    View.VENT_REPORT: threads.handle_report_submitted,
    View.VENT_DELETE: threads.handle_delete_submitted,
    View.VENT_MUTE: moderate.handle_mute_submitted,
}


def register(app: App, deps: Deps) -> Callable[[Req], None]:
    """Register the listeners; returns the handler for messages in PEER_CHANNEL (see handlers.messages)."""
    kit = deps.peer
    if kit is None:
        raise RuntimeError("peer support needs its kit (built by create_app)")
    app.command(Command.VENT)(listener(deps, bind(kit, commands.handle_vent)))
    app.shortcut(Shortcut.VENT_REPORT_MESSAGE)(listener(deps, bind(kit, threads.handle_report_shortcut)))
    for action_id, handler in ACTIONS.items():
        app.action(action_id)(listener(deps, bind(kit, handler)))
    for callback_id, handler in VIEWS.items():
        app.view(callback_id)(listener(deps, bind(kit, handler)))
    return lambda req: events.on_message(req, kit)


def register_off(app: App, deps: Deps) -> None:
    """Without PEER_CHANNEL, `/vent`, the report shortcut (both still in the manifest) and the buttons on
    posts made while it was on explain that peer support is off, instead of Slack's generic error."""

    def answer_off(req: Req) -> None:
        req.ack()
        req.reply(req.t("error.vent_off"))

    off = listener(deps, answer_off)
    app.command(Command.VENT)(off)
    app.shortcut(Shortcut.VENT_REPORT_MESSAGE)(off)
    for action_id in ACTIONS:
        app.action(action_id)(off)


__all__ = ["PeerKit", "register", "register_off"]
