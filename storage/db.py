"""Engine and session factory. Built by whoever holds the database URL; nothing here runs at import."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

SessionFactory = sessionmaker[Session]


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine tuned for a small threaded service on SQLite or PostgreSQL."""
    # hide_parameters: values people typed or IDs never reach logs or exception messages.
    if is_sqlite(url):
        _ensure_sqlite_folder(url)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True
        )
        _make_sqlite_transactions_immediate(engine)
        return engine
    # A server that went away must not hang a thread: connecting gives up after 2 s, and a connection
    # whose server stopped answering is found dead within seconds (keepalives, TCP user timeout), so
    # the pool replaces it instead of waiting minutes for the kernel to notice.
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        pool_timeout=10,
        hide_parameters=True,
        connect_args=PG_CONNECT_ARGS,
    )


PG_CONNECT_ARGS = {
    "connect_timeout": 2,
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
    "tcp_user_timeout": 10000,
}


def pause_statements(engine: Engine, pause: Callable[[], None]) -> Callable[[], None]:
    """Call `pause` before every statement, except inside an SQLite write (which holds the one
    writer slot others wait for); returns what undoes it."""

    def before(conn: Any, *_args: Any) -> None:
        if not conn.info.get("holds_writer"):
            pause()

    event.listen(engine, "before_cursor_execute", before)
    return lambda: event.remove(engine, "before_cursor_execute", before)


def make_session_factory(engine: Engine) -> SessionFactory:
    """Sessions that may write. On SQLite each transaction takes the write lock when it begins."""
    return sessionmaker(engine, expire_on_commit=False)


def make_read_factory(engine: Engine) -> SessionFactory:
    """Sessions that only read. On SQLite they never wait for (or hold) the write lock, so a slow
    read, or a network call made while one is open, cannot stall writers."""
    return sessionmaker(engine.execution_options(read_only=True), expire_on_commit=False)


def ping(engine: Engine) -> bool:
    """True when the database answers a trivial query."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:
        return False
    return True


def _ensure_sqlite_folder(url: str) -> None:
    path = url.split(":///", 1)[-1]
    if path and path != ":memory:" and not path.startswith("file:"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)


class WriterLock:
    """One writer at a time, in arrival order, except that a writer marked `first` (the intake, whose
    commit a person's ack waits on) goes before every writer still waiting. Reentrant per thread."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._owner: int | None = None
        self._depth = 0
        self._first_waiting = 0

    def acquire(self, *, first: bool = False) -> None:
        me = threading.get_ident()
        with self._cond:
            if self._owner == me:
                self._depth += 1
                return
            if first:
                self._first_waiting += 1
            try:
                while self._owner is not None or (not first and self._first_waiting):
                    self._cond.wait()
            finally:
                if first:
                    self._first_waiting -= 1
            self._owner, self._depth = me, 1

    def release(self) -> None:
        with self._cond:
            self._depth -= 1
            if self._depth == 0:
                self._owner = None
                self._cond.notify_all()


def _make_sqlite_transactions_immediate(engine: Engine) -> None:
    # pysqlite starts transactions lazily and upgrades read locks to write locks mid-transaction,
    # which fails with "database is locked" under threads no matter the timeout. Taking the write
    # lock at BEGIN makes concurrent writers queue politely instead.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA secure_delete=ON")  # erased words are zeroed, not left in free pages
        cursor.close()

    # Writers of this process queue on a lock of ours before BEGIN IMMEDIATE: SQLite's own busy
    # handler polls with sleeps growing to 100 ms, so a request waiting behind a background write
    # would sleep long after the lock was free; here it gets it the moment the writer commits.
    # (busy_timeout still covers other processes, such as a migration run by hand.)
    writer = WriterLock()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("read_only"):
            conn.exec_driver_sql("BEGIN")
            return
        writer.acquire(first=bool(conn.get_execution_options().get("first_in_line")))
        conn.info["holds_writer"] = True
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _release(conn)
            raise

    def _release(conn: Any) -> None:
        if conn.info.pop("holds_writer", False):
            writer.release()

    event.listen(engine, "commit", _release)
    event.listen(engine, "rollback", _release)
