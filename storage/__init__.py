"""Persistence: SQLAlchemy models, repositories, the engine/session factory and Alembic migrations."""
