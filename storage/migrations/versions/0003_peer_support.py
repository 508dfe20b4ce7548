"""peer support: anonymous posts, replies, pseudonyms, relay links, keyed tokens, reports

None of these tables holds an anonymous author's user ID; see storage/models.py and README.md.

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23 12:50:44.453588
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0003'
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('anon_tokens',
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('expires_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('token', name=op.f('pk_anon_tokens'))
    )
    with op.batch_alter_table('anon_tokens', schema=None) as batch_op:
        batch_op.create_index('ix_anon_tokens_expires', ['expires_at'], unique=False)

    op.create_table('vent_posts',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('channel_id', sa.String(length=32), nullable=True),
    sa.Column('ts', sa.String(length=32), nullable=True),
    sa.Column('link', sa.Text(), nullable=True),
    sa.Column('posted_at', storage.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('author_tag', sa.String(length=64), nullable=True),
    sa.Column('mute_seal', sa.Text(), nullable=True),
    sa.Column('request_tag', sa.String(length=64), nullable=True),
    sa.Column('pseudonyms', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vent_posts')),
    sa.UniqueConstraint('public_id', name=op.f('uq_vent_posts_public_id')),
    sa.UniqueConstraint('request_tag', name=op.f('uq_vent_posts_request_tag'))
    )
    with op.batch_alter_table('vent_posts', schema=None) as batch_op:
        batch_op.create_index('ix_vent_posts_message', ['channel_id', 'ts'], unique=False)

    op.create_table('vent_pseudonyms',
    sa.Column('post_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('tag', sa.String(length=64), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['vent_posts.id'], name=op.f('fk_vent_pseudonyms_post_id_vent_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('post_id', 'tag', name=op.f('pk_vent_pseudonyms')),
    sa.UniqueConstraint('post_id', 'number', name=op.f('uq_vent_pseudonyms_post_id'))
    )
    op.create_table('vent_relays',
    sa.Column('post_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('sealed_target', sa.Text(), nullable=False),
    sa.Column('mode', sa.String(length=8), nullable=False),
    sa.Column('expires_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['vent_posts.id'], name=op.f('fk_vent_relays_post_id_vent_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('post_id', name=op.f('pk_vent_relays'))
    )
    op.create_table('vent_replies',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('post_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('ts', sa.String(length=32), nullable=True),
    sa.Column('posted_at', storage.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('mute_seal', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['post_id'], ['vent_posts.id'], name=op.f('fk_vent_replies_post_id_vent_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vent_replies')),
    sa.UniqueConstraint('public_id', name=op.f('uq_vent_replies_public_id'))
    )
    with op.batch_alter_table('vent_replies', schema=None) as batch_op:
        batch_op.create_index('ix_vent_replies_post', ['post_id'], unique=False)

    op.create_table('vent_reports',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('target', sa.String(length=32), nullable=False),
    sa.Column('post_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('reply_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('reports', sa.Integer(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('created_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('hidden_by', sa.String(length=32), nullable=True),
    sa.Column('hidden_at', storage.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('muted_by', sa.String(length=32), nullable=True),
    sa.Column('muted_until', storage.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('kept_by', sa.String(length=32), nullable=True),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['vent_posts.id'], name=op.f('fk_vent_reports_post_id_vent_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reply_id'], ['vent_replies.id'], name=op.f('fk_vent_reports_reply_id_vent_replies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vent_reports')),
    sa.UniqueConstraint('target', name=op.f('uq_vent_reports_target'))
    )
    op.create_table('vent_mod_notices',
    sa.Column('report_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('moderator_id', sa.String(length=32), nullable=False),
    sa.Column('channel_id', sa.String(length=32), nullable=False),
    sa.Column('ts', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['vent_reports.id'], name=op.f('fk_vent_mod_notices_report_id_vent_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_id', 'moderator_id', name=op.f('pk_vent_mod_notices'))
    )


def downgrade() -> None:
    op.drop_table('vent_mod_notices')
    op.drop_table('vent_reports')
    with op.batch_alter_table('vent_replies', schema=None) as batch_op:
        batch_op.drop_index('ix_vent_replies_post')

    op.drop_table('vent_replies')
    op.drop_table('vent_relays')
    op.drop_table('vent_pseudonyms')
    with op.batch_alter_table('vent_posts', schema=None) as batch_op:
        batch_op.drop_index('ix_vent_posts_message')

    op.drop_table('vent_posts')
    with op.batch_alter_table('anon_tokens', schema=None) as batch_op:
        batch_op.drop_index('ix_anon_tokens_expires')

    op.drop_table('anon_tokens')
