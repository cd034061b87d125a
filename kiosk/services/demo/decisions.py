"""Meetings and decisions: case conferences, the bodies that decide, their reasons and next
steps, and meetings that were postponed or cancelled.
"""
from __future__ import annotations

from datetime import date

from kiosk.services.demo.dealer import DAY, Case, Dealer

# What each decision subject is called in staff notes.
WHAT = {
    "national_top_end": "NTE", "open_estate": "Open Estate", "ciu": "CIU",
    "special_escorted_leave": "SEL", "unescorted_community_access": "unescorted community access",
    "home_leave": "home leave", "work_placement": "work placement", "fgtr": "FGTR",
    "supervision_level": "supervision level change", "programme": "OBP", "parole": "parole",
    "hdc": "HDC", "transfer": "transfer", "other": "request",
}

MEETING_OUTCOMES = {
    "icm": ("LS/CMI discussed with Pt.", "CIP actions reviewed; {n} completed.",
            "Pt to continue with {prog}.", "ICM team to chase PCMB date.",
            "PO to start Annex A for RMT re: {what}.", "CBSW to attend next CC.",
            "Pt spoke about plans for release; family support noted."),
    "rmt": ("Annex A considered.", "Psychology report (Annex A section 6) noted.",
            "PO report positive - good work party reports.", "Pt's written views read out."),
    "pcmb": ("GPA reviewed; {prog} endorsed.", "Pt placed on national waiting list."),
    "parole_hearing": ("Dossier considered, including TARL from CBSW.", "Pt attended with solicitor."),
    "supervision_review": ("Supervision level reviewed: {sup} agreed.",
                           "No misconduct reports in last 6 months."),
}

# Decision texts by outcome; {body} is who decided, {what} what about.
BODY = {"rmt": "RMT", "icm": "ICM CC", "pcmb": "PCMB", "parole_board": "Parole Board",
        "supervision_review": "Supervision panel", "ministers": "SPS HQ", "governor": "Governor"}

REASONS = {
    "approved": ("Good PO report and settled on {hall} hall.", "Engaged well with CIP actions.",
                 "Negative MDT results over the last 12 months.", "Reports support {what} at this time."),
    "not_approved": ("Offence-focused work not yet completed.", "Misconduct report in {month}.",
                     "Not enough evidence of reduced risk at this time.", "Positive MDT result in {month}."),
    "deferred": ("More information needed: psychology report outstanding.",
                 "Awaiting outcome of PCMB re: {prog}.",
                 "RMP under review by SPS HQ; {body} to look again once returned.",
                 "CBSW home background report not yet received."),
    "withdrawn": ("Withdrawn at Pt's request.", "Withdrawn following transfer to {place}.",
                  "Withdrawn pending new LS/CMI."),
    "submitted": ("Papers sent to {body} w/c {d}.", "All reports received and submitted."),
    "in_progress": ("Awaiting reports before {body} can decide.", "Reports being gathered by ICM team."),
}

NEXT_STEPS = {
    "approved": ("ICM team to arrange asap.", "PO to go over the decision with Pt.", "Review at next ICM CC."),
    "not_approved": ("Pt can put written views to {body} before it looks again.", "Complete GPA.",
                     "Re-refer once OBP complete.", "PO to talk Pt through what would help next time."),
    "deferred": ("{body} to reconsider when report received.", "Pt can send written views before {body} meets."),
    "withdrawn": ("Pt can ask PO to re-refer at any time.",),
    "submitted": ("Awaiting reply; PO will update Pt asap.",),
    "in_progress": ("ICM team to update Pt w/c {soon}.",),
}

CONDITIONS = ("Subject to continued negative MDT results.", "To stay on {sup} supervision meantime.",
              "To be reviewed after the first 3 months.")

SUBJECTS = {
    "short_term": ("hdc", "hdc", "supervision_level", "transfer", "work_placement", "programme"),
    "long_term": ("national_top_end", "open_estate", "ciu", "special_escorted_leave",
                  "unescorted_community_access", "home_leave", "work_placement",
                  "supervision_level", "programme", "parole", "transfer", "other"),
    "life": ("fgtr", "fgtr", "national_top_end", "open_estate", "special_escorted_leave", "home_leave",
             "unescorted_community_access", "supervision_level", "programme", "parole", "ciu"),
    "recall": ("parole", "supervision_level", "transfer", "other"),
}

PROGRESSION = {"national_top_end", "open_estate", "ciu", "special_escorted_leave", "fgtr",
               "unescorted_community_access", "home_leave", "work_placement", "parole"}

LOOKED_AT_AGAIN = {"not_approved", "deferred"}

EARLY = {group: tuple(s for s in subjects if s not in PROGRESSION) for group, subjects in SUBJECTS.items()}

SUBJECT_GROUP = {"extended": "long_term", "olr": "life", "supervised_release_order": "short_term",
                 "short_term_sex_offender_licence": "recall"}

FORUM = {"fgtr": "ministers", "supervision_level": "supervision_review", "programme": "pcmb",
         "parole": "parole_board", "hdc": "governor", "transfer": "governor", "other": "icm"}  # else rmt

MEETING_FOR_FORUM = {"rmt": "rmt", "pcmb": "pcmb", "parole_board": "parole_hearing",
                     "supervision_review": "supervision_review", "icm": "icm_progression"}

MEETING_PREFIX = {"rmt": "RMT", "pcmb": "PCMB", "parole_hearing": "PB", "supervision_review": "SR"}  # else ICM

