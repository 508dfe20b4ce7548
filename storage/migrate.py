"""Apply Alembic migrations. Replicas starting together queue on a lock instead of colliding."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

from storage.db import is_sqlite, make_engine

MIGRATIONS = Path(__file__).parent / "migrations"
# An arbitrary constant naming itabasami's migration lock among PostgreSQL advisory locks.
_PG_LOCK_KEY = 0x17AB_A5A1


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_to_head(url: str, *, engine: Engine | None = None) -> None:
    """Bring the database at `url` to the newest schema, holding a lock while doing so."""
    own_engine = engine is None
    engine = engine or make_engine(url)
    try:
        with engine.connect() as conn:
            if not is_sqlite(url):
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK_KEY})
                conn.commit()
            try:
                config = alembic_config(url)
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                conn.commit()
            finally:
                if not is_sqlite(url):
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK_KEY})
                    conn.commit()
    finally:
        if own_engine:
            engine.dispose()
