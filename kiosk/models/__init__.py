"""All tables, importable from one place (Alembic reads `Base.metadata` from here)."""
from .base import Base
from .records import (
    PERSON_PARTS, Decision, Establishment, ImportRun, KeyDate, LicenceCondition, Meeting,
    Person, Plan, PlanAction, Programme, RiskArea, RiskAssessment, Sentence, StaffContact,
    Supervision,
)

__all__ = [
    "Base", "PERSON_PARTS", "Decision", "Establishment", "ImportRun", "KeyDate",
    "LicenceCondition", "Meeting", "Person", "Plan", "PlanAction", "Programme", "RiskArea",
    "RiskAssessment", "Sentence", "StaffContact", "Supervision",
]