OUTCOMES = ("approved",) * 3 + ("not_approved",) * 2 + ("deferred",) * 2 + (
    "withdrawn", "submitted", "in_progress")

MINISTERS_OUTCOMES = ("submitted", "in_progress", "approved", "not_approved")

PENDING = {"submitted", "in_progress"}

DECISION_COUNTS = (0, 0, 1, 1, 1, 2, 2, 3)

MISSED = (None, None, "postponed", "cancelled")  # only for meetings due within weeks


class Decisions(Dealer):
    """Makes a person's meetings and the decisions made at them."""

    def meeting(self, case: Case, kind: str, day: date) -> str:
        """The id of the person's meeting on that day, adding it (held if past) when new."""
        mid = f"{MEETING_PREFIX.get(kind, 'ICM')}-{day.isoformat()}"
        if case.meetings.get(mid, {}).get("status") not in ("held", "scheduled"):
            case.meetings[mid] = meeting = {"id": mid, "kind": kind, "date": day.isoformat()}
            invited = kind.startswith("icm") or self.chance("invited", 3)
            if day < self.today:
                lines = MEETING_OUTCOMES["icm" if kind.startswith("icm") else kind]
                meeting |= {"status": "held", "person_invited": invited,
                            "person_attended": invited and not self.chance("absent", 4),
                            "outcomes": self.texts(lines, case.slots, 1, 2)}
            else:
                meeting |= {"status": "scheduled", "person_invited": invited}
                self.missed(case, kind, day)
        return mid

    def missed(self, case: Case, kind: str, day: date) -> None:
        """Sometimes an earlier date for a coming meeting was postponed or cancelled."""
        earlier = day - self.roll(21, 60) * DAY
        status = self.deal("missed", MISSED) if earlier < self.today else None
        if status:
            mid = f"{MEETING_PREFIX.get(kind, 'ICM')}-{earlier.isoformat()}"
            case.meetings.setdefault(mid, {"id": mid, "kind": kind, "date": earlier.isoformat(),
                                           "status": status})

    def conferences(self, case: Case, release: date | None) -> None:
        """Recent ICM case conferences: initial, the last and next annual, pre-release if near."""
        initial = case.start + self.roll(120, 180) * DAY
        years = (self.today - initial).days // 365 if initial < self.today else -1
        if years < 2:
            self.meeting(case, "icm_initial", initial)
        if years > 0:
            self.meeting(case, "icm_annual", initial + 365 * years * DAY)
        if years >= 0:
            self.meeting(case, "icm_annual", initial + 365 * (years + 1) * DAY)
        if release and release <= self.today + 270 * DAY:
            self.meeting(case, "icm_pre_release", max(initial, release - 60 * DAY))

    def decisions(self, case: Case) -> list[dict]:
        """Past decisions, oldest first, each tied to a held meeting where there was one."""
        if case.kind == "remand" or case.served < 45:
            return []
        made = sorted((self.decision(case) for _ in range(self.deal("decisions", DECISION_COUNTS))),
                      key=lambda decision: decision["decided_on"])
        for number, decision in enumerate(made, 1):
            decision["id"] = f"D{number}"
        return made

    def decision(self, case: Case) -> dict:
        """One decision with its reasons, next steps and (if looked at again) review date."""
        subject, forum, outcome = self.ruling(case)
        decided = self.decided_on(case, subject, outcome)
        slots = case.slots | {"what": WHAT[subject], "body": BODY[forum]}
        decision = {"id": "", "forum": forum, "subject": subject, "outcome": outcome,
                    "decided_on": decided.isoformat()}
        kind = MEETING_FOR_FORUM.get(forum)
        if kind and outcome not in PENDING:
            decision["meeting"] = self.meeting(case, kind, decided)
        decision["reasons"] = self.texts(REASONS[outcome], slots, 1, 2)
        if outcome == "approved" and self.chance("conditions", 3):
            decision["conditions"] = self.texts(CONDITIONS, slots, 1, 2)
        decision["next_steps"] = self.texts(NEXT_STEPS[outcome], slots, 1, 1)
        if outcome in LOOKED_AT_AGAIN:
            review = max(decided + self.roll(90, 365) * DAY, self.today + self.roll(14, 120) * DAY)
            decision["review_on"] = review.isoformat()
            if kind:
                self.meeting(case, kind, review)
        return decision

    def ruling(self, case: Case) -> tuple[str, str, str]:
        """Subject, forum and outcome; progression only once the person can be considered for it."""
        group = SUBJECT_GROUP.get(case.kind, case.kind)
        if case.eligible is not None and case.eligible < self.today - 30 * DAY:
            subject = self.deal(f"subject:{group}", SUBJECTS[group])
        else:
            subject = self.deal(f"early:{group}", EARLY[group])
        forum = FORUM.get(subject, "rmt")
        if forum == "ministers":
            return subject, forum, self.deal(forum, MINISTERS_OUTCOMES)
        return subject, forum, self.deal("outcome", OUTCOMES)

    def decided_on(self, case: Case, subject: str, outcome: str) -> date:
        """A past day after eligibility; recent if still open; a supervision change when it began."""
        if subject == "supervision_level" and outcome == "approved":
            return date.fromisoformat(case.supervision["since"])
        earliest = max(case.start + 30 * DAY, case.eligible if subject in PROGRESSION else date.min)
        if outcome in PENDING | LOOKED_AT_AGAIN:
            earliest = max(earliest, self.today - 200 * DAY)
        return self.day_between(earliest, self.today - DAY)
