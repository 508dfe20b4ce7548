"""Support resources shown privately to an author whose words suggest they may be in danger.

Nothing is recorded when this happens: the author alone sees the resources, and nobody else is told.
The word list errs on the side of showing them: a gentle note to someone who is fine costs little.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.i18n import CATALOGS, t


@dataclass(frozen=True)
class Text:
    """Words given in one or more languages: the reader's own, else English, else the first given."""

    by_locale: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, text: str) -> Text:
        return cls((("", text),))

    @classmethod
    def from_catalogs(cls, key: str) -> Text:
        return cls(tuple((locale, t(locale, key)) for locale in CATALOGS))

    def in_(self, locale: str) -> str:
        texts = dict(self.by_locale)
        return texts.get(locale) or texts.get("en") or self.by_locale[0][1]


@dataclass(frozen=True)
class Resource:
    name: Text
    contact: Text
    hours: Text
    open_24h: bool = False
    region: str | None = None  # "JP", "US", …: shown first to people from there (see ordered_for)


@dataclass(frozen=True)
class CrisisConfig:
    resources: tuple[Resource, ...]
    words: tuple[str, ...]


def _built_in(key: str, *, open_24h: bool, region: str) -> Resource:
    return Resource(
        name=Text.from_catalogs(f"crisis.{key}.name"),
        contact=Text.from_catalogs(f"crisis.{key}.contact"),
        hours=Text.from_catalogs(f"crisis.{key}.hours"),
        open_24h=open_24h,
        region=region,
    )


# Defaults for Japan and the US, worded in the catalogs (crisis.*). Admins must check them (numbers
# and hours change): see README.md.
DEFAULT_RESOURCES = (
    _built_in("yorisoi", open_24h=True, region="JP"),
    _built_in("inochi", open_24h=False, region="JP"),
    _built_in("emergency_jp", open_24h=True, region="JP"),
    _built_in("lifeline_988", open_24h=True, region="US"),
    _built_in("crisis_text_line", open_24h=True, region="US"),
    _built_in("emergency_us", open_24h=True, region="US"),
)

DEFAULT_WORDS = (
    # Japanese
    "死にたい",
    "しにたい",
    "死んでしまいたい",
    "消えたい",
    "消えてしまいたい",
    "いなくなりたい",
    "自殺",
    "自死",
    "生きていたくない",
    "生きているのがつらい",
    "生きるのがつらい",
    "生きる意味がない",
    "命を絶",
    "首を吊",
    "飛び降り",
    "自傷",
    "リストカット",
    "リスカ",
    "楽になりたい",
    # English
    "suicide",
    "suicidal",
    "kill myself",
    "killing myself",
    "end my life",
    "end it all",
    "want to die",
    "wanna die",
    "wish i was dead",
    "wish i were dead",
    "better off dead",
    "better off without me",
    "no reason to live",
    "don't want to be alive",
    "don't want to live",
    "self-harm",
    "self harm",
    "hurt myself",
    "hurting myself",
    "cut myself",
    "cutting myself",
)

DEFAULT_CRISIS = CrisisConfig(resources=DEFAULT_RESOURCES, words=DEFAULT_WORDS)


# Katakana (after NFKC has widened half-width kana) to hiragana: シニタイ and ｼﾆﾀｲ read as しにたい.
_TO_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}


