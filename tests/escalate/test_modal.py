"""`/escalate` alone opens the form; the form's answers become an escalation (or stay, with field errors)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.app import Itabasami
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import Escalation
from tests.conftest import ADMIN, DESK, ESCALATION_CHANNEL, OTHER_BOT, OWNER, PEER, RAISER, only, settled
from tests.support.driver import SlackDriver


def open_form(driver: SlackDriver, slack: FakeSlack, user: str = RAISER) -> dict[str, Any]:
    before = len(slack.views_opened())
    driver.command("/escalate", "", user=user)
    record = slack.wait_for(lambda: slack.views_opened()[before:])[0]
    return record.view | {"id": record.id, "hash": record.hash}


def answers(
    owner: str = OWNER,
    summary: str = "The client wants compensation for the late filing.",
    **extra: dict[str, Any],
) -> dict[str, dict[str, Any]]:
    values: dict[str, dict[str, Any]] = {
        "owner": {"type": "users_select", "selected_user": owner},
        "client": {"type": "plain_text_input", "value": "Tanaka Trading"},
        "summary": {"type": "plain_text_input", "value": summary},
        "kind": {"type": "static_select", "selected_option": {"value": "complaint"}},
        "severity": {"type": "radio_buttons", "selected_option": {"value": "urgent"}},
        "promised": {"type": "datetimepicker", "selected_date_time": None},
        "options": {"type": "checkboxes", "selected_options": []},
    }
    values.update(extra)
    return values


def test_form_opens_in_raisers_language(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """A Japanese raiser gets the form in Japanese, with the owner, summary and kind fields."""
    view = open_form(driver, slack)
    assert view["title"]["text"] == "エスカレーション"
    block_ids = [b.get("block_id") for b in view["blocks"]]
    assert {"owner", "client", "summary", "kind", "severity", "promised", "options"} <= set(block_ids)
    assert "hr_what" not in block_ids  # the harassment record appears only when that kind is chosen


def test_choosing_possible_harassment_offers_the_record(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Picking 'possibly customer harassment' adds when/where/what/by whom/witnesses to the form."""
    view = open_form(driver, slack)
    state = {
        "values": {
            "kind": {
                "esc_kind_changed": {
                    "type": "static_select",
                    "selected_option": {"value": "possible_harassment"},
                }
            }
        }
    }
    driver.block_action(
        "esc_kind_changed",
        user=RAISER,
        view=view | {"state": state},
        extra={
            "type": "static_select",
            "block_id": "kind",
            "selected_option": {"value": "possible_harassment"},
        },
    )
    updated = slack.wait_for(lambda: [c for c in slack.calls("views.update") if c.ok])[-1]
    block_ids = [b.get("block_id") for b in updated.args["view"]["blocks"]]
    assert {"hr_when", "hr_where", "hr_what", "hr_by_whom", "hr_witnesses"} <= set(block_ids)


