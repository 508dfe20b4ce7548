"""The App Home: a raiser's, an owner's and an admin's view, paging past Slack's 100 blocks, the card's
buttons working from it, and the settings a person controls there."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.app import Itabasami
from bot.escalations import service
from bot.escalations.model import Draft, Severity
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import Escalation, PersonSettings
from tests.care.helpers import TOKYO, checkins, local, raise_at, run_at
from tests.conftest import ADMIN, HEAD, OWNER, PEER, RAISER, BotFactory, settled
from tests.escalate.test_timers import _driver, set_chain
from tests.home.helpers import action_ids, home_action, open_home, texts
from tests.support.driver import SlackDriver
from tests.vent.helpers import AUTHOR, MODERATOR, PEER_CHANNEL, PEER_ENV, populate_peer, vent


def _seed(
    bot: Itabasami, clock: FixedClock, count: int, *, owner: str = OWNER, raiser: str = RAISER, **kw: Any
) -> None:
    """Arrange many open escalations at once, through the escalation service itself."""
    with bot.deps.sessions.begin() as session:
        for n in range(count):
            draft = Draft(owner_id=owner, summary=f"Client {n} asks about the invoice.", **kw)
            service.create(
                session, clock=clock, team_id="T0TEAM", raiser_id=raiser, draft=draft, policy=bot.deps.policy
            )


def test_raiser_sees_what_they_raised_with_promised_and_overdue_states(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """In Japanese: the escalations they raised, an overdue promise flagged, a future one shown, the
    card's buttons (no Acknowledge: that is the owner's), and their settings."""
    clock.set(local("2026-11-24 10:00", TOKYO))
    _seed(bot, clock, 1, promised_at=clock.now() + timedelta(hours=1))
    _seed(bot, clock, 1, promised_at=clock.now() + timedelta(days=2))
    clock.set(local("2026-11-24 12:00", TOKYO))
    view = open_home(bot, driver, slack, RAISER)
    shown = texts(view)
    assert "起票した案件" in shown and "担当している案件" not in shown
    assert shown.count("期限超過") == 1 and shown.count("お客様への返答期限") == 1
    ids = action_ids(view)
    assert "esc_acknowledge" not in ids and ids.count("esc_post_update") == 2 and "esc_resolve" in ids
    for control in ("home_language", "home_hours", "home_ooo", "home_toggles"):
        assert control in ids
    assert "現在の設定" not in shown  # not an admin


def test_owner_sees_most_urgent_first_and_acknowledges_from_home(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Urgent before normal; Acknowledge works from the Home with the card's own listener, and the Home
    is published again without that button."""
    _seed(bot, clock, 1, severity=Severity.NORMAL)
    _seed(bot, clock, 1, severity=Severity.URGENT)
    view = open_home(bot, driver, slack, OWNER)
    sections = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"]
    items = [s for s in sections if "#" in s and "Raised by" in s]
    assert "#2" in items[0] and "Urgent" in items[0] and "#1" in items[1]
    assert action_ids(view).count("esc_acknowledge") == 2
    after = home_action(bot, driver, slack, OWNER, "esc_acknowledge", value=_id_of(bot, 2))
    slack.wait_for(lambda: _status(bot, 2) == "acknowledged")
    settled(bot, slack)
    after = slack.home(OWNER) or after
    assert action_ids(after).count("esc_acknowledge") == 1 and "acknowledged" in texts(after)


