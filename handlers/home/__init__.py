"""The App Home tab: a person's open escalations (with the card's buttons), their settings, and for
admins the configuration in force and the last failed sends."""

from __future__ import annotations

from slack_bolt import App

from handlers.edge import Deps, listener
from handlers.home import actions
from handlers.ids import Action, View


def register(app: App, deps: Deps) -> None:
    app.event("app_home_opened")(listener(deps, actions.handle_home_opened))
    for action_id in actions.CONTROLS:
        app.action(action_id)(listener(deps, actions.handle_control))
    app.action(Action.HOME_HOURS)(listener(deps, actions.handle_hours_open))
    app.view(View.HOME_HOURS)(listener(deps, actions.handle_hours_submitted))
