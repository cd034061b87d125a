"""All tables, importable from one place (Alembic reads `Base.metadata` from here)."""
from .base import Base
from .kiosk_side import KioskAccount, KioskSession
from .lockouts import SignInLockout
from .letters import Feedback, HelpRequest, Letter, LetterDraft
from .printing import PrintBatch, PrintLogEntry, PrintRequest
from .staff_side import (
    AuditEvent, Caseload, ExplanationReview, PlainSummary, StaffSession, StaffUser, SummaryPhrase,
)
from .records import (
    PERSON_PARTS, Decision, Establishment, ImportRun, KeyDate, LicenceCondition, Meeting,
    Person, Plan, PlanAction, Programme, RiskArea, RiskAssessment, Sentence, StaffContact,
    Supervision,
)

__all__ = [
    "Base", "KioskAccount", "KioskSession", "SignInLockout", "PERSON_PARTS", "Decision", "Establishment", "ImportRun", "KeyDate",
    "LicenceCondition", "Meeting", "Person", "Plan", "PlanAction", "Programme", "RiskArea",
    "RiskAssessment", "Sentence", "StaffContact", "Supervision",
    "AuditEvent", "Caseload", "ExplanationReview", "PlainSummary", "StaffSession", "StaffUser",
    "SummaryPhrase",
    "PrintBatch", "PrintLogEntry", "PrintRequest",
    "Feedback", "HelpRequest", "Letter", "LetterDraft",
]
