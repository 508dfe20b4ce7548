"""care: check-ins, App Home settings, retention

Check-in state is kept apart (care_states, checkin_stops) so that nothing else reads it.
The re-point onto 0003 happens when the branches merge.

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-23 12:55:39.921450
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0004'
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('care_states',
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('rough_streak', sa.Integer(), nullable=False),
    sa.Column('support_kind', sa.String(length=16), nullable=True),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_care_states'))
    )
    op.create_table('checkin_stops',
    sa.Column('escalation_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['escalation_id'], ['escalations.id'], name=op.f('fk_checkin_stops_escalation_id_escalations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('escalation_id', 'user_id', name=op.f('pk_checkin_stops'))
    )
    with op.batch_alter_table('chain_links', schema=None) as batch_op:
        batch_op.create_index('ix_chain_links_manager', ['manager_id'], unique=False)

    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purged_at', storage.models.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_escalations_created', ['created_at'], unique=False)
        batch_op.create_index('ix_escalations_resolved', ['status', 'resolved_at'], unique=False)

    with op.batch_alter_table('person_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checkins_enabled', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('peer_supporter', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('digest_enabled', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('out_of_office_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('home_page', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('supporter_connected_at', storage.models.UTCDateTime(timezone=True), nullable=True))

    with op.batch_alter_table('scheduled_sends', schema=None) as batch_op:
        batch_op.create_index('ix_scheduled_sends_target', ['target', 'status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('scheduled_sends', schema=None) as batch_op:
        batch_op.drop_index('ix_scheduled_sends_target')

    with op.batch_alter_table('person_settings', schema=None) as batch_op:
        batch_op.drop_column('supporter_connected_at')
        batch_op.drop_column('home_page')
        batch_op.drop_column('out_of_office_until')
        batch_op.drop_column('digest_enabled')
        batch_op.drop_column('peer_supporter')
        batch_op.drop_column('checkins_enabled')

    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.drop_index('ix_escalations_resolved')
        batch_op.drop_index('ix_escalations_created')
        batch_op.drop_column('purged_at')

    with op.batch_alter_table('chain_links', schema=None) as batch_op:
        batch_op.drop_index('ix_chain_links_manager')

    op.drop_table('checkin_stops')
    op.drop_table('care_states')
