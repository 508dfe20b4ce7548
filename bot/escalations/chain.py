"""The escalation chain: who is above whom. Admins set it in Slack; a YAML file can seed it.

A link set in Slack always wins over one from the file, so restarting with an old file never undoes
what an admin decided.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.errors import InvalidInput
from storage.models import ChainLink

MAX_DEPTH = 20
SLACK, FILE = "slack", "file"


def manager_of(session: Session, user_id: str) -> str | None:
    link = session.get(ChainLink, user_id)
    return link.manager_id if link else None


def chain_above(session: Session, user_id: str) -> list[str]:
    """The people above `user_id`, nearest first (stops at the top, or at a loop a file introduced)."""
    above: list[str] = []
    current = user_id
    while len(above) < MAX_DEPTH:
        manager = manager_of(session, current)
        if manager is None or manager == user_id or manager in above:
            break
        above.append(manager)
        current = manager
    return above


def set_manager(session: Session, *, clock: Clock, user_id: str, manager_id: str, set_by: str) -> None:
    """Make `manager_id` the next person above `user_id`; refuses self-links and loops."""
    if manager_id == user_id:
        raise InvalidInput("error.chain_self")
    if user_id in chain_above(session, manager_id):
        raise InvalidInput("error.chain_loop", user=user_id, manager=manager_id)
    link = session.get(ChainLink, user_id) or ChainLink(user_id=user_id)
    link.manager_id, link.source, link.set_by, link.updated_at = manager_id, SLACK, set_by, clock.now()
    session.add(link)


def remove_manager(session: Session, *, user_id: str) -> bool:
    link = session.get(ChainLink, user_id)
    if link is None:
        return False
    session.delete(link)
    return True


def load_file(path: Path) -> dict[str, str]:
    """Read a YAML mapping of user ID → manager user ID; raises ValueError with what is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ValueError(f"{path} must map user IDs to manager user IDs, e.g. U0123ABCD: U0456EFGH")
    return {k.strip(): v.strip() for k, v in data.items()}


def seed_from_file(session: Session, *, clock: Clock, links: dict[str, str]) -> int:
    """Add or refresh file links, never touching links an admin set in Slack. Returns links written."""
    written = 0
    existing = {link.user_id: link for link in session.scalars(select(ChainLink))}
    for user_id, manager_id in links.items():
        link = existing.get(user_id)
        if link is not None and link.source == SLACK:
            continue
        if user_id == manager_id:
            continue
        if link is None:
            link = ChainLink(user_id=user_id)
            session.add(link)
        if link.manager_id != manager_id:
            link.manager_id, link.source, link.set_by, link.updated_at = manager_id, FILE, None, clock.now()
            written += 1
    return written
