"""Organisations the browser tests start from (clearly fictional)."""

from directory.models import Location, Organisation, Service


def publish_with_service_at_location(organisation: Organisation) -> Organisation:
    """Give `organisation` one location and a "Taalcafé" service there, and publish it."""
    location = Location(organisation=organisation, address="Fictieve Straat 1", postcode="3511 AB")
    service = Service(organisation=organisation, name="Taalcafé")
    service.locations = [location]
    organisation.locations = [location]
    organisation.services = [service]
    organisation.save()
    organisation.save_revision().publish()
    return organisation
