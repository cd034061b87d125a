"""Sentences and what follows from them: length, the dates the records hold (some with notes,
some provisional) and licence conditions near release.
"""
from __future__ import annotations

from datetime import date

from kiosk.services.demo.dealer import DAY, Case, Dealer

# Rounds of values, weighted by repeats, and the rules that tie values together.
SENTENCES = ("short_term",) * 6 + ("remand",) * 4 + ("long_term",) * 3 + ("life",) * 2 + (
    "extended", "olr", "supervised_release_order", "short_term_sex_offender_licence", "recall")

ICM = {"remand": "none", "short_term": "standard"}  # everyone else: enhanced

LENGTHS = {"short_term": (60, 1460), "long_term": (1461, 4400), "extended": (1461, 3650),
           "supervised_release_order": (365, 1460), "short_term_sex_offender_licence": (180, 1460)}

LICENSED = {"long_term", "extended", "life", "olr", "supervised_release_order",
            "short_term_sex_offender_licence", "recall"}

RELEASE_DATES = ("parole_qualifying_date", "earliest_date_of_liberation", "punishment_part_expiry")

MAY_BE_PROVISIONAL = {"earliest_date_of_liberation", "parole_qualifying_date", "licence_expiry_date", "other"}

# Labels for dates of kind "other", by sentence type.
OTHER_DATE_LABELS = {
    "remand": ("Next court appearance", "Trial date"),
    "recall": ("Parole Board review of recall",),
    "any": ("Next PCMB sitting", "Next RMT sitting", "Transfer to Castle Huntly",
            "Home leave eligibility", "Earliest date for Open Estate"),
}

# Notes on dates: any kind, then particular kinds.
DATE_NOTES = {
    "any": ("Per PR2 as at w/c {d}.", "To be confirmed by SPS HQ.",
            "Pt to be given copy of dates at next ICM CC.", "Checked by ICM team {d}.",
            "Date may change if further time is added."),
    "hdc_eligibility_date": ("HDC assessment to start approx 6 weeks before this date.",),
    "parole_qualifying_date": ("PQD confirmed by SPS HQ.", "PBSW to start parole reports approx 6 months before PQD."),
    "progression_eligibility": ("Worked out by ICM team; RMT referral possible from this date.",),
    "fgtr_eligibility": ("FGTR papers go to SPS HQ for ministers' approval.",),
}

LICENCE_STANDARD = (
    "Report to CBSW in {town} on the day of release and then as told.",
    "Be of good behaviour and keep the peace.",
    "Tell CBSW at once about any change of address or job.",
    "Live at an address approved by CBSW.",
    "Do not travel outside Scotland without prior permission of CBSW.",
)

LICENCE_ADDITIONAL = (
    "Curfew at approved address 1900 to 0700 daily, monitored by electronic tag.",
    "Do not drink alcohol; attend alcohol testing as directed by CBSW.",
    "Do not contact the victim directly or indirectly.",
    "Comply with MAPPA requirements as directed by CBSW.",
    "Attend substance use service in {town} as directed by CBSW.",
    "Do not enter the {town} town centre exclusion zone shown on the map given to Pt.",
    "Attend psychology appointments as arranged by CBSW.",
    "Do not use any internet-enabled device without prior approval of CBSW.",
)

LICENCE_SEX_OFFENCE = "No unsupervised contact with any child under 16 without prior approval of CBSW."


