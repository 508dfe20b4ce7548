"""The composition root: builds every part from the settings. Nothing is built at import time."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from slack_bolt import App
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine

from bot.availability import Availability
from bot.care.checkins.runner import CheckinRunner
from bot.care.housekeeping import DigestPlanner, Housekeeping
from bot.care.model import CareKind
from bot.care.peer_hooks import PeerHooks
from bot.care.policies import care_policies
from bot.clock import Clock, SystemClock
from bot.dispatcher import Dispatcher
from bot.escalations import chain
from bot.escalations.notices import SendKind
from bot.escalations.policies import escalation_policies
from bot.escalations.timers import TimerPolicy, TimerRunner
from bot.gate import AcksFirst
from bot.intake import Intake
from bot.outbox import KindPolicy, RetryPolicy, forget_payload
from bot.peer import retention as peer_retention
from bot.peer.anon import Anon
from bot.peer.housekeeping import tidy
from bot.peer.policies import peer_policies
from bot.people import People
from bot.scheduler import add_periodic, build_scheduler
from bot.settings import Settings
from handlers import register_all
from handlers.care.delivery import CareSender, SlackDnd
from handlers.care.digest import DigestSender
from handlers.care.export import ExportSender
from handlers.delivery.pacing import Throttle
from handlers.delivery.sender import SlackSender
from handlers.delivery.slack import SlackUserLookup, delivery_client, lookup_client
from handlers.edge import LATER_KIND, Deps, run_later
from handlers.home.delivery import HomePublisher
from handlers.vent.delivery import PeerSender
from handlers.vent.kit import build_kit
from storage.db import (
    SessionFactory,
    make_engine,
    make_read_factory,
    make_session_factory,
    pause_statements,
)
from storage.erasure import flush_erased
from storage.spool import Spool

log = logging.getLogger(__name__)

# Handlers ack after a memory check and a durable write; sending happens in the outbox's own threads.
LISTENER_THREADS = 32
PEER_HOUSEKEEPING_EVERY = timedelta(minutes=1)

Periodic = tuple[str, Callable[[], object], timedelta]
# Retention purges and digest planning; both are idempotent, so an hour late or twice is harmless.
HOUSEKEEPING_EVERY = timedelta(hours=1)


class ListenerExecutor(ThreadPoolExecutor):
    """A thread pool counting work in flight, so shutdown (and tests) can wait for quiet."""

    def __init__(self, max_workers: int, name: str = "listener") -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix=name)
        self._busy = 0
        self._lock = threading.Lock()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._lock:
            self._busy += 1
        future = super().submit(fn, *args, **kwargs)
        future.add_done_callback(self._done)
        return future

    def _done(self, _future: Future[Any]) -> None:
        with self._lock:
            self._busy -= 1

    @property
    def idle(self) -> bool:
        with self._lock:
            return self._busy == 0


@dataclass
class Itabasami:
    """Everything `python -m bot` runs, and what tests drive."""

    settings: Settings
    bolt: App
    deps: Deps
    dispatcher: Dispatcher
    sender: SlackSender
    scheduler: BackgroundScheduler
    engine: Engine | None
    listeners: ListenerExecutor
    intake: Intake
    housekeeping: Housekeeping
    # Housekeeping the scheduler runs besides the outbox tick: (job id, function, interval).
    periodic: list[Periodic] = field(default_factory=list)
    cleanups: list[Callable[[], object]] = field(default_factory=list)
    _started: bool = field(default=False, repr=False)

    def start_background(self) -> None:
        """Start the scheduler (outbox tick and housekeeping) and send whatever is already due."""
        if self._started:
            return
        self._started = True
        if _dialect(self.deps.sessions) == "sqlite":
            self.dispatcher.recover()  # one process per SQLite file: what it left in `sending` is ours
        self.intake.start()
        # The tick only asks for a pass: it never waits on one, so a slow database cannot wedge it.
        add_periodic(self.scheduler, "dispatch", self.dispatcher.kick, self.settings.scheduler_tick)
        for job_id, fn, every in self.periodic:
            add_periodic(self.scheduler, job_id, fn, every)
        self.scheduler.start()

    def run_periodic(self) -> None:
        """Run every housekeeping job once, now (what the scheduler does on its own intervals)."""
        for _job_id, fn, _every in self.periodic:
            fn()

    def stop(self) -> None:
        if self._started:
            self.scheduler.shutdown(wait=True)
            self._started = False
        self.listeners.shutdown(wait=True)
        self.intake.stop()
        self.dispatcher.close()
        while self.cleanups:
            self.cleanups.pop()()
        if self.engine is not None:
            self.engine.dispose()

    def seed_chain(self) -> int:
        """Load ESCALATION_CHAIN_FILE (if set) without overwriting links admins set in Slack."""
        if self.settings.escalation_chain_file is None:
            return 0
        links = chain.load_file(self.settings.escalation_chain_file)
        with self.deps.sessions.begin() as session:
            return chain.seed_from_file(session, clock=self.deps.clock, links=links)

    def token_problem(self) -> str | None:
        """Ask Slack whether SLACK_BOT_TOKEN works; a plain sentence when Slack refuses it, else None.

        Slack being unreachable is not a reason to stop: the outbox keeps everything until it answers."""
        try:
            self.bolt.client.auth_test()
        except SlackApiError as exc:
            error = str(exc.response.get("error"))
            if error in TOKEN_REFUSED:
                return (
                    f"Slack refused SLACK_BOT_TOKEN ({error}). Copy the Bot User OAuth Token (xoxb-…) from "
                    "your app's OAuth & Permissions page, and reinstall the app if it was removed."
                )
            log.warning("auth.test failed error=%s; starting anyway", error)
        except OSError as exc:
            log.warning("Slack is not reachable error=%s; starting anyway", type(exc).__name__)
        return None

    def join_escalation_channel(self) -> None:
        """Join ESCALATION_CHANNEL if it is public; a private one needs an invitation (admins are told)."""
        try:
            self.bolt.client.conversations_join(channel=self.settings.escalation_channel)
        except SlackApiError as exc:
            log.warning("could not join escalation channel error=%s", exc.response.get("error"))
        except OSError as exc:
            log.warning("could not join escalation channel error=%s", type(exc).__name__)


# auth.test errors that mean the token itself is wrong or dead (not a passing outage).
TOKEN_REFUSED = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "not_allowed_token_type",
    }
)


def create_app(
    settings: Settings,
    *,
    client: WebClient | None = None,
    session_factory: SessionFactory | None = None,
    clock: Clock | None = None,
    listener_threads: int = LISTENER_THREADS,
    sender_threads: int | None = None,
    send_timeout: int = 15,
    peer_hooks: PeerHooks | None = None,
    retry: RetryPolicy | None = None,
    throttle: Throttle | None = None,
) -> Itabasami:
    """Build the Bolt app, the outbox dispatcher and the scheduler (nothing is started)."""
    clock = clock or SystemClock()
    engine = None
    if session_factory is None:
        engine = make_engine(settings.database_url)
        session_factory = make_session_factory(engine)
    reads = make_read_factory(session_factory.kw["bind"])
    base_url = settings.slack_api_base_url
    client = client or WebClient(token=settings.slack_bot_token, base_url=base_url or WebClient.BASE_URL)
    people = People(
        lookup=SlackUserLookup(lookup_client(settings.slack_bot_token, base_url)),
        session_factory=session_factory,
        read_factory=reads,
        clock=clock,
        default_locale=settings.default_locale,
        default_timezone=settings.default_timezone,
    )
    retry = retry or RetryPolicy()
    gate = AcksFirst()
    unpause = pause_statements(session_factory.kw["bind"], gate.pause)
    sender = SlackSender(
        client=delivery_client(
            settings.slack_bot_token,
            base_url,
            timeout=send_timeout,
            throttle=throttle or Throttle(spacing=settings.channel_post_interval.total_seconds()),
        ),
        sessions=session_factory,
        reads=reads,
        people=people,
        settings=settings,
        clock=clock,
        retry=retry,
    )
    dispatcher = Dispatcher(
        session_factory=session_factory,
        sender=sender,
        clock=clock,
        policies=escalation_policies(clock)
        # A request's body holds what a person wrote or pressed: dropped once handled, or given up on.
        | {
            LATER_KIND: KindPolicy(
                max_attempts=3,
                on_sent=forget_payload,
                on_failed=forget_payload,
            )
        }
        | (peer_policies(clock) if settings.peer_enabled else {})
        | care_policies(clock),
        retry=retry,
        workers=sender_threads or settings.send_threads,
        skip_locked=_dialect(session_factory) == "postgresql",
        pause=gate.pause,
        background=frozenset({CareKind.HOME, CareKind.PLAN}),
    )
    listeners = ListenerExecutor(listener_threads)
    intake = Intake(
        sessions=session_factory,
        clock=clock,
        spool=Spool(settings.spool_path),
        on_stored=dispatcher.kick,
        gate=gate,
    )
    anon = Anon(settings.anon_secret) if settings.anon_secret else None
    peer = build_kit(client, settings, anon) if settings.peer_enabled and anon is not None else None
    availability = Availability(
        people=people, sessions=reads, calendar=settings.calendar, week=settings.work_week
    )
    policy = TimerPolicy(
        ack_timeouts=settings.ack_timeouts,
        nudges_before_escalating=settings.nudges_before_escalating,
        reminder_before=settings.reminder_before,
    )
    deps = Deps(
        settings=settings,
        sessions=session_factory,
        reads=reads,
        clock=clock,
        people=people,
        availability=availability,
        policy=policy,
        intake=intake,
        jobs=dispatcher,
        handlers=listeners,
        anon=anon,
        peer=peer,
        gate=gate,
    )
    sender.add_kind(LATER_KIND, functools.partial(run_later, deps, client))
    timer_runner = TimerRunner(
        sessions=session_factory, reads=reads, clock=clock, availability=availability, policy=policy
    )
    sender.add_kind(SendKind.TIMER, timer_runner.fire)
    hooks = peer_hooks or _peer_hooks(settings, clock)
    planner = DigestPlanner(
        sessions=session_factory, reads=reads, clock=clock, availability=availability, settings=settings
    )
    _add_care_kinds(sender, deps, hooks, planner)
    housekeeping_jobs = Housekeeping(
        sessions=session_factory, clock=clock, settings=settings, planner=planner, hooks=hooks
    )
    periodic: list[Periodic] = []
    if peer is not None:
        PeerSender(
            client=sender.client,
            sessions=session_factory,
            people=people,
            settings=settings,
            retry=retry,
            kit=peer,
        ).install(sender)
        housekeeping = functools.partial(_peer_housekeeping, deps, dispatcher, peer.anon)
        periodic.append(("peer", housekeeping, PEER_HOUSEKEEPING_EVERY))
    periodic.append(("housekeeping", housekeeping_jobs.run_once, HOUSEKEEPING_EVERY))
    bolt = App(
        signing_secret=settings.slack_signing_secret,
        client=client,
        token_verification_enabled=False,
        # Slack's answer goes out when the listener returns, and ours return the moment their handler
        # acks (handlers.edge): no 10 ms polling for the ack, and no second thread per request.
        process_before_response=True,
        listener_executor=listeners,
        logger=_bolt_logger(),
    )
    register_all(bolt, deps)
    bolt.error(_log_unhandled)
    return Itabasami(
        settings=settings,
        bolt=bolt,
        deps=deps,
        dispatcher=dispatcher,
        sender=sender,
        scheduler=build_scheduler(),
        engine=engine,
        listeners=listeners,
        intake=intake,
        periodic=periodic,
        cleanups=[unpause],
        housekeeping=housekeeping_jobs,
    )


def _add_care_kinds(sender: SlackSender, deps: Deps, hooks: PeerHooks, planner: DigestPlanner) -> None:
    """Check-ins (planned and fired in the domain, asking Slack about Do Not Disturb), care messages."""
    runner = CheckinRunner(
        sessions=deps.sessions,
        reads=deps.reads,
        clock=deps.clock,
        availability=deps.availability,
        plan=deps.settings.checkin_plan,
        dnd=SlackDnd(sender.client),
    )
    care = CareSender(
        client=sender.client,
        reads=deps.reads,
        people=deps.people,
        settings=deps.settings,
        clock=deps.clock,
        retry=sender.retry,
    )
    sender.add_kind(CareKind.PLAN, runner.expand)
    sender.add_kind(CareKind.CHECKIN, runner.fire)
    sender.add_kind(CareKind.DM, care.dm)
    sender.add_kind(CareKind.THREAD, care.thread)
    sender.add_kind(CareKind.CONNECT, care.connect)
    sender.add_kind(CareKind.HOME, home_publisher(sender, deps).publish)
    exports = ExportSender(
        client=sender.client,
        reads=deps.reads,
        people=deps.people,
        settings=deps.settings,
        clock=deps.clock,
        retry=sender.retry,
    )
    sender.add_kind(CareKind.EXPORT, exports.deliver)
    digests = DigestSender(
        client=sender.client,
        reads=deps.reads,
        people=deps.people,
        availability=deps.availability,
        clock=deps.clock,
        retry=sender.retry,
        hooks=hooks,
        plan_next=planner.plan_for,
    )
    sender.add_kind(CareKind.DIGEST, digests.send)


def home_publisher(sender: SlackSender, deps: Deps) -> HomePublisher:
    return HomePublisher(
        client=sender.client,
        reads=deps.reads,
        people=deps.people,
        availability=deps.availability,
        settings=deps.settings,
        clock=deps.clock,
        retry=sender.retry,
    )


def _peer_housekeeping(deps: Deps, dispatcher: Dispatcher, anon: Anon) -> None:
    """Forget spent tokens and expired relay links; start the weekly encouragement thread when due."""
    with deps.sessions.begin() as session:
        done = tidy(session, clock=deps.clock, anon=anon, settings=deps.settings)
    bind = deps.sessions.kw.get("bind")
    if isinstance(bind, Engine):
        flush_erased(bind)
    if done.weekly is not None:
        dispatcher.kick()


class _SkipClientChosen(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment too, and warns on every start that the client we
    pass (which carries that token) wins: true, expected, and only noise in the logs."""

    message = warning_client_prioritized_and_token_skipped()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg != self.message


_SKIP_CLIENT_CHOSEN = _SkipClientChosen()


def _bolt_logger() -> logging.Logger:
    logger = logging.getLogger("slack_bolt.App")
    logger.addFilter(_SKIP_CLIENT_CHOSEN)  # once: a logger keeps one of each filter
    return logger


def _log_unhandled(error: Exception, body: dict[str, Any]) -> None:
    # Listeners have their own boundary (handlers.edge); this catches failures in Bolt's middleware.
    log.error("unhandled error type=%s request=%s", type(error).__name__, body.get("type", "?"))


def _dialect(session_factory: SessionFactory) -> str:
    bind = session_factory.kw.get("bind")
    return str(bind.dialect.name) if bind is not None else "sqlite"


def _peer_hooks(settings: Settings, clock: Clock) -> PeerHooks:
    """Peer support's purge and weekly totals for the care features; nothing when it is off."""
    if not settings.peer_enabled:
        return PeerHooks()
    return PeerHooks(
        purge_before=functools.partial(peer_retention.purge_vents_before, clock=clock),
        week_totals=peer_retention.peer_week_totals,
    )
