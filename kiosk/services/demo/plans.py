"""Plans and courses: the agreed plan with its actions and progress notes, and offending
behaviour programmes with where each stands.
"""
from __future__ import annotations

from datetime import date

from kiosk.services.demo.dealer import DAY, Case, Dealer
from kiosk.services.demo.risk import RISK_LEVELS

# Plan actions by area: (owner, text).
ACTIONS = {
    "housing": (
        ("pbsw", "Referral to housing options pre-release; liaise with CBSW re: suitable address in {town}."),
        ("housing_provider", "Housing officer to see Pt approx 12 weeks before liberation re: homeless application."),
        ("you", "Pt to fill in housing application with PO and return to ICM office by end of {month}."),
        ("cbsw", "CBSW to complete home background check at proposed address in {town}."),
    ),
    "physical_health": (
        ("health", "Health centre to review medication before liberation and help Pt register with a local doctor."),
        ("you", "Attend gym induction and keep to agreed fitness plan {n} sessions p/w."),
        ("health", "Pt to attend dental appointment as booked by health centre w/c {soon}."),
    ),
    "mental_health": (
        ("health", "Mental health team to review Pt; Pt to attend appointments as offered."),
        ("psychology", "Psychology to offer 1:1 sessions re: coping skills and managing stress."),
        ("you", "Pt to tell PO or health centre asap if struggling; Listener scheme available on {hall}."),
    ),
    "substance_use": (
        ("you", "Keep engaging with recovery café and provide negative MDT results."),
        ("you", "Attend substance use group {n} sessions p/w and complete workbook."),
        ("health", "Addictions team to review prescription before liberation and link with community service in {town}."),
        ("other", "Throughcare worker to link Pt with recovery service in {town} pre-liberation."),
    ),
    "education": (
        ("you", "Attend Learning Centre {n} sessions p/w working towards SQA Core Skills in numeracy."),
        ("education", "Learning Centre to assess literacy and numeracy and offer suitable SQA units."),
        ("you", "Finish SQA unit in Communication by end of {month}."),
    ),
    "employment": (
        ("you", "Work party placement in {work}; keep up good reports."),
        ("icm_coordinator", "Refer Pt to Links Centre employability service approx 12 weeks before liberation."),
        ("you", "Apply for a pass job via PO once supervision level allows."),
        ("education", "Complete construction site safety card course through Learning Centre."),
    ),
    "money": (
        ("you", "Open bank account via Links Centre before liberation."),
        ("other", "Advice worker to support Pt with benefit claim and debt advice before liberation."),
        ("icm_coordinator", "Book appointment re: benefits claim to start on day of liberation."),
    ),
    "family": (
        ("you", "Keep up weekly family visits and join parenting group in {month}."),
        ("pbsw", "PBSW to liaise with children and families social work re: contact with Pt's children."),
        ("personal_officer", "{po} to help Pt apply for family visits in the family centre."),
    ),
    "relationships": (
        ("psychology", "Psychology to offer 1:1 work re: healthy relationships."),
        ("you", "Pt to take part in healthy relationships group when offered."),
        ("cbsw", "CBSW to assess proposed contact with partner on release."),
    ),
    "offending_behaviour": (
        ("personal_officer", "{po} to complete Annex A re: {what} and submit to RMT by end of {month}."),
        ("you", "Complete offence-focused workbook with PBSW and discuss at next ICM CC."),
        ("pbsw", "PBSW to complete LS/CMI reassessment ahead of next ICM CC."),
        ("icm_coordinator", "ICM team to refer to RMT via Annex A for consideration of SEL."),
        ("psychology", "Psychology to complete RoSH assessment and advise re: RMP."),
    ),
    "programmes": (
        ("psychology", "Programmes Team to complete GPA; PCMB to decide re: {prog}."),
        ("you", "Attend all {prog} sessions and complete tasks between sessions."),
        ("psychology", "Programmes Team to put Pt on national waiting list for {prog}; place may be elsewhere."),
        ("icm_coordinator", "ICM team to chase PCMB date asap."),
    ),
    "faith": (
        ("other", "Chaplaincy to link Pt with faith group of choice in {town}."),
        ("you", "Pt to attend chaplaincy group {n} times a month as agreed."),
    ),
    "identity_documents": (
        ("icm_coordinator", "Get birth certificate via Links Centre before liberation."),
        ("you", "Pt to apply for a photo identity card with support from PO."),
        ("other", "Links Centre to support Pt to renew passport before release."),
    ),
    "other": (
        ("other", "Throughcare support officer to meet Pt approx 12 weeks before liberation."),
        ("personal_officer", "{po} to check in with Pt weekly on {hall} re: progress with CIP."),
        ("you", "Pt to note any questions for next ICM CC and bring them to the meeting."),
    ),
}

# Progress notes by action status; {d} is the day the action was last updated.
PROGRESS = {
    "done": ("Completed w/c {d}.", "Done - confirmed by PO {d}.", "Completed; good report from staff."),
    "in_progress": ("Under way - checked by PO {d}.", "Going well so far.", "Ongoing - reviewed at last ICM CC."),
    "waiting": ("Waiting on PCMB date.", "On hold pending reply from SPS HQ.", "Waiting - approx {n} months."),
    "not_started": ("Due to begin w/c {soon}.", "To be discussed at next ICM CC."),
    "stopped": ("Stopped after move to another hall.", "Stopped at Pt's request; can restart.",
                "No longer needed - see CIP review {d}."),
}

