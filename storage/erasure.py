"""Making erasure real on disk.

SQLite (with `secure_delete`, set on every connection) zeroes what it frees, but older copies of a
page stay in the write-ahead log until a checkpoint. PostgreSQL keeps dead row versions until VACUUM
(autovacuum does it in time; run `VACUUM` after a large purge if it must be gone at once).
"""

from __future__ import annotations

from sqlalchemy import Engine


def flush_erased(engine: Engine) -> None:
    """Copy the WAL into the database and truncate it, so erased words leave the log (SQLite only)."""
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        raw.close()
