"""Alembic environment: the app's own engine settings, batch mode so SQLite migrates too."""
from alembic import context

from kiosk.data.database import make_engine
from kiosk.models import Base

config = context.config


def run_migrations_online() -> None:
    """Run migrations on the database named in the Alembic config."""
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
