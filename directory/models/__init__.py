"""Models of the partner directory (the contract other apps build on: keep names stable)."""

from .membership import Invitation, Membership, Role
from .organisations import Location, Organisation, OrganisationQuerySet, Service
from .reminders import ReviewReminder
from .tags import PhaseTag, ServicePhase, ServiceTheme
from .vocabularies import Language, Municipality, OrganisationType, PostcodeArea

__all__ = [
    "Invitation",
    "Language",
    "Location",
    "Membership",
    "Municipality",
    "Organisation",
    "OrganisationQuerySet",
    "OrganisationType",
    "PhaseTag",
    "PostcodeArea",
    "ReviewReminder",
    "Role",
    "Service",
    "ServicePhase",
    "ServiceTheme",
]
