"""Made-up record exports for demos, tests and benchmarks.

export.py writes an export; each part of a person's record is made by its own module (people,
sentences, decisions, plans, risk), all drawing from one seeded dealer (dealer.py).
"""
