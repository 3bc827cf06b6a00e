"""Write access for member organisations: PATCH an organisation with a personal token.

The change never touches the live row: it becomes a draft revision (`moderation.save_draft`)
that is put before the moderators (`moderation.submit_for_moderation`), exactly as an edit in
the member screens. Who may change which organisation is the directory's one permission
policy; the token only says who is asking.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError, ValidationError
from pydantic import Field

from apiplatform.member_tokens import MemberTokenAuth

from ..models import Language, Municipality, Organisation
from ..moderation import (
    ProfileLocked,
    editable_draft,
    profile_status,
    save_draft,
    submit_for_moderation,
)
from ..permissions import organisation_permission_policy as policy
from ..roles import CHANGE
from ..validators import validate_kvk_number


class OrganisationUpdate(Schema):
    """The fields a member may change; leave a field out to keep it."""

    name: str | None = Field(None, min_length=2, max_length=200)
    description: str | None = Field(None, max_length=10_000)
    website: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    kvk_number: str | None = Field(None, max_length=12)
    languages: list[str] | None = Field(None, description="ISO 639-taalcodes.")
    municipalities: list[str] | None = Field(None, description="Slugs van gemeenten.")
    submit: bool = Field(True, description="Meteen aanbieden aan de redactie (anders concept).")


class UpdateAccepted(Schema):
    id: str
    status: str = Field(description="draft of in_moderation: de wijziging is nog niet openbaar.")
    detail: str


def _error(errors, name, message):
    errors.append({"loc": ("body", "payload", name), "msg": str(message), "type": "invalid"})


def _validated_relations(payload: OrganisationUpdate, errors: list):
    languages = municipalities = None
    if payload.languages is not None:
        languages = list(Language.objects.filter(code__in=payload.languages))
        unknown = set(payload.languages) - {lang.code for lang in languages}
        if unknown:
            _error(errors, "languages", _("Onbekende taalcodes: %s") % ", ".join(sorted(unknown)))
    if payload.municipalities is not None:
        municipalities = list(Municipality.objects.filter(slug__in=payload.municipalities))
        unknown = set(payload.municipalities) - {m.slug for m in municipalities}
        if unknown:
            _error(
                errors, "municipalities", _("Onbekende gemeenten: %s") % ", ".join(sorted(unknown))
            )
    return languages, municipalities


def _validate_fields(payload: OrganisationUpdate, errors: list) -> None:
    checks = {
        "website": URLValidator(schemes=["http", "https"]),
        "email": EmailValidator(),
        "kvk_number": validate_kvk_number,
    }
    for name, validator in checks.items():
        value = getattr(payload, name)
        if value:
            try:
                validator(value)
            except DjangoValidationError as exc:
                _error(errors, name, " ".join(exc.messages))


def target_organisation(organisation_id: str) -> Organisation:
    from uuid import UUID

    try:
        lookup = {"uuid": UUID(organisation_id)}
    except ValueError:
        lookup = {"slug": organisation_id}
    organisation = Organisation.objects.filter(**lookup).first()
    if organisation is None:
        raise HttpError(404, _("Deze organisatie bestaat niet."))
    return organisation


def update_organisation(request, organisation_id: str, payload: OrganisationUpdate):
    token = request.auth
    organisation = target_organisation(organisation_id)
    if token.organisation_id != organisation.pk or not policy.user_has_permission_for_instance(
        token.user, CHANGE, organisation
    ):
        raise HttpError(403, _("Met dit token kunt u alleen uw eigen organisatie wijzigen."))
    errors: list = []
    _validate_fields(payload, errors)
    languages, municipalities = _validated_relations(payload, errors)
    if errors:
        raise ValidationError(errors)

    draft = editable_draft(organisation)
    changes = payload.dict(exclude_unset=True, exclude={"languages", "municipalities", "submit"})
    for name, value in changes.items():
        setattr(draft, name, value if value is not None else "")
    if languages is not None:
        draft.languages.set(languages)
    if municipalities is not None:
        draft.municipalities.set(municipalities)
    try:
        with transaction.atomic():
            save_draft(draft, token.user)
            if payload.submit:
                submit_for_moderation(organisation, token.user)
    except ProfileLocked as locked:
        raise HttpError(409, locked.messages[0]) from locked
    organisation.refresh_from_db()
    status = profile_status(organisation)
    detail = (
        _("Uw wijziging is aangeboden aan de redactie; na goedkeuring is ze openbaar.")
        if payload.submit
        else _("Uw wijziging is opgeslagen als concept.")
    )
    return 202, {"id": str(organisation.uuid), "status": status.code, "detail": str(detail)}


def register(router) -> None:
    router.patch(
        "/organisations/{organisation_id}",
        response={202: UpdateAccepted},
        auth=MemberTokenAuth(),
        summary="Eigen organisatie wijzigen (leden)",
        description=(
            "Met een persoonlijk token (Authorization: Bearer kkm_...) wijzigt een lid zijn "
            "eigen organisatie. De wijziging wordt een concept dat de redactie beoordeelt "
            "(dezelfde moderatie als in 'Mijn organisatie'); tot de goedkeuring ziet het "
            "publiek de gepubliceerde versie."
        ),
        openapi_extra={
            "responses": {
                "403": {"description": "Dit token hoort niet bij deze organisatie."},
                "409": {
                    "description": "De redactie heeft het profiel vergrendeld; probeer het later."
                },
            }
        },
    )(update_organisation)
