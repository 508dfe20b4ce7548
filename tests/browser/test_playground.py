"""The playground end to end in Chromium: people use the real bot through a page that looks like Slack."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from playground import cast
from playground.workspace import Workspace

CLIENT_WORDS = "The amended contract still has not arrived; the board meets on Friday."


def as_person(page: Page, url: str, person: cast.Person, conversation: str | None = None) -> None:
    page.goto(f"{url}?as={person.id}" + (f"&c={conversation}" if conversation else ""))
    expect(page.get_by_test_id("person")).to_have_value(person.id)


def type_in_composer(page: Page, text: str) -> None:
    composer = page.get_by_test_id("composer")
    composer.fill(text)
    composer.press("Enter")


def escalate_to_lawyer(page: Page, url: str, *, urgent: bool = False) -> None:
    """The paralegal types /escalate, leaves the form empty once, then fills it in and submits."""
    as_person(page, url, cast.PARALEGAL, cast.CLIENT_ROOM.id)
    type_in_composer(page, "/escalate")
    modal = page.locator(".modal")
    expect(modal).to_be_visible()
    modal.locator(".modal-submit").click()
    expect(modal.locator("[data-block-id=owner] .input-error")).to_have_text("この項目は必須です")
    modal.locator("[data-block-id=owner] select").select_option(cast.LAWYER.id)
    modal.locator("[data-block-id=summary] textarea").fill(CLIENT_WORDS)
    if urgent:
        modal.locator("[data-block-id=severity] input[value=urgent]").check()
    modal.locator(".modal-submit").click()
    expect(modal).to_be_hidden()


def test_an_escalation_through_the_modal_reaches_the_channel_and_the_lawyer_acknowledges_it(
    workspace: tuple[Workspace, str], page: Page
) -> None:
    _, url = workspace
    escalate_to_lawyer(page, url)
    page.locator(f"[data-conversation={cast.ESCALATIONS.id}]").click()
    card = page.locator(".message", has_text=CLIENT_WORDS).first
    expect(card).to_be_visible()
    expect(card).to_contain_text("Jordan Miller")  # <@U…> shown as the person's name

    as_person(page, url, cast.LAWYER, "app")
    page.locator("[data-tab=messages]").click()
    dm_card = page.locator(".message", has_text=CLIENT_WORDS).last
    expect(dm_card).to_be_visible()
    dm_card.get_by_role("button", name="Acknowledge").click()

    page.locator(f"[data-conversation={cast.ESCALATIONS.id}]").click()
    # The shared card speaks the office's language (Japanese); the lawyer's own DM spoke English.
    expect(page.locator(".message", has_text=CLIENT_WORDS).first).to_contain_text(
        re.compile("Jordan Miller さんが受け付けました")
    )


def test_when_the_lawyer_does_not_answer_moving_the_clock_brings_in_the_office_head(
    workspace: tuple[Workspace, str], page: Page
) -> None:
    _, url = workspace
    escalate_to_lawyer(page, url, urgent=True)
    as_person(page, url, cast.HEAD, "app")
    page.locator("[data-tab=messages]").click()
    head_dm = page.locator(".message", has_text=CLIENT_WORDS)
    expect(head_dm).to_have_count(0)
    for _ in range(4):  # urgent waits 15 minutes per nudge; two nudges, then the chain
        page.locator("[data-step='30m']").click()
        page.wait_for_timeout(1500)
    expect(head_dm.first).to_be_visible(timeout=15_000)
    expect(head_dm.first).to_contain_text("Jordan Miller")


def test_a_vent_is_anonymous_to_everyone_including_the_admin(
    workspace: tuple[Workspace, str], page: Page
) -> None:
    _, url = workspace
    words = "お客様に怒鳴られたのに、誰にも言えずにいます。"
    as_person(page, url, cast.COLLEAGUE_JA, cast.PEER_SUPPORT.id)
    type_in_composer(page, f"/vent {words}")
    for viewer in (cast.COLLEAGUE_EN, cast.MANAGER, cast.COLLEAGUE_JA):
        as_person(page, url, viewer, cast.PEER_SUPPORT.id)
        post = page.locator(".message:not(.ephemeral)", has_text=words)
        expect(post).to_have_count(1, timeout=10_000)
        for name in (cast.COLLEAGUE_JA.real_name, cast.COLLEAGUE_JA.handle, "鈴木"):
            expect(post).not_to_contain_text(name)
        expect(post.locator(".author")).to_have_text("itabasami")


def test_the_home_tab_lists_the_lawyers_escalations_in_english(
    workspace: tuple[Workspace, str], page: Page
) -> None:
    _, url = workspace
    escalate_to_lawyer(page, url)
    as_person(page, url, cast.LAWYER, "app")
    page.locator("[data-tab=home]").click()
    home = page.locator("#pane.home")
    expect(home).to_contain_text("#1", timeout=10_000)
    expect(home).to_contain_text(CLIENT_WORDS[:30])
    as_person(page, url, cast.PARALEGAL, "app")
    page.locator("[data-tab=home]").click()
    expect(page.locator("#pane.home")).to_contain_text("エスカレーション", timeout=10_000)


def test_an_unknown_command_gets_what_slack_says(workspace: tuple[Workspace, str], page: Page) -> None:
    _, url = workspace
    as_person(page, url, cast.LAWYER, cast.CLIENT_ROOM.id)
    type_in_composer(page, "/escalte help")
    notice = page.locator(".message.ephemeral")
    expect(notice).to_contain_text("There is no /escalte command")
    expect(notice.locator(".author")).to_have_text("Slackbot")
