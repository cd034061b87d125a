"""hardening: one table counts wrong PINs and wrong staff passwords

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 17:00:00

The counts were kept in `pin_lockouts` and on `staff_users`; both move to
`sign_in_lockouts` (kiosk.services.lockout). Counts in progress start again, which at worst
gives someone a few more tries once, at the upgrade.
"""
from alembic import op
import sqlalchemy as sa
import kiosk.models.base


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sign_in_lockouts',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('locked_until', kiosk.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sign_in_lockouts'))
    )
    op.drop_table('pin_lockouts')
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins')


def downgrade() -> None:
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_logins', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('locked_until', kiosk.models.base.UtcDateTime(timezone=True),
                                      nullable=True))
    op.create_table('pin_lockouts',
    sa.Column('prison_number', sa.String(length=40), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('locked_until', kiosk.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('prison_number', name=op.f('pk_pin_lockouts'))
    )
    op.drop_table('sign_in_lockouts')
