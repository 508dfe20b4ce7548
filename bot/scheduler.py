"""APScheduler wiring: the outbox tick and periodic housekeeping, with misfire behaviour set on purpose.

APScheduler only ticks; the work itself lives in our own tables, claimed atomically, so two
replicas each running this scheduler never send the same row twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

log = logging.getLogger(__name__)


def build_scheduler() -> BackgroundScheduler:
    return BackgroundScheduler(
        timezone=UTC,
        # A tick missed while the process was busy or down should run once when it can, not be skipped
        # (the default grace of 1 s skips silently) and not run several times in a row.
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )


def add_periodic(
    scheduler: BackgroundScheduler,
    job_id: str,
    fn: Callable[[], object],
    every: timedelta,
    *,
    start_now: bool = True,
) -> None:
    def run() -> None:
        try:
            fn()
        except Exception:
            log.exception("periodic job failed job=%s; it runs again next time", job_id)

    scheduler.add_job(
        run,
        "interval",
        seconds=every.total_seconds(),
        id=job_id,
        replace_existing=True,
        next_run_time=datetime.now(UTC) if start_now else None,
    )
