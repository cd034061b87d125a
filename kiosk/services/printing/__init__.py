"""Printed copies: what a pack holds, the print log and batches, PDFs and joining them."""
