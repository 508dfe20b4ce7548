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


@dataclass(frozen=True)
class Resource:
    name: str
    contact: str
    hours: str
    open_24h: bool = False
    region: str | None = None  # "JP", "US", …: shown first to people whose language matches


@dataclass(frozen=True)
class CrisisConfig:
    resources: tuple[Resource, ...]
    words: tuple[str, ...]


# Defaults for Japan and the US. Admins must check them (numbers and hours change): see README.md.
DEFAULT_RESOURCES = (
    Resource(
        name="よりそいホットライン (Yorisoi Hotline)",
        contact="0120-279-338 (free; from Iwate, Miyagi, Fukushima: 0120-279-226)",
        hours="24 hours, every day / 24時間・年中無休",
        open_24h=True,
        region="JP",
    ),
    Resource(
        name="988 Suicide & Crisis Lifeline",
        contact="Call or text 988, or chat at https://988lifeline.org",
        hours="24/7",
        open_24h=True,
        region="US",
    ),
    Resource(
        name="Crisis Text Line",
        contact="Text HOME to 741741",
        hours="24/7",
        open_24h=True,
        region="US",
    ),
    Resource(
        name="いのちの電話 (Inochi no Denwa, free line)",
        contact="0120-783-556",
        hours="16:00–21:00 every day; 24 hours on the 10th of each month / 毎日16時〜21時、毎月10日は24時間",
        region="JP",
    ),
    Resource(
        name="Emergency / 緊急",
        contact="Japan: 119 (ambulance), 110 (police) · US: 911",
        hours="24/7",
        open_24h=True,
    ),
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


def _normalize(text: str) -> str:
    # NFKC folds full-width letters and half-width kana; apostrophes vary between keyboards.
    folded = unicodedata.normalize("NFKC", text).casefold()
    return folded.replace("’", "'").replace("‘", "'")


def suggests_danger(text: str, words: tuple[str, ...]) -> bool:
    """True when the text contains any of the words (case-, width- and apostrophe-insensitive)."""
    haystack = _normalize(text)
    return any(_normalize(word) in haystack for word in words if word.strip())


def ordered_for(locale: str, resources: tuple[Resource, ...]) -> list[Resource]:
    """24-hour lines first; among equals, the reader's likely region first; otherwise as configured."""
    preferred = {"ja": "JP", "en": "US"}.get(locale)

    def key(item: tuple[int, Resource]) -> tuple[bool, bool, int]:
        index, resource = item
        return (not resource.open_24h, resource.region not in (None, preferred), index)

    return [resource for _, resource in sorted(enumerate(resources), key=key)]


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
    missing = [k for k in ("name", "contact", "hours") if not str(data.get(k) or "").strip()]
    if missing:
        raise ValueError(f"resource {index + 1} is missing {', '.join(missing)}")
    region = data.get("region")
    return Resource(
        name=str(data["name"]).strip(),
        contact=str(data["contact"]).strip(),
        hours=str(data["hours"]).strip(),
        open_24h=bool(data.get("open_24h", False)),
        region=str(region).strip().upper() if region else None,
    )
