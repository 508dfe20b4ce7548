"""Opening the Home tab and pressing its controls, as Slack would send them."""

from __future__ import annotations

from typing import Any

from bot.app import Itabasami
from playground.slack.slack_server import FakeSlack
from tests.conftest import settled
from tests.support.driver import SlackDriver


def publishes(slack: FakeSlack, user: str) -> int:
    return len([c for c in slack.calls("views.publish") if c.args.get("user_id") == user and c.ok])


def open_home(bot: Itabasami, driver: SlackDriver, slack: FakeSlack, user: str) -> dict[str, Any]:
    """The person opens the Home tab; returns the view published for them."""
    before = publishes(slack, user)
    driver.event({"type": "app_home_opened", "user": user, "tab": "home", "channel": "D0HOME"})
    slack.wait_for(lambda: publishes(slack, user) > before)
    settled(bot, slack)
    view = slack.home(user)
    assert view is not None
    return view


def home_action(
    bot: Itabasami,
    driver: SlackDriver,
    slack: FakeSlack,
    user: str,
    action_id: str,
    **extra: Any,
) -> dict[str, Any]:
    """Use a control on the Home tab; returns the Home published after it."""
    current = slack.home(user) or {"type": "home", "blocks": []}
    record_id = next(
        c.response["view"]["id"]
        for c in reversed(slack.calls("views.publish"))
        if c.args.get("user_id") == user
    )
    before = publishes(slack, user)
    driver.block_action(action_id, user=user, view=current | {"id": record_id}, extra=extra)
    slack.wait_for(lambda: publishes(slack, user) > before)
    settled(bot, slack)
    view = slack.home(user)
    assert view is not None
    return view


def texts(view: dict[str, Any]) -> str:
    return str(view["blocks"])


def action_ids(view: dict[str, Any]) -> list[str]:
    found = []
    for block in view["blocks"]:
        for element in block.get("elements") or []:
            if isinstance(element, dict) and "action_id" in element:
                found.append(element["action_id"])
        accessory = block.get("accessory")
        if isinstance(accessory, dict) and "action_id" in accessory:
            found.append(accessory["action_id"])
    return found
