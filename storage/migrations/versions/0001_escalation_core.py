"""escalation core

Revision ID: 0001
Revises:
Create Date: 2026-11-23 11:58:05.116881
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('escalation_counters',
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('team_id', name=op.f('pk_escalation_counters'))
    )
    op.create_table('escalations',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('request_key', sa.String(length=255), nullable=True),
    sa.Column('raiser_id', sa.String(length=32), nullable=False),
    sa.Column('owner_id', sa.String(length=32), nullable=False),
    sa.Column('client', sa.Text(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('promised_at', storage.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('harassment_record', sa.JSON(), nullable=True),
    sa.Column('source_link', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('channel_id', sa.String(length=32), nullable=True),
    sa.Column('card_ts', sa.String(length=32), nullable=True),
    sa.Column('card_link', sa.Text(), nullable=True),
    sa.Column('space', sa.String(length=16), nullable=True),
    sa.Column('post_state', sa.String(length=16), nullable=False),
    sa.Column('created_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('acknowledged_at', storage.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_by', sa.String(length=32), nullable=True),
    sa.Column('resolved_at', storage.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolved_by', sa.String(length=32), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('last_activity_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_update_at', storage.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalations')),
    sa.UniqueConstraint('request_key', name=op.f('uq_escalations_request_key')),
    sa.UniqueConstraint('team_id', 'number', name=op.f('uq_escalations_team_id'))
    )
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.create_index('ix_escalations_card', ['channel_id', 'card_ts'], unique=False)
        batch_op.create_index('ix_escalations_owner_open', ['owner_id', 'status'], unique=False)
        batch_op.create_index('ix_escalations_raiser_open', ['raiser_id', 'status'], unique=False)

    op.create_table('people',
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('locale', sa.String(length=16), nullable=True),
    sa.Column('tz', sa.String(length=64), nullable=True),
    sa.Column('is_bot', sa.Boolean(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('fetched_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_people'))
    )
    op.create_table('escalation_members',
    sa.Column('escalation_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('added_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['escalation_id'], ['escalations.id'], name=op.f('fk_escalation_members_escalation_id_escalations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('escalation_id', 'user_id', name=op.f('pk_escalation_members'))
    )
    op.create_table('scheduled_sends',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=48), nullable=False),
    sa.Column('target', sa.Text(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('escalation_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('due_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('lease_until', storage.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', storage.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['escalation_id'], ['escalations.id'], name=op.f('fk_scheduled_sends_escalation_id_escalations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scheduled_sends')),
    sa.UniqueConstraint('key', name=op.f('uq_scheduled_sends_key'))
    )
    with op.batch_alter_table('scheduled_sends', schema=None) as batch_op:
        batch_op.create_index('ix_scheduled_sends_due', ['status', 'due_at'], unique=False)
        batch_op.create_index('ix_scheduled_sends_escalation', ['escalation_id', 'status'], unique=False)

    op.create_table('timeline_entries',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('escalation_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.String(length=32), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['escalation_id'], ['escalations.id'], name=op.f('fk_timeline_entries_escalation_id_escalations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timeline_entries'))
    )
    with op.batch_alter_table('timeline_entries', schema=None) as batch_op:
        batch_op.create_index('ix_timeline_escalation', ['escalation_id', 'at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('timeline_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_timeline_escalation')

    op.drop_table('timeline_entries')
    with op.batch_alter_table('scheduled_sends', schema=None) as batch_op:
        batch_op.drop_index('ix_scheduled_sends_escalation')
        batch_op.drop_index('ix_scheduled_sends_due')

    op.drop_table('scheduled_sends')
    op.drop_table('escalation_members')
    op.drop_table('people')
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.drop_index('ix_escalations_raiser_open')
        batch_op.drop_index('ix_escalations_owner_open')
        batch_op.drop_index('ix_escalations_card')

    op.drop_table('escalations')
    op.drop_table('escalation_counters')
