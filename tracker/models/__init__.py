"""The tracker app's models, one module per concept."""

from .access import ApiToken, Grant
from .corrections import Correction
from .documents import KINDS, MEASURES, ROLES, Clause, Document, Issuer, ParseJob, Section
from .subscriptions import ScorecardSend, Subscription

__all__ = ["KINDS", "MEASURES", "ROLES", "ApiToken", "Clause", "Correction", "Document", "Grant", "Issuer",
           "ParseJob", "ScorecardSend", "Section", "Subscription"]
