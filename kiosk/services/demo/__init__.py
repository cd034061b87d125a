"""Made-up record exports for demos, tests and benchmarks, and demo staff accounts.

export.py writes an export; each part of a person's record is made by its own module (people,
sentences, decisions, plans, risk), all drawing from one seeded dealer (dealer.py). accounts.py
makes one staff account per role.
"""