def _normalize(text: str) -> str:
    """Fold what does not change the meaning: width (NFKC), case, katakana, apostrophes, and every
    space, line break, punctuation mark and invisible character, so "kill my  self", "死に\nたい"
    and words with zero-width characters inside them still match."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_TO_HIRAGANA)
    folded = folded.replace("’", "'").replace("‘", "'")
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in _KEPT or ch == "'")


# Letters, marks and numbers; not spaces (Z), punctuation (P), symbols (S) or format characters (Cf).
_KEPT = frozenset("LMN")


def suggests_danger(text: str, words: tuple[str, ...]) -> bool:
    """True when the text contains any of the words (case-, width- and apostrophe-insensitive)."""
    haystack = _normalize(text)
    return any(_normalize(word) in haystack for word in words if word.strip())


# Time zones that say a reader is in Japan, whatever language their Slack is in.
_JAPAN_ZONES = frozenset({"Asia/Tokyo", "Japan"})


def region_of(locale: str, zone: str | None = None) -> str | None:
    """The reader's likely region: where their time zone is, when it says (a Japanese speaker in New
    York cannot call a Japanese free-dial number); else by language."""
    if zone in _JAPAN_ZONES:
        return "JP"
    if zone and zone.startswith(("America/", "US/", "Pacific/Honolulu")):
        return "US"
    if zone and "/" in zone and not zone.startswith("Etc/") and zone != "UTC":
        return None  # elsewhere: no region's own lines first, the lines for anywhere lead
    return {"ja": "JP", "en": "US"}.get(locale)


def ordered_for(locale: str, resources: tuple[Resource, ...], *, zone: str | None = None) -> list[Resource]:
    """The best 24-hour line for the reader's region first, then the rest of their region, then lines
    for anywhere, then other regions' (24-hour lines first within each; otherwise as configured)."""
    region = region_of(locale, zone)

    def key(item: tuple[int, Resource]) -> tuple[int, bool, int]:
        index, resource = item
        group = 0 if resource.region == region else 1 if resource.region is None else 2
        return (group, not resource.open_24h, index)

    ranked = [resource for _, resource in sorted(enumerate(resources), key=key)]
    best = next((r for r in ranked if r.open_24h), None)  # a region without one borrows the next
    return ranked if best is None else [best, *(r for r in ranked if r is not best)]


def load_crisis_config(raw: str) -> CrisisConfig:
    """CRISIS_RESOURCES: a path to a YAML or JSON file, or the same document inline.

    The document is a list of resources, or a mapping with `resources` and optional `words`
    (added to the built-in list). Raises ValueError saying what is wrong.
    """
    text = raw.strip()
    if not text.startswith(("[", "{")):
        path = Path(text).expanduser()
        if not path.is_file():
            raise ValueError(f"no file at {text!r}; give a path to a YAML or JSON file, or the list inline")
        text = path.read_text(encoding="utf-8")
    try:
        document = yaml.safe_load(text)  # YAML is a superset of JSON: either works
    except yaml.YAMLError as exc:
        raise ValueError(f"it is neither valid YAML nor JSON ({type(exc).__name__})") from exc
    return _config_of(document)


def _config_of(document: Any) -> CrisisConfig:
    if isinstance(document, list):
        document = {"resources": document}
    if not isinstance(document, dict):
        raise ValueError("expected a list of resources, or a mapping with 'resources' (and optional 'words')")
    resources = tuple(_resource(i, r) for i, r in enumerate(document.get("resources") or []))
    if not resources:
        raise ValueError("list at least one resource (name, contact, hours)")
    if not any(r.open_24h for r in resources):
        raise ValueError("include at least one line open 24 hours (set open_24h: true on it)")
    extra = document.get("words") or []
    if not isinstance(extra, list) or not all(isinstance(w, str) for w in extra):
        raise ValueError("'words' must be a list of words or phrases")
    return CrisisConfig(resources=resources, words=DEFAULT_WORDS + tuple(w for w in extra if w.strip()))


def _resource(index: int, data: Any) -> Resource:
    if not isinstance(data, dict):
        raise ValueError(f"resource {index + 1} must be a mapping with name, contact and hours")
    missing = [k for k in ("name", "contact", "hours") if not data.get(k)]
    if missing:
        raise ValueError(f"resource {index + 1} is missing {', '.join(missing)}")
    region = data.get("region")
    return Resource(
        name=_text(index, "name", data["name"]),
        contact=_text(index, "contact", data["contact"]),
        hours=_text(index, "hours", data["hours"]),
        open_24h=_flag(index, data.get("open_24h", False)),
        region=str(region).strip().upper() if region else None,
    )


def _flag(index: int, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"resource {index + 1}: open_24h must be true or false (without quotes)")
    return value


def _text(index: int, field: str, value: Any) -> Text:
    """One text for everyone, or a mapping of language to text (`{ja: …, en: …}`)."""
    if not isinstance(value, dict):
        if not str(value).strip():
            raise ValueError(f"resource {index + 1} is missing {field}")
        return Text.plain(str(value).strip())
    texts = tuple((str(k).strip().lower(), str(v).strip()) for k, v in value.items() if str(v or "").strip())
    if not texts:
        raise ValueError(f"resource {index + 1}: give {field} as text, or as languages such as ja: and en:")
    return Text(texts)
