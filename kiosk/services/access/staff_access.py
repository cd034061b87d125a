"""Who on the staff side may do what, and see whom: the one place these rules live.

Each role has a set of permissions (what pages they may use) and a scope (whose records they
may open). Views ask `has_permission`; queries filter with `person_scope`; a single record is
checked with `can_see_person`. Both scope functions say the same thing, one in SQL.
"""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, false, or_, select, true

from kiosk.models import Caseload, Person, StaffUser


class Role(StrEnum):
    """The staff roles, as stored on `StaffUser.role`."""

    PERSONAL_OFFICER = "personal_officer"
    CASE_COORDINATOR = "case_coordinator"
    SOCIAL_WORKER = "social_worker"
    RMT_ADMINISTRATOR = "rmt_administrator"
    MANAGER = "manager"
    ADMINISTRATOR = "administrator"


class Permission(StrEnum):
    """A thing a page lets staff do."""

    FIND_PEOPLE = "find_people"          # search, caseload, open a person's record
    RESET_PINS = "reset_pins"
    WRITE_SUMMARIES = "write_summaries"  # plain summaries and the checker
    VIEW_DASHBOARD = "view_dashboard"
    SEARCH_AUDIT = "search_audit"
    IMPORT_RECORDS = "import_records"
    MANAGE_USERS = "manage_users"
    PRINT = "print"                      # printed copies, the print queue and batches
    READ_LETTERS = "read_letters"        # the letters inbox: open, acknowledge, share, reply, export
    VIEW_LETTER_FIGURES = "view_letter_figures"
    # Confirm that an explanation, in every language, says what its source says (every
    # signed-in member of staff may read them: /staff/explanations).
    REVIEW_EXPLANATIONS = "review_explanations"


ROLE_NAMES = {
    Role.PERSONAL_OFFICER: _l("Personal officer"),
    Role.CASE_COORDINATOR: _l("Case coordinator"),
    Role.SOCIAL_WORKER: _l("Social worker"),
    Role.RMT_ADMINISTRATOR: _l("RMT administrator"),
    Role.MANAGER: _l("Manager"),
    Role.ADMINISTRATOR: _l("Administrator"),
}

_CASEWORK = {Permission.FIND_PEOPLE, Permission.RESET_PINS, Permission.WRITE_SUMMARIES,
             Permission.READ_LETTERS, Permission.PRINT}
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PERSONAL_OFFICER: frozenset(_CASEWORK),
    Role.CASE_COORDINATOR: frozenset(_CASEWORK | {Permission.VIEW_LETTER_FIGURES}),
    Role.SOCIAL_WORKER: frozenset({Permission.FIND_PEOPLE, Permission.WRITE_SUMMARIES,
                                   Permission.READ_LETTERS, Permission.PRINT}),
    Role.RMT_ADMINISTRATOR: frozenset({Permission.FIND_PEOPLE, Permission.WRITE_SUMMARIES,
                                       Permission.READ_LETTERS, Permission.PRINT}),
    Role.MANAGER: frozenset({Permission.VIEW_DASHBOARD, Permission.SEARCH_AUDIT,
                             Permission.VIEW_LETTER_FIGURES, Permission.REVIEW_EXPLANATIONS}),
    Role.ADMINISTRATOR: frozenset({Permission.IMPORT_RECORDS, Permission.MANAGE_USERS}),
}

# Whose records each role may open: their caseload, their hall, their establishment.
CASELOAD, HALL, ESTABLISHMENT, NOBODY = "caseload", "hall", "establishment", "nobody"
SCOPES: dict[Role, frozenset[str]] = {
    Role.PERSONAL_OFFICER: frozenset({CASELOAD, HALL}),
    Role.CASE_COORDINATOR: frozenset({ESTABLISHMENT}),
    Role.SOCIAL_WORKER: frozenset({CASELOAD}),
    Role.RMT_ADMINISTRATOR: frozenset({ESTABLISHMENT}),
    Role.MANAGER: frozenset({ESTABLISHMENT}),  # counts and lists on the dashboard only
    Role.ADMINISTRATOR: frozenset({NOBODY}),
}


def role_name(role: str) -> str:
    """The role in words, for headers and the audit trail."""
    return str(ROLE_NAMES.get(role, role))


def has_permission(user: StaffUser, permission: Permission) -> bool:
    """True when the user's role grants the permission (an unknown role grants nothing)."""
    return permission in PERMISSIONS.get(user.role, frozenset())


def _in_establishment(user: StaffUser, person: Person) -> bool:
    """National roles have no establishment and see every one."""
    return user.establishment_id is None or person.establishment_id == user.establishment_id


def can_see_person(user: StaffUser, person: Person, caseload_ids: set[int]) -> bool:
    """Whether the user may open this person's record (`caseload_ids`: the user's caseload)."""
    scopes = SCOPES.get(user.role, frozenset({NOBODY}))
    if CASELOAD in scopes and person.id in caseload_ids:
        return True
    if HALL in scopes and user.hall and user.establishment_id is not None:
        if person.establishment_id == user.establishment_id and person.hall == user.hall:
            return True
    return ESTABLISHMENT in scopes and _in_establishment(user, person)


def person_scope(user: StaffUser) -> ColumnElement[bool]:
    """The same rule as `can_see_person`, as a WHERE clause on `Person`."""
    scopes = SCOPES.get(user.role, frozenset({NOBODY}))
    clauses = []
    if CASELOAD in scopes:
        mine = select(Caseload.person_id).where(Caseload.staff_user_id == user.id)
        clauses.append(Person.id.in_(mine))
    if HALL in scopes and user.hall and user.establishment_id is not None:
        clauses.append(and_(Person.establishment_id == user.establishment_id,
                            Person.hall == user.hall))
    if ESTABLISHMENT in scopes:
        clauses.append(true() if user.establishment_id is None
                       else Person.establishment_id == user.establishment_id)
    return or_(*clauses) if clauses else false()


def manages_accounts_in(user: StaffUser, establishment_id: int | None) -> bool:
    """Whether an administrator may add or change accounts of this establishment (None:
    national accounts). An establishment's administrator manages only their own; only a
    national administrator (`kiosk staff create-admin` makes one) manages national accounts
    and every establishment, since a national account sees everyone."""
    if not has_permission(user, Permission.MANAGE_USERS):
        return False
    return user.establishment_id is None or establishment_id == user.establishment_id


def account_scope(user: StaffUser) -> ColumnElement[bool]:
    """The same rule as `manages_accounts_in`, as a WHERE clause on `StaffUser`."""
    if not has_permission(user, Permission.MANAGE_USERS):
        return false()
    if user.establishment_id is None:
        return true()
    return StaffUser.establishment_id == user.establishment_id
