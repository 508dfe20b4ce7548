"""Shared steps for escalation tests."""

from __future__ import annotations

from dataclasses import dataclass

from bot.app import Itabasami
from playground.slack.slack_models import Message
from playground.slack.slack_server import FakeSlack
from tests.conftest import ESCALATION_CHANNEL, OWNER, RAISER, settled
from tests.support.driver import SlackDriver


@dataclass
class Posted:
    escalation_id: int
    card: Message

    @property
    def value(self) -> str:
        return str(self.escalation_id)


def raise_one(
    bot: Itabasami,
    driver: SlackDriver,
    slack: FakeSlack,
    *,
    owner: str = OWNER,
    raiser: str = RAISER,
    text: str = "The client asks who pays for the missed deadline.",
) -> Posted:
    """Raise an escalation with the slash command and wait until everything about it is sent."""
    before = len(slack.messages(ESCALATION_CHANNEL))
    driver.command("/escalate", f"<@{owner}> {text}", user=raiser)
    card = slack.wait_for(lambda: slack.messages(ESCALATION_CHANNEL)[before:])[0]
    settled(bot, slack)
    value = next(e["value"] for b in card.blocks if b["type"] == "actions" for e in b["elements"])
    return Posted(int(value), card)


def current_card(slack: FakeSlack, posted: Posted) -> Message:
    return next(m for m in slack.messages(ESCALATION_CHANNEL) if m.ts == posted.card.ts)


def thread_texts(slack: FakeSlack, posted: Posted) -> list[str]:
    return [m.text for m in slack.thread(ESCALATION_CHANNEL, posted.card.ts)[1:]]
