"""durable scheduling

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:39:55.075927
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('away_periods',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('standin_id', sa.String(length=32), nullable=False),
    sa.Column('created_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_away_periods'))
    )
    with op.batch_alter_table('away_periods', schema=None) as batch_op:
        batch_op.create_index('ix_away_user', ['user_id', 'last_day'], unique=False)

    op.create_table('chain_links',
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('manager_id', sa.String(length=32), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('set_by', sa.String(length=32), nullable=True),
    sa.Column('updated_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_chain_links'))
    )
    op.create_table('person_settings',
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('work_hours', sa.String(length=16), nullable=True),
    sa.Column('work_days', sa.String(length=32), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('updated_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_person_settings'))
    )
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original_owner_id', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('update_cadence_minutes', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('chain_level', sa.Integer(), nullable=False, server_default='0'))



def downgrade() -> None:
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.drop_column('chain_level')
        batch_op.drop_column('update_cadence_minutes')
        batch_op.drop_column('original_owner_id')

    op.drop_table('person_settings')
    op.drop_table('chain_links')
    with op.batch_alter_table('away_periods', schema=None) as batch_op:
        batch_op.drop_index('ix_away_user')

    op.drop_table('away_periods')
