"""`/escalate export`: one escalation's full timeline by DM as CSV or JSON (owner, raiser, admins), and
an admin's date range that leaves out confidential escalations they are not on."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from bot.app import Itabasami
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from tests.care.helpers import TOKYO, local, raise_at, resolve
from tests.conftest import ADMIN, OWNER, PEER, RAISER, settled
from tests.support.driver import SlackDriver


def _export(bot: Itabasami, driver: SlackDriver, slack: FakeSlack, user: str, text: str) -> tuple[str, bytes]:
    """Run the command; returns the private reply and the file that arrived in the person's DM."""
    before = len(slack.files())
    driver.command("/escalate", text, user=user)
    reply = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0].text or ""
    uploaded = slack.wait_for(lambda: slack.files()[before:])[0]
    settled(bot, slack)
    assert uploaded.channels == [slack.im_channel(user)]
    return reply, uploaded.content or b""


def _rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def _ack(bot: Itabasami, driver: SlackDriver, slack: FakeSlack, escalation_id: int) -> None:
    driver.block_action("esc_acknowledge", user=OWNER, value=str(escalation_id))
    slack.wait_for(lambda: any("受け付けました" in m.text for m in slack.dm_messages(RAISER)))
    settled(bot, slack)


def test_owner_gets_the_whole_timeline_as_csv(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Created, acknowledged and resolved, each with who and when (UTC), in a CSV sent by DM."""
    escalation = raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    _ack(bot, driver, slack, escalation)
    resolve(driver, slack, bot, escalation)
    reply, content = _export(bot, driver, slack, OWNER, "export #1")
    assert "#1" in reply and "CSV" in reply
    rows = _rows(content)
    assert list(rows[0]) == ["escalation", "confidential", "at_utc", "actor", "action", "detail"]
    assert [(r["action"], r["actor"]) for r in rows][:1] == [("created", RAISER)]
    assert {"acknowledged", "resolved"} <= {r["action"] for r in rows}
    assert "late filing" in rows[0]["detail"] and rows[0]["at_utc"].startswith("2026-11-24T01:00")


def test_raiser_gets_json_and_others_are_refused(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """The raiser can ask for JSON; a colleague not on it is told who may export, and gets no file."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    _, content = _export(bot, driver, slack, RAISER, "export 1 json")
    [record] = json.loads(content)["escalations"]
    assert record["number"] == 1 and record["owner"] == OWNER and record["timeline"][0]["action"] == "created"
    before = len(slack.files())
    driver.command("/escalate", "export 1", user=PEER)
    refusal = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0].text or ""
    assert "エクスポートできる" in refusal
    settled(bot, slack)
    assert len(slack.files()) == before


def test_admin_range_leaves_out_confidential_content_they_are_not_on(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A range export holds every escalation raised in it; of a confidential one the admin is not on,
    only that it exists, when, and its state. Escalations outside the range are not in it."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    raise_at(bot, driver, slack, clock, local("2026-11-25 10:00", TOKYO), confidential=True)
    raise_at(bot, driver, slack, clock, local("2026-12-02 10:00", TOKYO))
    _, content = _export(bot, driver, slack, ADMIN, "export 2026-11-24..2026-11-30")
    rows = _rows(content)
    assert {r["escalation"] for r in rows} == {"1", "2"}
    hidden = [r for r in rows if r["escalation"] == "2"]
    assert [r["action"] for r in hidden] == ["content_left_out"]
    assert "late filing" not in str(hidden) and RAISER not in str(hidden) and OWNER not in str(hidden)
    _, as_json = _export(bot, driver, slack, ADMIN, "export 2026-11-24..2026-11-30 json")
    records: list[dict[str, Any]] = json.loads(as_json)["escalations"]
    assert (
        "summary" not in records[1] and records[1]["confidential"] is True and records[1]["content_left_out"]
    )
    _, own = _export(bot, driver, slack, RAISER, "export 2")
    assert "late filing" in own.decode()  # the people on it get everything


def test_ranges_are_for_admins_and_bad_requests_are_explained(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """A non-admin's range and a malformed request get a private explanation with an example."""
    for text, expected in (
        ("export 2026-01-01..2026-03-31", "管理者だけ"),
        ("export soon", "/escalate export 12"),
    ):
        driver.command("/escalate", text, user=RAISER)
        assert expected in (slack.wait_for(lambda: slack.responses(driver.last_response_url))[0].text or "")


def test_cells_that_look_like_formulas_stay_text(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Text someone typed that starts with '=' cannot run as a spreadsheet formula."""
    clock.set(local("2026-11-24 10:00", TOKYO))
    driver.command("/escalate", f'<@{OWNER}> =HYPERLINK("http://x") the client sent this', user=RAISER)
    slack.wait_for(lambda: slack.dm_messages(OWNER))
    settled(bot, slack)
    _, content = _export(bot, driver, slack, OWNER, "export 1")
    assert all(not cell.startswith("=") for row in _rows(content) for cell in row.values())
