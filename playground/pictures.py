"""`python -m playground.pictures`: draw docs/images/*.png from the playground in the real browser.

For each language it starts a fresh playground (a Japan office, then a US office), acts the main
flows as the people in it would, and saves a picture of each: the new-escalation modal, the card
(waiting, then acknowledged), the owner's DM, the Home tab, an anonymous /vent post and the review
invitation once it is resolved. It fails if any text in a picture overflows its box or is cut off.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Locator, Page, sync_playwright

from playground import cast
from playground.page import PageServer
from playground.workspace import Workspace

OUT = Path("docs/images")
CHROMIUM = "/usr/bin/chromium"
CLIENT_WORDS = {
    "ja": "修正版の契約書がまだ届かず、金曜の取締役会に間に合わないとお怒りです。費用負担も求められています。",  # noqa: E501
    "en": "The client's amended contract has not arrived and their board meets Friday. They ask who pays.",
}
VENT_WORDS = {
    "ja": "電話でお客様に長く責められました。自分の判断ではないことで謝り続けるのがつらいです。",
    "en": "A client shouted at me for a decision that wasn't mine. I kept apologising and felt awful.",
}
RESOLUTION = {
    "ja": "期限を延ばし、費用は当方で負担すると伝えました。",
    "en": "Agreed a new date with the client; we cover the cost.",
}
# Overflow: an element whose content is wider or taller than its box, unless it scrolls on purpose.
OVERFLOW_JS = """(root) => [...root.querySelectorAll('*')].filter((e) => {
  if (['SELECT', 'TEXTAREA', 'INPUT', 'OPTION'].includes(e.tagName) || e.clientWidth === 0) return false;
  const style = getComputedStyle(e);
  if (['auto', 'scroll'].includes(style.overflowX)) return false;
  return e.scrollWidth > e.clientWidth + 1;
}).map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.slice(0, 60)}`)"""


class Pictures:
    def __init__(self, page: Page, url: str, lang: str, out: Path) -> None:
        self.page, self.url, self.lang, self.out = page, url, lang, out
        self.raiser = cast.PARALEGAL if lang == "ja" else cast.COLLEAGUE_EN
        self.owner = cast.HEAD if lang == "ja" else cast.LAWYER
        self.problems: list[str] = []

    def go(self, person: cast.Person, conversation: str) -> None:
        self.page.goto(f"{self.url}?as={person.id}&c={conversation}")
        self.page.wait_for_selector(".list-entry")

    def shoot(self, name: str, target: Locator) -> None:
        target.scroll_into_view_if_needed()
        self.page.wait_for_timeout(300)
        cut = target.evaluate(OVERFLOW_JS)
        self.problems += [f"{name}.{self.lang}: {c}" for c in cut]
        path = self.out / f"{name}.{self.lang}.png"
        target.screenshot(path=str(path))
        print(f"  {path}", flush=True)

    def send(self, text: str) -> None:
        composer = self.page.get_by_test_id("composer")
        composer.fill(text)
        composer.press("Enter")

    def run(self) -> None:
        page = self.page
        self.go(self.raiser, cast.CLIENT_ROOM.id)
        self.send("/escalate")
        modal = page.locator(".modal")
        modal.wait_for()
        modal.locator("[data-block-id=owner] select").select_option(self.owner.id)
        modal.locator("[data-block-id=client] input").fill(
            "小林商事" if self.lang == "ja" else "Kobayashi Trading"
        )
        modal.locator("[data-block-id=summary] textarea").fill(CLIENT_WORDS[self.lang])
        modal.locator("[data-block-id=kind] select").select_option(index=1)
        page.wait_for_timeout(800)
        self.shoot("modal-escalate", modal)
        modal.locator(".modal-submit").click()
        modal.wait_for(state="hidden")

        self.go(self.raiser, cast.ESCALATIONS.id)
        card = page.locator(".message", has_text=CLIENT_WORDS[self.lang][:20]).first
        card.wait_for()
        self.shoot("card-waiting", card)

        self.go(self.owner, "app")
        page.locator("[data-tab=messages]").click()
        owner_dm = page.locator(".message", has_text=CLIENT_WORDS[self.lang][:20]).last
        owner_dm.wait_for()
        self.shoot("owner-dm", owner_dm)
        owner_dm.locator(".button.primary").first.click()
        page.wait_for_timeout(1500)

        self.go(self.raiser, cast.ESCALATIONS.id)
        card = page.locator(".message", has_text=CLIENT_WORDS[self.lang][:20]).first
        self.shoot("card-acknowledged", card)

        self.go(self.owner, "app")
        page.locator("[data-tab=home]").click()
        home = page.locator("#pane.home")
        home.locator(".blocks").wait_for()
        page.wait_for_timeout(800)
        self.shoot("home", home.locator(".blocks"))

        self.go(cast.COLLEAGUE_JA if self.lang == "ja" else cast.COLLEAGUE_EN, cast.PEER_SUPPORT.id)
        self.send(f"/vent {VENT_WORDS[self.lang]}")
        viewer = cast.MANAGER if self.lang == "ja" else cast.LAWYER
        self.go(viewer, cast.PEER_SUPPORT.id)
        post = page.locator(".message:not(.ephemeral)", has_text=VENT_WORDS[self.lang][:15]).first
        post.wait_for(timeout=15_000)
        self.shoot("vent-post", post)
        self.review()

    def review(self) -> None:
        """Resolve the escalation as its owner; the next working morning, the raiser is asked for a review."""
        page = self.page
        self.go(self.owner, cast.ESCALATIONS.id)
        card = page.locator(".message", has_text=CLIENT_WORDS[self.lang][:20]).first
        card.locator(
            "[data-action-id=esc_resolve] , button:has-text('解決'), button:has-text('Resolve')"
        ).first.click()
        modal = page.locator(".modal")
        modal.wait_for()
        for area in modal.locator("textarea").all():
            area.fill(
                "期限を延ばし、費用は当方で負担すると伝えました。"
                if self.lang == "ja"
                else "Agreed a new date; we cover the cost."
            )
        modal.locator(".modal-submit").click()
        modal.wait_for(state="hidden")
        page.wait_for_timeout(1000)
        self.go(self.raiser, "app")
        page.locator("[data-tab=messages]").click()
        for _ in range(3):
            page.locator("[data-step=morning]").click()
            page.wait_for_timeout(2500)
            found = page.locator(".message").last
            if found.locator(".button").count() >= 2:
                break
        self.shoot("review-dm", page.locator(".message").last)


def draw(out: Path, langs: list[str]) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for lang in langs:
            print(f"{lang}:", flush=True)
            with tempfile.TemporaryDirectory() as scratch:
                workspace = Workspace(Path(scratch), office=lang).start()
                server = PageServer(workspace, "127.0.0.1", 0)
                server.serve_in_background()
                context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
                try:
                    pictures = Pictures(context.new_page(), server.url, lang, out)
                    pictures.run()
                    problems += pictures.problems
                    problems += [f"refused call: {r}" for r in _refused(workspace)]
                finally:
                    context.close()
                    server.shutdown()
                    server.server_close()
                    workspace.stop()
        browser.close()
    return problems


def _refused(workspace: Workspace) -> list[str]:
    return [
        f"{c.method}: {c.response.get('error')}" for c in workspace.slack.calls() if not c.response.get("ok")
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m playground.pictures", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--lang", choices=("ja", "en"), action="append", help="only this language")
    args = parser.parse_args(argv)
    problems = draw(args.out, args.lang or ["ja", "en"])
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
