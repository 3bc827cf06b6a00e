"""factory-boy factories for the directory's models (clearly fictional data)."""

import factory
from django.contrib.auth import get_user_model

from directory.models import (
    Language,
    Location,
    Membership,
    Municipality,
    Organisation,
    OrganisationType,
    PostcodeArea,
    Role,
    Service,
)
from journey.models import Phase


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@voorbeeld.invalid")
    password = factory.django.Password("geheim-wachtwoord-123")


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    slug = factory.Sequence(lambda n: f"fase-{n}")
    title = factory.Sequence(lambda n: f"Fase {n}")
    sort_order = factory.Sequence(int)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    province = "Utrecht"


class PostcodeAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostcodeArea

    pc4 = factory.Sequence(lambda n: str(9000 + n))
    place = "Testdorp"
    municipality = factory.SubFactory(MunicipalityFactory)
    latitude = 52.09
    longitude = 5.12


class OrganisationTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationType
        django_get_or_create = ("name",)

    name = "Sociaalwerkorganisatie"


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "nl"
    name = "Nederlands"


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A live (published) fictional organisation."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Fictieve Welzijnsstichting {n}")
    organisation_type = factory.SubFactory(OrganisationTypeFactory)
    description = "Een verzonnen organisatie voor tests."
    email = factory.Sequence(lambda n: f"info{n}@voorbeeld.invalid")
    live = True


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    address = "Voorbeeldstraat 1"
    postcode = "3511 AB"


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Taalcafé {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.OWNER
