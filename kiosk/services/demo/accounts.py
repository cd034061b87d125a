"""One made-up staff account for each role, so someone trying the demo can see the staff side.

Demo data only: every account has the same password, given on the command line.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from kiosk.data import kiosk_queries, staff_queries
from kiosk.services.access import staff_accounts
from kiosk.services.access.staff_access import Role, role_name

CASELOAD_SIZE = 10  # people put on the demo personal officer's and social worker's caseloads


@dataclass(frozen=True)
class DemoAccount:
    """A demo account: its username, its role in words, and whom it sees."""

    username: str
    role: str
    sees: str


def make_staff(session: Session, establishment_code: str, password: str, now: datetime) -> list[DemoAccount]:
    """An account per role at the establishment (made once; a second run changes nothing)."""
    establishment = staff_queries.establishment_by_code(session, establishment_code)
    people = kiosk_queries.people_at(session, establishment_code)
    if establishment is None or not people:
        raise ValueError(f"no one is recorded at {establishment_code}: import the demo people first")
    hall = next((person.hall for person in people if person.hall), None)
    made = []
    for role in Role:
        username = f"demo-{role.replace('_', '-')}"
        sees = {Role.PERSONAL_OFFICER: f"hall {hall} and a caseload of {CASELOAD_SIZE}",
                Role.SOCIAL_WORKER: f"a caseload of {CASELOAD_SIZE}", Role.MANAGER: "the dashboard and audit trail",
                Role.ADMINISTRATOR: "staff accounts and imports"}.get(role, establishment.name)
        if staff_accounts.user_by_name(session, username) is None:
            user = staff_accounts.create_user(
                session, username, f"Demo {role_name(role).lower()}", password, role, now,
                establishment_id=None if role == Role.ADMINISTRATOR else establishment.id,
                hall=hall if role == Role.PERSONAL_OFFICER else None)
            if role in (Role.PERSONAL_OFFICER, Role.SOCIAL_WORKER):
                for person in people[:CASELOAD_SIZE]:
                    staff_accounts.add_to_caseload(session, user, person.id)
        made.append(DemoAccount(username, role_name(role), sees))
    return made
