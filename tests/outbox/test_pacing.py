"""Posts are paced per conversation, and a 429's Retry-After holds the method for every thread."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.outbox import RetryLater, RetryPolicy
from handlers.delivery.pacing import Throttle
from handlers.delivery.slack import call, delivery_client
from playground.slack.slack_server import FakeSlack
from tests.conftest import ESCALATION_CHANNEL


class VirtualTime:
    """A clock that moves only when someone sleeps, so waits are measured without waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_posts_to_one_conversation_are_a_second_apart() -> None:
    """Three threads posting to one channel at the same moment go 0, 1 and 2 s later; a post elsewhere
    and other methods do not wait."""
    slept: list[float] = []
    throttle = Throttle(clock=lambda: 0.0, sleep=slept.append)
    for channel in ("C1", "C1", "C1", "C2"):
        throttle.before("chat.postMessage", channel)
    throttle.before("conversations.history", "C1")
    assert slept == [1.0, 2.0]


def test_conversations_long_quiet_are_forgotten() -> None:
    """One DM each to 5,000 people over time: only recent conversations are remembered."""
    virtual = VirtualTime()
    throttle = Throttle(clock=virtual.clock, sleep=virtual.sleep)
    for i in range(5000):
        virtual.now += 0.1
        throttle.before("chat.postMessage", f"U{i:05d}")
    assert len(throttle._next_post) <= 2000 and virtual.slept == []


def test_a_hold_makes_every_caller_of_the_method_wait() -> None:
    """After a 429 with Retry-After 5, the next call of that method waits 5 s; another method does not."""
    virtual = VirtualTime()
    throttle = Throttle(clock=virtual.clock, sleep=virtual.sleep)
    throttle.hold("chat.postMessage", 5)
    throttle.before("conversations.open", None)
    assert virtual.slept == []
    throttle.before("chat.postMessage", "C9")
    assert virtual.slept == [5.0]


def test_waits_are_capped() -> None:
    """A hold longer than `max_wait` is slept only up to it; Slack's answer then decides."""
    virtual = VirtualTime()
    throttle = Throttle(clock=virtual.clock, sleep=virtual.sleep, max_wait=3)
    throttle.hold("chat.postMessage", 60)
    throttle.before("chat.postMessage", None)
    assert sum(virtual.slept) == 3


def poster(client: WebClient, text: str) -> threading.Thread:
    return threading.Thread(
        target=client.chat_postMessage, kwargs={"channel": ESCALATION_CHANNEL, "text": text}
    )


def test_a_429_is_waited_out_once_for_all_threads(slack: FakeSlack) -> None:
    """Slack answers 429 (Retry-After 1) to one thread: that thread retries after the hold, and four other
    threads posting meanwhile wait for it instead of each getting their own 429."""
    throttle = Throttle(spacing=0)
    client = delivery_client(slack.token, slack.base_url, throttle=throttle)
    slack.fail_next("chat.postMessage", status=429, retry_after=1)
    first = poster(client, "first")
    first.start()
    slack.wait_for(lambda: throttle.held("chat.postMessage") > 0)
    refused_at = slack.calls("chat.postMessage")[0].time
    others = [poster(client, str(i)) for i in range(4)]
    for thread in others:
        thread.start()
    for thread in [first, *others]:
        thread.join(10)
    calls = slack.calls("chat.postMessage")
    assert [c.status for c in calls].count(429) == 1 and [c.status for c in calls].count(200) == 5
    assert min(c.time for c in calls[1:]) >= refused_at + 1.0


def test_a_lasting_rate_limit_defers_without_spending_an_attempt(slack: FakeSlack) -> None:
    """When 429s outlast the in-thread retries, the row is rescheduled after Retry-After, uncounted."""
    virtual = VirtualTime()
    client = delivery_client(
        slack.token, slack.base_url, throttle=Throttle(clock=virtual.clock, sleep=virtual.sleep)
    )
    slack.fail_next("chat.postMessage", status=429, retry_after=7, times=3)
    with pytest.raises(RetryLater) as later:
        call(RetryPolicy(), 1, client.chat_postMessage, channel=ESCALATION_CHANNEL, text="hello")
    assert later.value.counts is False and later.value.after == timedelta(seconds=7)
    assert virtual.slept == [7.0, 7.0]  # slack-sdk's handler retried twice, each after the shared hold
    assert isinstance(later.value.__cause__, SlackApiError)
