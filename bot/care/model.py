"""Plain values for care: the kinds of jobs it queues, what its messages are, moods and support kinds."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum


class CareKind(StrEnum):
    PLAN = "care.plan"  # not a send: expand CHECKIN_PLAN for an escalation raised or resolved
    CHECKIN = "care.checkin"  # not a send: a check-in (or its one reminder) comes due
    DM = "care.dm"  # a care message to one person, in their language
    THREAD = "care.thread"  # a line in an escalation's thread (meeting offer, thanks, a shared review)
    CONNECT = "care.connect"  # a group DM with who the person asked for (peer supporter, desk)
    DIGEST = "care.digest"  # a manager's weekly digest
    EXPORT = "care.export"  # an escalation's timeline as a file, by DM
    HOME = "home.publish"  # publish one person's App Home


class CareNotice(StrEnum):
    CHECKIN = "checkin"
    CHECKIN_REMINDER = "checkin_reminder"
    REVIEW_INVITE = "review_invite"
    THANK_PROMPT = "thank_prompt"
    THANKS = "thanks"  # the owner's thanks, by DM to the raiser
    REVIEW_FOR_YOU = "review_for_you"  # a review sent to someone its author said needs to know
    EXPORT_FAILED = "export_failed"
    THREAD_MEETING_OFFER = "thread_meeting_offer"
    THREAD_THANKS = "thread_thanks"
    THREAD_REVIEW = "thread_review"


class Mood(IntEnum):
    """The check-in scale, from rough to good. Never stored: only a streak of rough ones is kept."""

    ROUGH = 1
    LOW = 2
    OKAY = 3
    FINE = 4
    GOOD = 5

    @property
    def rough(self) -> bool:
        return self <= Mood.LOW


class SupportKind(StrEnum):
    LISTEN = "listen"  # just listen: later check-ins stay short and suggest nothing
    THINK = "think"  # think it through with me
    HELP = "help"  # help me now: a peer supporter or the consultation desk, if they ask


# Where a check-in comes from: the plan's steps, a meeting, a rough streak, or a snooze.
STEP_MEETING, STEP_ROUGH, STEP_SNOOZE = "meeting", "rough", "snooze"


@dataclass(frozen=True)
class MoodOutcome:
    """What the person's answer changes, for the thank-you that replaces the check-in."""

    rough: bool
    offer_peer: bool  # two rough answers in a row: a peer supporter is offered (and the next comes sooner)
    support_kind: str | None
