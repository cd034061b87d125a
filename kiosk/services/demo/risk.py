"""Risk and supervision: supervision levels and reviews, and LS/CMI results with areas,
strengths and the fuller check about harm.
"""
from __future__ import annotations

from kiosk.services.demo.dealer import DAY, Case, Dealer

SUPERVISION = {"new": ("high", "high", "medium"), "any": ("high", "medium", "medium", "low", "low")}

RISK_LEVELS = ("very_low", "low", "medium", "high", "very_high")

RATINGS = ("strength",) + RISK_LEVELS

RATING_SHIFTS = (-2, -1, -1, 0, 0, 0, 1, 1, 2)

RISK_AREAS = ("criminal_history", "education_employment", "family_marital", "leisure_recreation",
              "companions", "alcohol_drug", "procriminal_attitude", "antisocial_pattern")

HARM = ("not_indicated", "not_indicated", "completed", "due")

PLAN_TYPE = {"not_indicated": "cmp", "completed": "rmp"}

STRENGTHS = ("Good relationship with family, who visit weekly.", "Motivated to gain qualifications.",
             "Good work party reports in {work}.", "Has kept to CIP actions.",
             "Open and honest with PBSW about offending.")

PROTECTIVE = ("Family support on release.", "Stable address available in {town}.",
              "Job offer in {town} on release.", "No drug use for over 12 months.")


class Risk(Dealer):
    """Makes a person's supervision level and risk assessment."""

    def supervision(self, case: Case) -> dict:
        """Everyone starts on high supervision; later reviews move people up and down."""
        if case.served < 3:
            return {"level": "high", "since": case.start.isoformat(),
                    "next_review": (case.start + 3 * DAY).isoformat()}
        rounds = "new" if case.served < 90 else "any"
        level = self.deal(f"supervision:{rounds}", SUPERVISION[rounds])
        since = self.day_between(max(case.start + 3 * DAY, self.today - 170 * DAY), self.today - DAY)
        supervision = {"level": level, "since": since.isoformat()}
        if not self.chance("no review", 5):
            supervision["next_review"] = (since + (365 if level == "low" else 182) * DAY).isoformat()
        return supervision

    def risk(self, case: Case) -> dict | None:
        """An LS/CMI result for people on enhanced ICM who have been in long enough."""
        if case.icm != "enhanced" or case.served < 150:
            return None
        earliest = max(case.start + 120 * DAY, self.today - 330 * DAY)
        assessed = self.day_between(earliest, self.today - 10 * DAY)
        level = self.deal("risk", RISK_LEVELS)
        risk = {"assessed_on": assessed.isoformat(), "level": level}
        if not self.chance("no areas", 5):
            risk["areas"] = [{"area": area, "rating": self.rating(area, level)} for area in RISK_AREAS]
        for key, lines in (("strengths", STRENGTHS), ("protective_factors", PROTECTIVE)):
            if self.chance(key, 2):
                risk[key] = self.texts(lines, case.slots, 1, 2)
        harm = risk["serious_harm_assessment"] = self.deal("harm", HARM)
        if harm in PLAN_TYPE:
            risk["plan_type"] = PLAN_TYPE[harm]
        due = self.today + self.roll(14, 90) * DAY if harm == "due" else assessed + 365 * DAY
        risk["next_reassessment"] = due.isoformat()
        if self.chance("shared", 3):
            risk["shared_with_person_on"] = self.day_between(assessed, self.today).isoformat()
        return risk

    def rating(self, area: str, level: str) -> str:
        """An area rating near the overall level; criminal history is never a strength."""
        if area != "criminal_history" and self.chance("strength", 6):
            return "strength"
        shift = self.deal("shift", RATING_SHIFTS)
        return RATINGS[min(5, max(1, RISK_LEVELS.index(level) + 1 + shift))]
