"""The visitor message whose turn opened a case (``case_turns``), so that a turn run again
(Rasa killed after the case was written, before it saved its tracker) finds that case instead
of opening a second one (``assistant/cases/service.py``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_turns",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("client_message_id", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("case_id"),
        sa.UniqueConstraint("conversation_id", "client_message_id"),
    )


def downgrade() -> None:
    op.drop_table("case_turns")
