"""The escalation surface: `/escalate`, its shortcut, card buttons and modals. Thread replies arrive
through handlers.messages, which owns the one `message` listener."""

from __future__ import annotations

from slack_bolt import App

from handlers.edge import Deps, listener
from handlers.escalate import actions, commands
from handlers.ids import Command, Shortcut, View


def register(app: App, deps: Deps) -> None:
    app.command(Command.ESCALATE)(listener(deps, commands.handle_escalate))
    app.shortcut(Shortcut.ESCALATE_MESSAGE)(listener(deps, commands.handle_escalate_message))
    for action_id, handler in actions.ACTIONS.items():
        app.action(action_id)(listener(deps, handler))
    app.view(View.NEW_ESCALATION)(listener(deps, commands.handle_new_escalation_submitted))
    app.view(View.POST_UPDATE)(listener(deps, actions.handle_update_submitted))
    app.view(View.REASSIGN)(listener(deps, actions.handle_reassign_submitted))
    app.view(View.RESOLVE)(listener(deps, actions.handle_resolve_submitted))
    app.view(View.BRING_IN)(listener(deps, actions.handle_bring_in_submitted))
