"""Printed copies: the pack as HTML and PDF, and batches built by the background worker."""
