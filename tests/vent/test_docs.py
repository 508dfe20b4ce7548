"""The README and .env.example document peer support: every setting, the five promises, the crisis note."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAMES = (
    "PEER_CHANNEL",
    "ANON_SECRET",
    "VENT_RELAY_DAYS",
    "MODERATORS",
    "VENT_RATE_LIMIT",
    "CRISIS_RESOURCES",
    "ENCOURAGEMENT_SCHEDULE",
)


def test_every_peer_setting_is_documented() -> None:
    """Each peer-support setting has a row in the README's configuration table and a line in .env.example."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name in NAMES:
        assert f"| `{name}` |" in readme, name
        assert re.search(rf"^{name}=", example, re.MULTILINE), name


def test_readme_states_the_five_promises_and_the_limits() -> None:
    """The README lists the promise as five numbered lines, the operator caveat and the crisis check."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    promise = readme.split("### The anonymity promise", 1)[1]
    numbered = re.findall(r"^(\d)\. ", promise.split("\n\n", 2)[1], re.MULTILINE)
    assert numbered == ["1", "2", "3", "4", "5"]
    assert "holding both the database and `ANON_SECRET`" in readme
    assert "check these before switching `/vent` on" in readme
