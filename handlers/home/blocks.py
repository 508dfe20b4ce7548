"""Pure builders for the App Home: open escalations (paged to fit Slack's 100 blocks), the person's own
settings, and for admins the configuration in force and the last failed sends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.calendar import WorkWeek
from bot.care.home import CHAIN_COUNTED, OWNER, RAISER, AdminView, HomeData, HomeItem
from bot.escalations.model import Status, is_overdue
from bot.i18n import t
from bot.i18n.days import describe_week
from handlers.blockkit import (
    Block,
    actions,
    button,
    context,
    cut,
    divider,
    fields_section,
    header,
    option,
    section,
    slack_date,
    user,
)
from handlers.escalate.blocks import SEVERITY_MARK
from handlers.ids import Action

VIEW_BLOCK_LIMIT = 100
BLOCKS_PER_ITEM = 2
# Around the list: header, counts, two group headings, paging buttons.
LIST_CHROME = 5
SETTINGS_BLOCKS = 8
ADMIN_BLOCKS = 7
TOGGLES = ("checkins", "supporter", "digest")


@dataclass(frozen=True)
class Shown:
    """What the builder needs besides the data: who is looking, in which language, and when."""

    locale: str
    now: datetime
    week: WorkWeek  # their working hours and days
    timezone: str
    timezone_chosen: bool
    config: list[tuple[str, str]]  # admins: (label key, value) of the configuration in force


def per_page(*, is_admin: bool) -> int:
    """How many escalations fit on one page beside everything else the Home always shows."""
    fixed = LIST_CHROME + SETTINGS_BLOCKS + (ADMIN_BLOCKS if is_admin else 0)
    return (VIEW_BLOCK_LIMIT - fixed) // BLOCKS_PER_ITEM


def build_home(data: HomeData, shown: Shown) -> dict[str, Any]:
    blocks = _escalations(data, shown) + _settings(data, shown)
    if data.admin is not None:
        blocks += _admin(data.admin, shown)
    return {"type": "home", "blocks": blocks[:VIEW_BLOCK_LIMIT]}


# --- open escalations --------------------------------------------------------------------------------


def _escalations(data: HomeData, shown: Shown) -> list[Block]:
    locale, page = shown.locale, data.page
    blocks: list[Block] = [header(t(locale, "home.header"))]
    counts = t(locale, "home.counts", owned=page.owned, raised=page.raised)
    if page.pages > 1:
        counts += " · " + t(locale, "home.page", page=page.page + 1, pages=page.pages)
    blocks.append(context(counts))
    if not page.items:
        return [*blocks, section(t(locale, "home.empty"))]
    role = None
    for item in page.items:
        if item.role != role:
            role = item.role
            blocks.append(section(f"*{t(locale, 'home.group.' + role)}*"))
        blocks += _item(item, shown)
    if page.pages > 1:
        blocks.append(_paging(page.page, page.pages, locale))
    return blocks


def _item(item: HomeItem, shown: Shown) -> list[Block]:
    locale = shown.locale
    link = f"<{item.card_link}|#{item.number}>" if item.card_link else f"#{item.number}"
    head = [f"{SEVERITY_MARK.get(item.severity, '')} *{link}*", t(locale, f"severity.{item.severity}")]
    head.append(t(locale, f"status.{item.status}"))
    if item.confidential:
        head.append(t(locale, "home.item.confidential"))
    who = (
        t(locale, "home.item.raised_by", raiser=user(item.raiser_id))
        if item.role == OWNER
        else t(locale, "home.item.owner", owner=user(item.owner_id))
    )
    lines = [" · ".join(head), who, cut(item.summary.replace("\n", " "), 150)]
    if item.promised_at is not None:
        key = (
            "home.item.overdue"
            if is_overdue(item.promised_at, item.status, shown.now)
            else "home.item.promised"
        )
        lines.append(t(locale, key, when=slack_date(item.promised_at)))
    return [section("\n".join(lines)), _item_buttons(item, locale)]


def _item_buttons(item: HomeItem, locale: str) -> Block:
    """The card's own buttons (same action IDs, so the card's listeners and checks apply)."""
    value = str(item.escalation_id)
    elements = []
    if item.status == Status.OPEN.value and item.role == OWNER:
        elements.append(
            button(t(locale, "button.acknowledge"), Action.ACKNOWLEDGE, value=value, style="primary")
        )
    elements += [
        button(t(locale, "button.post_update"), Action.POST_UPDATE, value=value),
        button(t(locale, "button.reassign"), Action.REASSIGN, value=value),
        button(t(locale, "button.resolve"), Action.RESOLVE, value=value),
    ]
    if item.card_link:
        elements.append(button(t(locale, "button.open_thread"), Action.OPEN_THREAD, url=item.card_link))
    return actions(*elements, block_id=f"home-{item.escalation_id}")


def _paging(page: int, pages: int, locale: str) -> Block:
    buttons = []
    if page > 0:
        buttons.append(button(t(locale, "home.prev"), Action.HOME_PREV, value=str(page - 1)))
    if page < pages - 1:
        buttons.append(button(t(locale, "home.next"), Action.HOME_NEXT, value=str(page + 1)))
    return actions(*buttons, block_id="home-paging")


# --- the person's settings ------------------------------------------------------------------------------


def _settings(data: HomeData, shown: Shown) -> list[Block]:
    locale, chosen = shown.locale, data.prefs
    tz_note = t(locale, "home.tz.own" if shown.timezone_chosen else "home.tz.slack")
    hours = t(
        locale,
        "home.settings.hours",
        hours=describe_week(locale, shown.week),
        tz=shown.timezone,
        note=tz_note,
    )
    return [
        divider(),
        header(t(locale, "home.settings.header")),
        section(
            t(locale, "home.settings.language"),
            block_id="home-language",
            accessory=_language(chosen.locale, locale),
        ),
        section(
            hours, block_id="home-hours", accessory=button(t(locale, "home.button.change"), Action.HOME_HOURS)
        ),
        *_out_of_office(chosen.out_of_office_until, locale),
        section(
            t(locale, "home.settings.toggles"), block_id="home-toggles", accessory=_toggles(data, locale)
        ),
        context(t(locale, "home.settings.private")),
    ]


def _language(current: str | None, locale: str) -> Block:
    options = [
        option(t(locale, "home.language.auto"), "auto"),
        option(t(locale, "home.language.ja"), "ja"),
        option(t(locale, "home.language.en"), "en"),
    ]
    chosen = next(o for o in options if o["value"] == (current or "auto"))
    return {
        "type": "static_select",
        "action_id": Action.HOME_LANGUAGE,
        "options": options,
        "initial_option": chosen,
    }


def _out_of_office(until: date | None, locale: str) -> list[Block]:
    picker: Block = {
        "type": "datepicker",
        "action_id": Action.HOME_OOO,
        "placeholder": {"type": "plain_text", "text": t(locale, "home.ooo.placeholder")},
    }
    if until is None:
        return [section(t(locale, "home.settings.ooo"), block_id="home-ooo", accessory=picker)]
    picker["initial_date"] = until.isoformat()
    text = t(locale, "home.settings.ooo_until", day=until.isoformat())
    back = button(t(locale, "home.button.back"), Action.HOME_OOO_CLEAR)
    return [section(text, block_id="home-ooo", accessory=picker), actions(back, block_id="home-back")]


def _toggles(data: HomeData, locale: str) -> Block:
    names = ["checkins", "supporter"] + (["digest"] if data.manages or data.admin is not None else [])
    options = [
        {
            "text": {"type": "plain_text", "text": t(locale, f"home.toggle.{name}")},
            "description": {"type": "plain_text", "text": t(locale, f"home.toggle.{name}_hint")},
            "value": name,
        }
        for name in names
    ]
    on = {
        "checkins": data.prefs.checkins_enabled,
        "supporter": data.prefs.peer_supporter,
        "digest": data.prefs.digest_enabled,
    }
    element: Block = {"type": "checkboxes", "action_id": Action.HOME_TOGGLES, "options": options}
    chosen = [o for o in options if on[str(o["value"])]]
    if chosen:
        element["initial_options"] = chosen
    return element


# --- admins --------------------------------------------------------------------------------------------


def _links(admin: AdminView) -> str:
    return f"{CHAIN_COUNTED}+" if admin.chain_links > CHAIN_COUNTED else str(admin.chain_links)


def _admin(admin: AdminView, shown: Shown) -> list[Block]:
    locale = shown.locale
    fields = [f"*{t(locale, label)}*\n{value}" for label, value in shown.config]
    blocks: list[Block] = [divider(), header(t(locale, "home.admin.header"))]
    blocks += [fields_section(fields[i : i + 10]) for i in range(0, min(len(fields), 20), 10)]
    if admin.chain:
        lines = "\n".join(f"{user(u)} → {user(m)}" for u, m in admin.chain)
        if admin.chain_links > len(admin.chain):
            lines += "\n…"
        blocks.append(section(t(locale, "home.admin.chain", count=_links(admin), lines=lines)))
    else:
        blocks.append(section(t(locale, "home.admin.chain_none")))
    blocks.append(section(_failed(admin, locale)))
    return blocks


def _failed(admin: AdminView, locale: str) -> str:
    title = f"*{t(locale, 'home.admin.failed')}*"
    if not admin.failed:
        return f"{title}\n{t(locale, 'home.admin.failed_none')}"
    lines = [
        t(
            locale,
            "home.admin.failed_line",
            when=slack_date(f.at),
            kind=f.kind,
            number=f"#{f.number}" if f.number is not None else "—",
            error=cut(f.error, 120),
        )
        for f in admin.failed
    ]
    return "\n".join([title, *lines])


__all__ = ["RAISER", "Shown", "build_home", "per_page"]
