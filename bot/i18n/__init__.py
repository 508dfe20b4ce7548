"""Message catalogs. Every user-visible string lives here, in Japanese and English, under one key.

`t(locale, key, **params)` formats with `str.format`; a test checks both catalogs have the same
keys and the same {placeholders}.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from bot.i18n import en, ja

log = logging.getLogger(__name__)

CATALOGS: Mapping[str, Mapping[str, str]] = {"en": en.MESSAGES, "ja": ja.MESSAGES}


def t(locale: str, key: str, /, **params: Any) -> str:
    """The text for `key` in `locale` (English if the locale is unknown)."""
    catalog = CATALOGS.get(locale, CATALOGS["en"])
    template = catalog.get(key)
    if template is None:
        log.error("missing catalog key=%s locale=%s", key, locale)
        template = CATALOGS["en"].get(key, key)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        log.error("catalog placeholders do not match key=%s locale=%s", key, locale)
        return template


def has(key: str) -> bool:
    return key in CATALOGS["en"]


def duration(locale: str, value: timedelta) -> str:
    """A duration the way people say it: '2 h 30 min', '2時間30分', '1 day 3 h'. Rounded to minutes."""
    minutes = max(0, round(value.total_seconds() / 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if locale == "ja":
        parts = [
            f"{days}日" if days else "",
            f"{hours}時間" if hours else "",
            f"{mins}分" if mins and not days else "",
        ]
        return "".join(parts) or "1分未満"
    words = [
        (f"{days} day" + ("s" if days != 1 else "")) if days else "",
        f"{hours} h" if hours else "",
        f"{mins} min" if mins and not days else "",
    ]
    return " ".join(w for w in words if w) or "under a minute"
