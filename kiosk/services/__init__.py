"""Domain services: the rules and wording that routes call, kept apart from HTTP."""
