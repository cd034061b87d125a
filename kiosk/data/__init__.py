"""Data access: the database connection and every named query live in this package."""
