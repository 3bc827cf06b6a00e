"""Inviting people to an organisation, accepting (claiming) and removing memberships.

Owners invite colleagues; moderators invite the first owner of an organisation without users
(claiming). Every step asks the one permission policy. Accepting is single use: the invitation
is marked accepted in the same conditional UPDATE that checks it is still open, so two
simultaneous clicks cannot both succeed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .emails import send_invitation
from .models import Invitation, Membership, Role
from .permissions import organisation_permission_policy as policy
from .roles import INVITE


def invite(organisation, email: str, role: str, invited_by) -> Invitation:
    """Create an invitation and email its link. Owners invite; moderators may too (claiming)."""
    if not policy.user_has_permission_for_instance(invited_by, INVITE, organisation):
        raise PermissionDenied
    if role not in Role.values:
        raise ValidationError(_("Onbekende rol."))
    if Membership.objects.filter(
        organisation=organisation, user__email__iexact=email.strip()
    ).exists():
        raise ValidationError(_("Deze persoon hoort al bij de organisatie."))
    invitation, token = Invitation.create(
        organisation=organisation, email=email, role=role, invited_by=invited_by
    )
    transaction.on_commit(lambda: send_invitation(invitation, token))
    return invitation


class InvitationError(Exception):
    """An invitation that cannot be used, with a message for the person holding the link."""


def check_usable(invitation: Invitation | None) -> Invitation:
    if invitation is None:
        raise InvitationError(_("Deze uitnodiging bestaat niet."))
    if invitation.accepted_at is not None:
        raise InvitationError(_("Deze uitnodiging is al gebruikt."))
    if invitation.revoked_at is not None:
        raise InvitationError(_("Deze uitnodiging is ingetrokken."))
    if invitation.is_expired:
        raise InvitationError(_("Deze uitnodiging is verlopen. Vraag om een nieuwe uitnodiging."))
    return invitation


@transaction.atomic
def accept(token: str, user) -> Membership:
    """Turn an open invitation into a membership of `user`; the token then stops working."""
    invitation = check_usable(Invitation.find(token))
    if user.email.strip().lower() != invitation.email:
        raise InvitationError(
            _("Deze uitnodiging is voor %(email)s. Log in met dat e-mailadres.")
            % {"email": invitation.email}
        )
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(accepted_at=timezone.now(), accepted_by=user)
    if claimed != 1:
        raise InvitationError(_("Deze uitnodiging is al gebruikt."))
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Role.OWNER and membership.role != Role.OWNER:
        membership.role = Role.OWNER
        membership.save(update_fields=["role"])
    policy.forget(user)
    return membership


def revoke(invitation: Invitation, user) -> None:
    if not policy.user_has_permission_for_instance(user, INVITE, invitation.organisation):
        raise PermissionDenied
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        revoked_at=timezone.now()
    )


@transaction.atomic
def remove_member(membership: Membership, user) -> None:
    """Owners (and moderators) remove colleagues; the last owner cannot be removed."""
    if not policy.user_has_permission_for_instance(user, INVITE, membership.organisation):
        raise PermissionDenied
    owners = Membership.objects.select_for_update().filter(
        organisation=membership.organisation, role=Role.OWNER
    )
    if membership.role == Role.OWNER and owners.count() <= 1:
        raise ValidationError(_("De laatste beheerder kan niet worden verwijderd."))
    membership.delete()
    policy.forget(membership.user)