def test_submitted_form_creates_escalation(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """The answers are stored; the card shows client, severity and the promise in Slack's date format."""
    view = open_form(driver, slack)
    promised = int((clock.now() + timedelta(hours=3)).timestamp())
    response = driver.view_submission(
        view, answers(promised={"type": "datetimepicker", "selected_date_time": promised}), user=RAISER
    )
    assert response.status == 200 and not response.body.strip()  # closes the form
    card = slack.wait_for(lambda: slack.messages(ESCALATION_CHANNEL))[0]
    rendered = str(card.blocks)
    assert "Tanaka Trading" in rendered and "Urgent" in rendered and f"<!date^{promised}^" in rendered
    url = driver.last_response_url  # the /escalate that opened the form: its reply is replaced in place
    posted = slack.wait_for(lambda: slack.responses(url))[0]
    assert "投稿しました" in (posted.text or "") and posted.replace_original


def test_field_errors_keep_the_form_open(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """Naming yourself, an app, or a past promise is explained next to the field; nothing is created."""
    view = open_form(driver, slack)
    own = driver.view_submission(view, answers(owner=RAISER), user=RAISER).json()
    assert own["response_action"] == "errors" and "ご自身" in own["errors"]["owner"]
    # Picking someone in the select tells the app at once (dispatch_action), as Slack does.
    driver.block_action("owner", user=RAISER, view=view, extra={"selected_user": OTHER_BOT})
    slack.wait_for(lambda: bot.deps.people.in_memory(OTHER_BOT) is not None)
    app = driver.view_submission(view, answers(owner=OTHER_BOT), user=RAISER).json()
    assert "アプリ" in app["errors"]["owner"]
    past = driver.view_submission(
        view, answers(promised={"type": "datetimepicker", "selected_date_time": 1_000_000_000}), user=RAISER
    ).json()
    assert "promised" in past["errors"]
    with bot.deps.sessions() as session:
        assert session.scalars(select(Escalation)).all() == []


def test_harassment_record_is_kept(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """The factual record is stored with the escalation for the compliance record."""
    view = open_form(driver, slack)
    values = answers(
        kind={"type": "static_select", "selected_option": {"value": "possible_harassment"}},
        hr_where={"type": "plain_text_input", "value": "Phone call to the main line"},
        hr_what={"type": "plain_text_input", "value": "Demanded the paralegal apologise on her knees"},
        hr_witnesses={"type": "plain_text_input", "value": "Suzuki (sat next to her)"},
    )
    driver.view_submission(view, values, user=RAISER)
    slack.wait_for(lambda: slack.messages(ESCALATION_CHANNEL))
    with bot.deps.sessions() as session:
        esc = only(list(session.scalars(select(Escalation))))
        assert esc.kind == "possible_harassment"
        assert esc.harassment_record is not None
        assert esc.harassment_record["where"] == "Phone call to the main line"
        assert esc.harassment_record["witnesses"] == "Suzuki (sat next to her)"


def test_confidential_escalation_gets_a_private_space(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Confidential: never in the shared channel; a private channel with raiser, owner and the desk,
    whose card tells the raiser (in Japanese) that raising it will not count against them."""
    view = open_form(driver, slack)
    options = {"type": "checkboxes", "selected_options": [{"value": "confidential"}, {"value": "desk"}]}
    driver.view_submission(view, answers(options=options), user=RAISER)
    created = slack.wait_for(lambda: [c for c in slack.calls("conversations.create") if c.ok])[0]
    private = created.response["channel"]["id"]
    card = slack.wait_for(lambda: slack.messages(private))[0]
    assert "不利になることはありません" in str(card.blocks)
    assert set(slack.channel(private).members) >= {RAISER, OWNER, DESK}
    assert ADMIN not in slack.channel(private).members
    settled(bot, slack)
    assert slack.messages(ESCALATION_CHANNEL) == []


def test_confidential_falls_back_to_group_dm(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """Where the workspace forbids the bot creating private channels, a group DM carries the card."""
    slack.allow_private_channel_creation = False
    view = open_form(driver, slack)
    options = {"type": "checkboxes", "selected_options": [{"value": "confidential"}]}
    driver.view_submission(view, answers(options=options), user=RAISER)
    opened = slack.wait_for(
        lambda: [c for c in slack.calls("conversations.open") if c.ok and "," in str(c.args.get("users"))]
    )[0]
    group = opened.response["channel"]["id"]
    assert slack.wait_for(lambda: slack.messages(group))
    settled(bot, slack)
    assert slack.messages(ESCALATION_CHANNEL) == []


def test_message_shortcut_prefills_the_form(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """ "Escalate this message" opens the form with the client's words and a link back to them."""
    words = "We expect a written apology & compensation by Friday."
    driver.message_shortcut(
        "escalate_message",
        user=RAISER,
        message={
            "type": "message",
            "user": "UCLIENT",
            "ts": "1763880000.000100",
            "text": words.replace("&", "&amp;"),
        },
    )
    view = slack.wait_for(lambda: slack.views_opened())[-1].view
    summary = next(b for b in view["blocks"] if b.get("block_id") == "summary")
    assert summary["element"]["initial_value"] == words
    assert "p1763880000000100" in view["private_metadata"]


def test_admins_see_confidential_ones_exist_but_not_their_content(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """`/escalate list all` shows an admin that a confidential escalation exists, never what it says;
    people who are not admins cannot list everything."""
    view = open_form(driver, slack)
    options = {"type": "checkboxes", "selected_options": [{"value": "confidential"}]}
    secret = "The worker asked that nothing be done without her agreement."
    driver.view_submission(view, answers(summary=secret, options=options), user=RAISER)
    slack.wait_for(lambda: [c for c in slack.calls("conversations.create") if c.ok])
    settled(bot, slack)
    driver.command("/escalate", "list all", user=ADMIN)
    url = driver.last_response_url
    listing = slack.wait_for(lambda: slack.responses(url))[0]
    assert "#1" in str(listing.blocks) and "confidential" in str(listing.blocks)
    assert secret[:20] not in str(listing.blocks) and "Tanaka" not in str(listing.blocks)
    driver.command("/escalate", "list all", user=OWNER)
    url = driver.last_response_url
    assert "Only admins" in (slack.wait_for(lambda: slack.responses(url))[0].text or "")


def test_a_squatted_private_channel_name_is_never_adopted(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Someone who creates the next confidential escalation's channel first and invites the bot gets
    nothing: the bot makes its own channel under a name nobody could guess and posts the card there."""
    for number in range(1, 4):
        name = f"escalation-{number}-confidential"
        slack.add_channel(f"CSQUAT{number}", name, is_private=True, members=[PEER])
    view = open_form(driver, slack)
    options = {"type": "checkboxes", "selected_options": [{"value": "confidential"}]}
    driver.view_submission(view, answers(options=options), user=RAISER)
    created = slack.wait_for(lambda: [c for c in slack.calls("conversations.create") if c.ok])[0]
    private = created.response["channel"]["id"]
    assert slack.wait_for(lambda: slack.messages(private))
    settled(bot, slack)
    for number in range(1, 4):
        assert slack.messages(f"CSQUAT{number}") == []
        assert slack.channel(f"CSQUAT{number}").members == [PEER, slack.bot_user_id]
    assert not str(created.args["name"]).startswith("escalation-1-confidential")
    with bot.deps.sessions() as session:
        assert only(list(session.scalars(select(Escalation)))).channel_id == private


def test_a_forged_click_on_a_confidential_escalation_learns_nothing(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Someone not on a confidential escalation who forges its buttons gets the same answer as for a
    number that does not exist: no owner named, no form opened, nothing changed."""
    view = open_form(driver, slack)
    options = {"type": "checkboxes", "selected_options": [{"value": "confidential"}]}
    driver.view_submission(view, answers(options=options), user=RAISER)
    slack.wait_for(lambda: [c for c in slack.calls("conversations.create") if c.ok])
    settled(bot, slack)
    with bot.deps.sessions() as session:
        real = str(only(list(session.scalars(select(Escalation)))).id)
    opened = len(slack.views_opened())
    said = []
    for action, value in (("esc_acknowledge", real), ("esc_post_update", real), ("esc_acknowledge", "999")):
        driver.block_action(action, user=PEER, value=value, channel="CCLIENT")
        said.append(slack.wait_for(lambda: slack.responses(driver.last_response_url))[0].text)
    settled(bot, slack)
    assert said[0] == said[1] == said[2] and OWNER not in str(said[0]) and "見つからない" in str(said[0])
    assert len(slack.views_opened()) == opened
    with bot.deps.sessions() as session:
        assert only(list(session.scalars(select(Escalation)))).status == "open"
