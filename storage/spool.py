"""The spool: a local file that keeps requests while the database does not answer.

A SQLite file in WAL mode with `synchronous=FULL`, so a row is on disk (fsync'd) when `append`
returns. Rows keep their arrival order and their job key; the intake (`bot/intake.py`) moves them
into the database oldest first and removes them once the database has them. It holds only what a
job row would hold (anonymous requests arrive sealed), and erased rows are overwritten
(`secure_delete`), then the WAL is truncated once the spool is empty.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS spooled (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    job TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class Spooled:
    id: int
    job: dict[str, Any]


class SpoolError(Exception):
    """The spool file cannot take or give rows (disk full, unwritable, corrupt)."""


class Spool:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=5)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA secure_delete=ON")
            conn.execute(_SCHEMA)
            self._conn = conn
        return self._conn

    def append(self, job: dict[str, Any]) -> None:
        """Keep one job (a key already spooled adds nothing); on disk when this returns."""
        data = json.dumps(job, separators=(",", ":"), ensure_ascii=False)
        try:
            with self._lock:
                self._connection().execute(
                    "INSERT OR IGNORE INTO spooled (key, job) VALUES (?, ?)", (str(job["key"]), data)
                )
        except (sqlite3.Error, OSError) as exc:
            raise SpoolError(str(exc)) from exc

    def oldest(self, limit: int = 200) -> list[Spooled]:
        try:
            with self._lock:
                rows = (
                    self._connection()
                    .execute("SELECT id, job FROM spooled ORDER BY id LIMIT ?", (limit,))
                    .fetchall()
                )
        except (sqlite3.Error, OSError) as exc:
            raise SpoolError(str(exc)) from exc
        return [Spooled(id=row[0], job=json.loads(row[1])) for row in rows]

    def remove_through(self, last_id: int) -> int:
        """Forget rows up to `last_id` (the database has them); returns how many remain."""
        try:
            with self._lock:
                conn = self._connection()
                conn.execute("DELETE FROM spooled WHERE id <= ?", (last_id,))
                remaining = int(conn.execute("SELECT COUNT(*) FROM spooled").fetchone()[0])
                if remaining == 0:
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except (sqlite3.Error, OSError) as exc:
            raise SpoolError(str(exc)) from exc
        return remaining

    def count(self) -> int:
        try:
            with self._lock:
                return int(self._connection().execute("SELECT COUNT(*) FROM spooled").fetchone()[0])
        except (sqlite3.Error, OSError) as exc:
            raise SpoolError(str(exc)) from exc

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
