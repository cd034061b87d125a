"""Someone whose record reaches every use of the phrase bank: licence conditions (one matched
standard condition, an exclusion zone with a place, one no phrase says, one whose place tries to
inject a script), a decision with reasons and a next step, and a plan with an action."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from kiosk.data import queries
from kiosk.extensions import db
from kiosk.models import Person, StaffUser
from kiosk.services.staff import summaries
from kiosk.services.staff.summaries import Choice, StaffLine
from support.kiosk import XSS

NUMBER = "GR3000009"
EXCLUSION = "Not to enter the exclusion zone as delineated on the attached map (Paisley town centre)"
UNMATCHED = "Not to keep any dog at the approved address."
REASONS = ["Offence-focused work not yet completed.", "Misconduct report in March."]
STEPS = ["Re-refer once OBP complete."]


def person_on_licence(reasons=REASONS) -> dict:
    """Someone near release with a standard condition, an exclusion zone, a condition no phrase
    says, one whose place tries to inject a script, a decision and a plan."""
    return {
        "prison_number": NUMBER, "name": {"given": "Rona", "family": "Bell"}, "date_of_birth": "1990-04-04",
        "sentence": {"type": "long_term", "start_date": (date.today() - timedelta(days=900)).isoformat(),
                     "length_days": 1600, "icm": "enhanced"},
        "decisions": [{"id": "P-D1", "forum": "rmt", "subject": "open_estate", "outcome": "not_approved",
                       "decided_on": (date.today() - timedelta(days=10)).isoformat(), "reasons": reasons,
                       "next_steps": STEPS}],
        "plan": {"source": "cmp", "agreed_on": (date.today() - timedelta(days=100)).isoformat(), "actions": [
            {"id": "P-A1", "area": "money", "text": "Open bank account via Links Centre before liberation.",
             "owner": "you", "status": "in_progress", "updated_on": date.today().isoformat()}]},
        "licence": {"conditions": [
            {"id": "C1", "kind": "standard", "text": "Be of good behaviour and keep the peace."},
            {"id": "C2", "kind": "additional", "text": EXCLUSION},
            {"id": "C3", "kind": "additional", "text": UNMATCHED},
            {"id": "C4", "kind": "additional",
             "text": f"Do not enter the {XSS} exclusion zone shown on the map given to Pt."},
        ]},
    }


def compose_summary(app, username: str) -> None:
    """Plain summaries made from phrases by the staff member `username`: of the decision (its
    reasons, its next step, a phrase added and words of their own) and of the plan (its action)."""
    with app.app_context(), db.transaction() as session:
        person = session.scalars(select(Person).where(Person.prison_number == NUMBER)).one()
        user = session.scalars(select(StaffUser).where(StaffUser.username == username)).one()
        now = datetime.now(timezone.utc)
        choices = [Choice("offence_work_not_finished", line=StaffLine(summaries.REASONS, REASONS[0])),
                   Choice("refer_again_after_programme", {"programme": "Pathways"},
                          StaffLine(summaries.NEXT_STEPS, STEPS[0])),
                   Choice("ask_role", {"role": "personal_officer"})]
        summaries.save(session, user, person, "decision", "P-D1", "We will meet you next week.", now, choices)
        plan = summaries.target_of(session, person.id, "plan", queries.plan_for(session, person.id).item_key)
        [action] = summaries.lines_of(session, person.id, plan)
        summaries.save(session, user, person, "plan", plan.item_key, "", now, [Choice("bank_account", line=action)])