# Plan summaries by plan source, with "standard" for CIPs under Standard ICM.
PLAN_SUMMARIES = {
    "standard": ("CSA completed on admission; CIP actions set re: work, learning and release planning.",
                 "Standard ICM: actions from CSA. Pt to speak to PO re: any changes."),
    "cip": ("CIP agreed at ICM CC. Focus on preparation for release; PO to review monthly.",
            "CIP reviewed at ICM CC with PBSW and PO; LS/CMI to follow."),
    "cmp": ("Pt attended ICM CC and agreed CMP. OBP outstanding pending PCMB; Annex A to follow.",
            "CMP reviewed at ICM CC with PBSW and PO. {n} actions still open.",
            "CMP actions agreed with Pt; focus on areas Pt wants to work on."),
    "rmp": ("RMP agreed at ICM CC; MAPPA arrangements noted. Actions agreed with Pt and CBSW.",
            "RMP reviewed after RoSH assessment; contingency plan in place. Next review at ICM CC.",),
}

ACTION_COUNTS = (1, 1, 2, 2, 3, 3, 4, 5)

ACTION_STATUSES = ("in_progress",) * 3 + ("not_started",) * 2 + ("done",) * 3 + ("waiting", "stopped")

PROGRAMMES = ("Self-Change Programme", "Moving Forward: Making Changes", "Constructs",
              "Pathways", "Substance Related Offending Behaviour Programme",
              "Healthy Relationships Programme")

PROGRAMME_NOTES = {
    "assessment_due": "GPA due - referral made by PBSW.",
    "not_required": "GPA completed; no OBP needed at this time.",
    "waiting": "On national waiting list; position can change as others join.",
    "offered": "Place offered at {place} from w/c {soon}.",
    "in_progress": "Attending; {n} sessions done.",
    "completed": "Completed {month}; report on PR2.",
    "deselected": "Deselected after missed sessions; can be re-referred via PCMB.",
    "declined": "Pt declined place; can ask PO to re-refer.",
}


class Plans(Dealer):
    """Makes a person's plan and courses."""

    def plan(self, case: Case) -> dict | None:
        """The agreed plan (CIP, CMP or RMP) with its actions; new arrivals have none yet."""
        if case.icm == "none" or case.served < 7 or self.chance("no plan", 6):
            return None
        held = [meeting for meeting in case.meetings.values()
                if meeting["kind"] in ("icm_initial", "icm_annual") and meeting["status"] == "held"]
        agreed = (date.fromisoformat(held[-1]["date"]) if held
                  else case.start + self.roll(3, min(30, case.served - 1)) * DAY)
        source = (case.risk or {}).get("plan_type", "cip")
        plan = {"source": source, "agreed_on": agreed.isoformat()}
        if held:
            plan["agreed_at_meeting"] = held[-1]["id"]
        if self.chance("summary", 2):
            summaries = PLAN_SUMMARIES["standard" if case.icm == "standard" else source]
            plan["summary"] = self.pick(summaries).format_map(case.slots)
        many = self.chance("many actions", 40)
        count = self.roll(10, 20) if many else self.deal("actions", ACTION_COUNTS)
        plan["actions"] = [self.action(number, agreed, case.slots) for number in range(1, count + 1)]
        return plan

    def action(self, number: int, agreed: date, slots: dict) -> dict:
        """One plan action whose owner fits its """
        area = self.deal("area", tuple(ACTIONS))
        owner, template = self.deal(f"action:{area}", ACTIONS[area])
        status = self.deal("status", ACTION_STATUSES)
        action = {"id": f"A{number}", "area": area, "text": template.format_map(slots), "owner": owner}
        if status != "done" and self.rng.random() < 0.4:
            action["due_on"] = (self.today + self.roll(14, 365) * DAY).isoformat()
        updated = self.day_between(agreed, self.today)
        action |= {"status": status, "updated_on": updated.isoformat()}
        if self.rng.random() < 0.3:
            note = self.pick(PROGRESS[status])
            action["progress_note"] = note.format_map(slots | {"d": updated.strftime("%d/%m/%y")})
        return action

    def programmes(self, case: Case) -> list[dict]:
        """Offending behaviour programmes, mostly for people assessed medium or higher."""
        if not case.risk or (case.risk["level"] in RISK_LEVELS[:2] and not self.chance("anyway", 4)):
            return []
        names = [case.slots["prog"]]
        if self.chance("second programme", 3):
            names.append(self.pick([name for name in PROGRAMMES if name != names[0]]))
        return [self.programme(case, name) for name in names]

    def programme(self, case: Case, name: str) -> dict:
        """Where the person is with one programme, and where it runs."""
        status = self.deal("programme", tuple(PROGRAMME_NOTES))
        programme = {"name": name, "status": status}
        if status in ("offered", "in_progress", "completed", "waiting"):
            programme["location"] = f"HMP {case.slots['place']}"
        programme["since"] = self.day_between(case.start + 60 * DAY, self.today).isoformat()
        if self.chance("programme note", 2):
            programme["note"] = PROGRAMME_NOTES[status].format_map(case.slots)
        return programme
