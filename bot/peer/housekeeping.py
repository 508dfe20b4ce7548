"""Periodic peer-support work: forget spent tokens and old relay links, start the weekly thread."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.peer import limits, relay
from bot.peer.anon import Anon
from bot.peer.threads import post_weekly_if_due
from bot.settings import Settings


@dataclass(frozen=True)
class Tidied:
    tokens: int
    relays: int
    weekly: str | None


def tidy(session: Session, *, clock: Clock, anon: Anon, settings: Settings) -> Tidied:
    tokens = limits.prune(session, now=clock.now())
    relays = relay.expire(session, clock=clock)
    weekly = None
    if settings.encouragement_schedule is not None:
        weekly = post_weekly_if_due(
            session, clock=clock, anon=anon, schedule=settings.encouragement_schedule, tz=settings.tz
        )
    return Tidied(tokens=tokens, relays=relays, weekly=weekly)
