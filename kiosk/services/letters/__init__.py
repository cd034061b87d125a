"""Answering back: letters and their drafts, feedback, and the figures managers see."""