def test_paging_keeps_every_page_under_100_blocks(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """50 open escalations do not fit in one Home: page 1 shows as many as fit with a next-page button,
    page 2 the rest with a previous-page button, each within Slack's 100-block limit."""
    _seed(bot, clock, 50)
    first = open_home(bot, driver, slack, OWNER)
    assert len(first["blocks"]) <= 100 and "page 1 of 2" in texts(first)
    on_first = action_ids(first).count("esc_post_update")
    assert (
        on_first >= 40 and "home_page_next" in action_ids(first) and "home_page_prev" not in action_ids(first)
    )
    second = home_action(bot, driver, slack, OWNER, "home_page_next", value="1")
    assert len(second["blocks"]) <= 100 and "page 2 of 2" in texts(second)
    assert on_first + action_ids(second).count("esc_post_update") == 50
    assert "home_page_prev" in action_ids(second) and "home_page_next" not in action_ids(second)
    shown = [_values(view, "esc_post_update") for view in (first, second)]
    assert len(set(shown[0]) | set(shown[1])) == 50 and not set(shown[0]) & set(shown[1])
    reopened = open_home(bot, driver, slack, OWNER)  # the page is remembered
    assert "page 2 of 2" in texts(reopened)


def test_admin_sees_configuration_and_failed_sends_without_recipients(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Admins also see the configuration in force and the last failed sends: kind, escalation number and
    error only, never who it was for."""
    slack.fail_next("chat.postMessage", error="user_not_found", channel=OWNER, times=5)
    _seed(bot, clock, 1)
    bot.dispatcher.run_once()
    settled(bot, slack)
    view = open_home(bot, driver, slack, ADMIN)
    shown = texts(view)
    for label in (
        "Configuration in force",
        "Escalation channel",
        "<#C0ESCAL>",
        "Check-in plan",
        "3h,next-morning",
        "off (set PEER_CHANNEL to turn on /vent)",
    ):
        assert label in shown
    failed = next(
        b["text"]["text"] for b in view["blocks"] if "text" in b and "Last failed sends" in b["text"]["text"]
    )
    assert "`dm`" in failed and "#1" in failed and "user_not_found" in failed
    assert OWNER not in failed and RAISER not in failed
    assert len(view["blocks"]) <= 100


def test_admin_sees_peer_support_settings_but_never_an_author(
    make_bot: BotFactory, slack: FakeSlack, clock: FixedClock
) -> None:
    """With /vent on, the admin's Home shows its channel, moderators and limits; a fresh vent changes
    nothing there that could point at whoever wrote it."""
    bot = make_bot(**PEER_ENV, ENCOURAGEMENT_SCHEDULE="fri 16:00")
    populate_peer(slack)
    driver = _driver(bot, slack)
    before = texts(open_home(bot, driver, slack, ADMIN))
    for label in (
        "Peer-support channel",
        f"<#{PEER_CHANNEL}>",
        "Moderators",
        f"<@{MODERATOR}>",
        "<!subteam^S0MODS>",
        "5 per hour",
        "Fri 16:00",
    ):
        assert label in before, label
    vent(bot, driver, slack, "今日はつらかった")
    after = texts(open_home(bot, driver, slack, ADMIN))
    assert after == before and AUTHOR not in after


def test_language_choice_applies_to_home_and_messages(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A Japanese-speaking raiser who picks English gets the Home, and then their check-ins, in English."""
    escalation_at = local("2026-11-24 10:00", TOKYO)
    raise_at(bot, driver, slack, clock, escalation_at)
    assert "あなたの設定" in texts(open_home(bot, driver, slack, RAISER))
    view = home_action(
        bot, driver, slack, RAISER, "home_language", selected_option={"value": "en"}, type="static_select"
    )
    assert "Your settings" in texts(view)
    run_at(bot, slack, clock, local("2026-11-24 13:05", TOKYO))
    assert "How are you holding up" in checkins(slack)[0].text


def test_switches_turn_check_ins_off_and_offer_to_be_a_supporter(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Unticking check-ins cancels the ones waiting; ticking 'peer supporter' is remembered; the digest
    switch is only offered to people with someone below them in the chain."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    view = open_home(bot, driver, slack, RAISER)
    assert "digest" not in str(view)
    home_action(bot, driver, slack, RAISER, "home_toggles", selected_options=[], type="checkboxes")
    run_at(bot, slack, clock, local("2026-11-25 13:05", TOKYO))
    assert checkins(slack) == []
    open_home(bot, driver, slack, PEER)
    home_action(
        bot,
        driver,
        slack,
        PEER,
        "home_toggles",
        selected_options=[{"value": "checkins"}, {"value": "supporter"}],
        type="checkboxes",
    )
    with bot.deps.reads() as session:
        row = session.get(PersonSettings, PEER)
        assert row is not None and row.peer_supporter and row.checkins_enabled


def test_out_of_office_holds_check_ins_until_the_day_after(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Out of office until Wednesday (set on the Home): the check-ins wait for Thursday morning; 'I'm back'
    clears it."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    view = home_action(bot, driver, slack, RAISER, "home_ooo", selected_date="2026-11-25", type="datepicker")
    assert "2026-11-25 まで不在" in texts(view) and "home_ooo_clear" in action_ids(view)
    for moment in ("2026-11-24 13:05", "2026-11-25 09:05", "2026-11-25 15:00"):
        run_at(bot, slack, clock, local(moment, TOKYO))
    assert checkins(slack) == []
    run_at(bot, slack, clock, local("2026-11-26 09:05", TOKYO))
    assert len(checkins(slack)) == 1
    cleared = home_action(bot, driver, slack, RAISER, "home_ooo_clear")
    assert "home_ooo_clear" not in action_ids(cleared)


def test_working_hours_and_time_zone_from_the_home(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """The hours modal saves hours, days and a time zone (an unknown zone stays in the form)."""
    open_home(bot, driver, slack, RAISER)
    before = len(slack.views_opened())
    home_action_open = slack.home(RAISER) or {}
    record_id = next(
        c.response["view"]["id"]
        for c in reversed(slack.calls("views.publish"))
        if c.args.get("user_id") == RAISER
    )
    driver.block_action("home_hours", user=RAISER, view=home_action_open | {"id": record_id})
    record = slack.wait_for(lambda: slack.views_opened()[before:])[0]
    form = record.view | {"id": record.id}
    values = {
        "hours_start": {"type": "timepicker", "selected_time": "08:00"},
        "hours_end": {"type": "timepicker", "selected_time": "16:30"},
        "hours_days": {
            "type": "checkboxes",
            "selected_options": [{"value": d} for d in ("mon", "tue", "wed", "thu")],
        },
        "hours_tz": {"type": "plain_text_input", "value": "Mars/Base"},
    }
    assert driver.view_submission(form, values, user=RAISER).json()["response_action"] == "errors"
    values["hours_tz"] = {"type": "plain_text_input", "value": "Europe/London"}
    driver.view_submission(form, values, user=RAISER)
    slack.wait_for(lambda: "Europe/London" in texts(slack.home(RAISER) or {"blocks": []}))
    shown = texts(slack.home(RAISER) or {})
    assert "月〜木 08:00〜16:30" in shown and "（ここで設定）" in shown


def _values(view: dict[str, Any], action_id: str) -> list[str]:
    return [
        e["value"]
        for b in view["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e.get("action_id") == action_id
    ]


def _id_of(bot: Itabasami, number: int) -> str:
    with bot.deps.reads() as session:
        return str(session.scalars(select(Escalation.id).where(Escalation.number == number)).one())


def _status(bot: Itabasami, number: int) -> str:
    with bot.deps.reads() as session:
        return str(session.scalars(select(Escalation.status).where(Escalation.number == number)).one())


def test_chain_and_digest_changes_republish_the_homes_they_show_on(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """An admin links the owner to a manager: the admin's open Home lists the link and the manager's Home
    offers the digest, without reopening. `/escalate digest on` flips the Home's switch too."""
    open_home(bot, driver, slack, ADMIN)
    open_home(bot, driver, slack, HEAD)
    assert "Weekly digest" not in texts(slack.home(HEAD) or {})  # nobody below them yet
    set_chain(driver, slack, bot, OWNER, HEAD)
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert f"<@{OWNER}> → <@{HEAD}>" in texts(slack.home(ADMIN) or {})
    assert "Weekly digest of my team's escalations" in texts(slack.home(HEAD) or {})
    driver.command("/escalate", "digest on", user=HEAD)
    slack.wait_for(lambda: slack.responses(driver.last_response_url))
    bot.dispatcher.run_once()
    settled(bot, slack)
    switch = _element(slack.home(HEAD) or {}, "home_toggles")
    assert "digest" in [o["value"] for o in switch.get("initial_options", [])]


def _element(view: dict[str, Any], action_id: str) -> dict[str, Any]:
    for block in view["blocks"]:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("action_id") == action_id:
                return dict(element)
    raise AssertionError(f"no {action_id} on the Home")
