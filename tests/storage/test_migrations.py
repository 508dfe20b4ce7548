"""The schema Alembic builds is the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from storage.migrate import upgrade_to_head
from storage.models import Base


def test_fresh_database_at_head_matches_models(engine: Engine, database_url: str) -> None:
    """A database upgraded to head has no differences from the models."""
    upgrade_to_head(database_url, engine=engine)  # a second run is a no-op, and must not fail
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "render_as_batch": conn.dialect.name == "sqlite"}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_replicas_migrating_at_once_do_not_collide() -> None:
    """Two processes' start-up migrations against one fresh PostgreSQL database both succeed (a lock
    makes the second wait for the first)."""
    import os
    import threading
    import uuid

    import pytest
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.engine import make_url

    admin_url = os.environ.get("TEST_DATABASE_URL")
    if not admin_url:
        pytest.skip("needs TEST_DATABASE_URL (PostgreSQL); SQLite runs one process by design")
    name = f"itabasami_lock_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    errors: list[BaseException] = []

    def migrate() -> None:
        try:
            upgrade_to_head(url)
        except BaseException as exc:
            errors.append(exc)

    try:
        threads = [threading.Thread(target=migrate) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == []
        engine = create_engine(url)
        try:
            assert "escalations" in inspect(engine).get_table_names()
        finally:
            engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
