"""Helpers for the test suite: the PostgreSQL cluster, page checks, accessibility checks."""
