"""The care surface: check-in DMs and their buttons, the review and thanks after resolution, the
check-in after a meeting, and connecting someone with a peer supporter or the consultation desk."""

from __future__ import annotations

from slack_bolt import App

from handlers.care import actions, resolution
from handlers.edge import Deps, listener
from handlers.ids import Action, View


def register(app: App, deps: Deps) -> None:
    for action_id in actions.ANSWERS:
        app.action(action_id)(listener(deps, actions.handle_answer))
    for action_id in actions.LATER_OR_STOP:
        app.action(action_id)(listener(deps, actions.handle_later_or_stop))
    for action_id in actions.CONNECT:
        app.action(action_id)(listener(deps, actions.handle_connect))
    app.action(Action.CARE_VENT)(listener(deps, actions.handle_vent))
    app.action(Action.CARE_MEETING)(listener(deps, resolution.handle_meeting_open))
    app.action(Action.REVIEW_OPEN)(listener(deps, resolution.handle_review_open))
    app.action(Action.THANK_OPEN)(listener(deps, resolution.handle_thank_open))
    app.view(View.REVIEW)(listener(deps, resolution.handle_review_submitted))
    app.view(View.THANKS)(listener(deps, resolution.handle_thanks_submitted))
    app.view(View.MEETING)(listener(deps, resolution.handle_meeting_submitted))
