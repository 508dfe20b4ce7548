"""The worker process: runs the job queue (sending, and the work that follows each ack) and the scheduler.

`python -m bot` starts one beside the web (or Socket Mode) process. The web process only acks and
hands each request's remaining work over a local socket, one datagram per job, written straight
from the thread that acked (no helper thread to wake). The worker stores the jobs and runs them at
a lower CPU priority, so the process Slack is timing stays as light as a bare Bolt app. The
scheduler's tick catches anything the socket did not bring (other replicas' jobs, retries,
reminders).

Between the ack and the worker's commit (at most a few tens of milliseconds) a crash can lose a
request; the person then gets no "saved" confirmation and can repeat it. Everything after that
commit survives restarts.
"""

from __future__ import annotations

import collections
import enum
import json
import logging
import math
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any

from bot.app import create_app
from bot.logs import configure_logging
from bot.outbox import LocalJobs
from bot.settings import Settings

log = logging.getLogger(__name__)
RESTART_PAUSE = 2.0
WORKER_NICENESS = 19
BURST = 200
# What arrives within GATHER seconds of a request is stored with it in one transaction: a rush of
# requests costs the database a few commits rather than one each.
GATHER = 0.02
# While requests keep arriving, the worker stores each burst at once but holds back running the work
# until the web process has been quiet for QUIET seconds (at most MAX_HOLD; after a hold that long it
# runs for at least MAX_HOLD before holding again, so a steady stream of requests cannot starve the
# queue): the acks Slack is timing get the CPUs during a rush, and the cards follow a moment later.
QUIET = 0.05
MAX_HOLD = 1.0
MAX_DATAGRAM = 4 * 1024 * 1024  # a request body is far smaller; Slack caps what a person can send
KICK = {"kick": True}


def main() -> None:
    """`python -m bot.worker FD`: started by `Worker`, reading jobs from the socket FD."""
    inbox = socket.socket(fileno=int(sys.argv[1]))
    os.nice(WORKER_NICENESS)  # background work yields the CPU to the process that answers Slack
    settings = Settings.from_env(os.environ)
    configure_logging(settings.log_level)
    bot = create_app(settings)
    bot.start_background()
    jobs = LocalJobs(session_factory=bot.deps.sessions, clock=bot.deps.clock, dispatcher=bot.dispatcher)
    log.info("worker started pid=%d", os.getpid())
    rush = RushHold()
    try:
        while True:
            burst = _drain(inbox, rush.wait(time.monotonic()))
            if burst is None:
                break  # the web process closed its end: stop
            submitted = [job for job in burst if job != KICK]
            if submitted:
                jobs.submit_many(submitted, kick=False)
            step = rush.step(time.monotonic(), arrived=bool(burst))
            if step is Step.HOLD:
                bot.dispatcher.hold()
            elif step is Step.RELEASE:
                bot.dispatcher.release()
            elif step is Step.RUN:
                jobs.kick()
    except KeyboardInterrupt:
        pass
    finally:
        bot.dispatcher.release()
        bot.stop()


class Step(enum.Enum):
    NOTHING = "nothing"
    HOLD = "hold"  # requests are arriving: claim nothing new
    RELEASE = "release"  # quiet again, or held long enough: run everything stored
    RUN = "run"  # requests still arriving right after a long hold: run them as they come


@dataclass
class RushHold:
    """When the worker holds back running jobs (see QUIET and MAX_HOLD). Times are monotonic seconds."""

    quiet: float = QUIET
    max_hold: float = MAX_HOLD
    held_since: float | None = None
    released_at: float = -math.inf

    def wait(self, now: float) -> float | None:
        """How long to wait for the next request before calling it quiet (None: no hold, no limit)."""
        if self.held_since is None:
            return None
        return max(0.0, min(self.quiet, self.held_since + self.max_hold - now))

    def step(self, now: float, *, arrived: bool) -> Step:
        """What to do after a wait that brought requests (`arrived`) or ran out."""
        if self.held_since is None:
            if not arrived:
                return Step.NOTHING
            if now - self.released_at < self.max_hold:
                return Step.RUN
            self.held_since = now
            return Step.HOLD
        if arrived and now - self.held_since < self.max_hold:
            return Step.NOTHING
        # Only a hold cut short by its limit earns the queue a run before the next: after a rush that
        # simply ended, the next rush is held again from its start.
        self.released_at = now if arrived else -math.inf
        self.held_since = None
        return Step.RELEASE


def _drain(inbox: socket.socket, wait: float | None) -> list[dict[str, Any]] | None:
    """Wait (at most `wait` seconds; None: as long as it takes) for one datagram, then gather whatever
    else arrives within GATHER seconds, to store it all in one transaction. [] when nothing came in
    time, None once closed."""
    inbox.settimeout(wait)  # 0: just look (the socket turns non-blocking)
    try:
        first = inbox.recv(MAX_DATAGRAM)
    except (TimeoutError, BlockingIOError):
        return []
    if not first:
        return None
    burst = [json.loads(first)]
    time.sleep(GATHER)  # one wake-up for the lot, not one per request
    inbox.setblocking(False)
    while len(burst) < BURST:
        try:
            data = inbox.recv(MAX_DATAGRAM)
        except BlockingIOError:
            break
        if not data:
            break
        burst.append(json.loads(data))
    return burst


class Worker:
    """The web process's handle on the worker: hands it jobs, and restarts it if it dies."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._process: subprocess.Popen[bytes] | None = None
        self._sock: socket.socket | None = None
        self._backlog: collections.deque[bytes] = collections.deque()

    def start(self) -> None:
        self._spawn()
        threading.Thread(target=self._watch, name="worker-watch", daemon=True).start()

    def submit(self, *, key: str, kind: str, target: str | None, payload: dict[str, Any]) -> None:
        self._send({"key": key, "kind": kind, "target": target, "payload": payload})

    def kick(self) -> None:
        self._send(KICK)

    def stop(self, timeout: float = 15.0) -> None:
        self._stopping.set()
        self._flush()
        with self._lock:
            sock, process = self._sock, self._process
        if sock is not None:
            sock.close()  # after everything handed over so far: the worker stores it, then stops
        if process is not None:
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.terminate()

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps(message, separators=(",", ":")).encode()
        with self._lock:
            if self._backlog or not self._try_send(data):
                self._backlog.append(data)  # the worker is behind; the watcher flushes this soon

    def _try_send(self, data: bytes) -> bool:
        if self._sock is None:
            return False
        try:
            self._sock.send(data)
        except (BlockingIOError, ConnectionError, OSError):
            return False
        return True

    def _flush(self) -> None:
        with self._lock:
            while self._backlog and self._try_send(self._backlog[0]):
                self._backlog.popleft()

    def _spawn(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        ours.setblocking(False)
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "bot.worker", str(theirs.fileno())], pass_fds=[theirs.fileno()]
        )
        theirs.close()
        with self._lock:
            old, self._sock, self._process = self._sock, ours, process
        if old is not None:
            old.close()

    def _watch(self) -> None:
        while not self._stopping.is_set():
            time.sleep(0.05)
            self._flush()
            process = self._process
            if process is not None and process.poll() is not None and not self._stopping.is_set():
                log.error("worker exited code=%s; starting a new one", process.returncode)
                time.sleep(RESTART_PAUSE)
                self._spawn()


if __name__ == "__main__":
    main()
