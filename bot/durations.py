"""Durations written the way people write them in configuration: 30s, 15m, 2h, 1d."""

from __future__ import annotations

import re
from datetime import timedelta

_PART = re.compile(r"(\d+)\s*([smhd])")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_duration(raw: str) -> timedelta:
    """'1h30m' → 90 minutes. Raises ValueError on anything else."""
    text = raw.strip().lower().replace(" ", "")
    if not text or _PART.sub("", text):
        raise ValueError(f"expected a duration such as 30s, 15m, 2h or 1d, got {raw!r}")
    total = timedelta()
    for amount, unit in _PART.findall(text):
        total += timedelta(**{_UNITS[unit]: int(amount)})
    if total <= timedelta(0):
        raise ValueError(f"expected a duration above zero, got {raw!r}")
    return total


def format_duration(value: timedelta) -> str:
    """The shortest exact form: 90 minutes → '1h30m'."""
    seconds = int(value.total_seconds())
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(parts) or "0s"