class Sentences(Dealer):
    """Makes a sentence's length, its dates and any licence."""

    def term(self, kind: str) -> tuple[int | None, int | None, int]:
        """Sentence length, punishment part and days served so far, typical of the kind."""
        if kind == "remand":
            return None, None, self.roll(0, 150)
        if kind == "recall":
            return None, None, self.roll(5, 400)
        if kind in ("life", "olr"):
            part = self.roll(10 * 365, 22 * 365) if kind == "life" else self.roll(3 * 365, 12 * 365)
            return None, part, max(60, part - self.roll(-3 * 365, 9 * 365))  # many near the end
        length = self.roll(*LENGTHS[kind])
        release = length * 2 // 3 if kind in ("long_term", "extended") else length // 2
        return length, None, self.roll(1, max(2, release - 1))

    def key_dates(self, kind: str, start: date, length: int | None, part: int | None) -> dict[str, date]:
        """The sentence dates the records would hold, by kind of date."""
        if kind == "remand":
            return {}
        if part:
            expiry = start + part * DAY
            dates = {"punishment_part_expiry": expiry, "progression_eligibility": expiry - 4 * 365 * DAY}
            return dates | ({"fgtr_eligibility": expiry - 3 * 365 * DAY} if kind == "life" else {})
        if length is None:
            return {"sentence_expiry_date": start + self.roll(200, 1500) * DAY}
        half = start + length // 2 * DAY
        dates = {"earliest_date_of_liberation": half, "sentence_expiry_date": start + length * DAY}
        if kind in ("long_term", "extended"):
            dates["parole_qualifying_date"] = half
            dates["earliest_date_of_liberation"] = start + length * 2 // 3 * DAY
            dates["progression_eligibility"] = max(start + 182 * DAY, half - 730 * DAY)
            if kind == "extended":
                dates["licence_expiry_date"] = start + (length + self.roll(365, 3650)) * DAY
        elif kind == "short_term":
            dates["hdc_eligibility_date"] = start + max(length // 4, 14) * DAY
            dates |= {"progression_eligibility": start + 91 * DAY} if length >= 365 else {}
        elif kind == "supervised_release_order":
            dates["licence_expiry_date"] = half + self.roll(90, 365) * DAY
        else:
            dates["licence_expiry_date"] = dates["sentence_expiry_date"]
        return dates

    def dates(self, case: Case, keys: dict[str, date]) -> list[dict]:
        """The sentence dates plus review dates and the odd labelled one, in date order."""
        found = dict(keys)
        if "next_review" in case.supervision and self.chance("supervision date", 2):
            found["supervision_review"] = date.fromisoformat(case.supervision["next_review"])
        if case.risk and self.chance("lscmi date", 2):
            found["lscmi_reassessment"] = date.fromisoformat(case.risk["next_reassessment"])
        if case.served >= 3 and self.chance("other date", 2 if case.kind == "remand" else 5):
            found["other"] = self.today + self.roll(7, 240) * DAY
        in_order = sorted(found.items(), key=lambda kind_and_day: kind_and_day[1])
        return [self.dated(case, kind, day) for kind, day in in_order]

    def dated(self, case: Case, kind: str, day: date) -> dict:
        """One date entry, sometimes with a note, sometimes provisional."""
        entry = {"kind": kind, "date": day.isoformat()}
        if kind == "other":
            entry["label"] = self.pick(OTHER_DATE_LABELS.get(case.kind) or OTHER_DATE_LABELS["any"])
        if self.chance("date note", 5):
            notes = DATE_NOTES.get(kind) or DATE_NOTES["any"]
            entry["note"] = self.pick(notes).format_map(case.slots)
        if kind in MAY_BE_PROVISIONAL and self.chance(f"provisional {kind}", 3):
            entry["provisional"] = True
        return entry

    def licence(self, case: Case, release: date | None) -> dict | None:
        """Licence conditions for recalled people and those on licence sentences near release."""
        near = release is not None and release <= self.today + 365 * DAY
        if case.kind not in LICENSED or not (case.kind == "recall" or near):
            return None
        standard = [line.format_map(case.slots) for line in LICENCE_STANDARD[:self.roll(3, 5)]]
        extra = self.texts(LICENCE_ADDITIONAL, case.slots, 1, 4)
        if case.kind == "short_term_sex_offender_licence":
            extra.append(LICENCE_SEX_OFFENCE)
        lines = [("standard", line) for line in standard] + [("additional", line) for line in extra]
        return {"conditions": [{"id": f"L{number}", "kind": sort, "text": line}
                               for number, (sort, line) in enumerate(lines, 1)]}
