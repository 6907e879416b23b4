"""The tracker app's models, one module per concept."""

from .access import ApiToken, Grant
from .corrections import Correction
from .documents import KINDS, ROLES, Document, Issuer, ParseJob, Section
from .subscriptions import ScorecardSend, Subscription

__all__ = ["KINDS", "ROLES", "ApiToken", "Correction", "Document", "Grant", "Issuer", "ParseJob", "ScorecardSend",
           "Section", "Subscription"]
