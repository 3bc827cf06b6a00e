"""Member screens: "Mijn organisatie".

Thin views: who may do what comes from the one permission policy; drafts, submission and
status from `directory.moderation`; invitations from `directory.invitations`. A user without
access to an organisation gets a 404 for it (it does not even learn that it exists).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import invitations as invitation_service
from ..models import Invitation, Membership, Organisation
from ..moderation import (
    Status,
    editable_draft,
    moderator_lock,
    profile_status,
    save_draft,
    submit_for_moderation,
)
from ..permissions import error_report_permission_policy
from ..permissions import organisation_permission_policy as policy
from ..public.models import ErrorReport
from ..roles import CHANGE, INVITE, VIEW, VIEW_REPORTS
from .forms import AccountForm, InviteForm, member_organisation_form_class

LOGIN_URL = reverse_lazy("directory_member:login")


def member_required(view):
    return login_required(view, login_url=LOGIN_URL)


def organisation_for(request, uuid, action=VIEW) -> Organisation:
    """The organisation named in the URL if the policy allows `action`, else 404."""
    organisation = Organisation.objects.filter(uuid=uuid).first()
    if organisation is None or not policy.user_has_permission_for_instance(
        request.user, action, organisation
    ):
        raise Http404
    return organisation


class MemberLoginView(LoginView):
    template_name = "directory/member/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("directory_member:index")


class MemberLogoutView(LogoutView):
    next_page = reverse_lazy("directory_member:login")


@member_required
def index(request):
    organisations = list(policy.instances_user_has_permission_for(request.user, CHANGE)[:50])
    if len(organisations) == 1:
        return redirect("directory_member:profile", uuid=organisations[0].uuid)
    return render(request, "directory/member/index.html", {"organisations": organisations})


@member_required
def profile(request, uuid):
    organisation = organisation_for(request, uuid)
    draft = editable_draft(organisation)
    memberships = Membership.objects.filter(organisation=organisation).select_related("user")
    return render(
        request,
        "directory/member/profile.html",
        {
            "organisation": organisation,
            "draft": draft,
            "status": profile_status(organisation),
            "Status": Status,
            "can_edit": policy.user_has_permission_for_instance(request.user, CHANGE, organisation),
            "locked": moderator_lock(organisation, request.user) is not None,
            "can_invite": policy.user_has_permission_for_instance(
                request.user, INVITE, organisation
            ),
            "memberships": memberships,
            "can_view_reports": policy.user_has_permission_for_instance(
                request.user, VIEW_REPORTS, organisation
            ),
            "new_reports": error_report_permission_policy.reports_for(request.user, organisation)
            .filter(status=ErrorReport.Status.NEW)
            .count(),
        },
    )


@member_required
def reports(request, uuid):
    """Visitors' error reports about this organisation, read-only, without the reporter's
    e-mail address (moderators handle the reports; the member corrects the profile)."""
    organisation = organisation_for(request, uuid, VIEW_REPORTS)
    reports = error_report_permission_policy.reports_for(request.user, organisation).only(
        "topic", "message", "status", "created_at", "organisation_id"
    )[:100]
    return render(
        request,
        "directory/member/reports.html",
        {
            "organisation": organisation,
            "reports": reports,
            "can_edit": policy.user_has_permission_for_instance(request.user, CHANGE, organisation),
        },
    )


def plugin_sections(form) -> list[dict]:
    """The plugin sections of the member form, bound, in display order (for the template)."""
    result = []
    for part in form.member_sections:
        formsets = []
        for item in part.formsets:
            label = capfirst(item.label)
            formsets.append(
                {
                    "formset": form.formsets[item.relation_name],
                    "legend": label,
                    "new_legend": _("%(item)s toevoegen (optioneel)") % {"item": label},
                }
            )
        result.append(
            {
                "key": part.key,
                "label": part.label,
                "fields": [form[name] for name in part.fields],
                "formsets": formsets,
            }
        )
    return result


def core_fields(form) -> list:
    """The organisation's own fields, without the logo and the plugin sections' fields."""
    skip = set(form.logo_fields)
    for part in form.member_sections:
        skip.update(part.fields)
    return [field for field in form if field.name not in skip]


@member_required
def edit(request, uuid):
    organisation = organisation_for(request, uuid, CHANGE)
    if request.method != "POST" and moderator_lock(organisation, request.user) is not None:
        # The profile page says why; a form posted before the lock keeps its input (below,
        # `save_draft` refuses it with the same explanation).
        return redirect("directory_member:profile", uuid=organisation.uuid)
    draft = editable_draft(organisation)
    form_class = member_organisation_form_class()
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, instance=draft)
        form.set_location_choices()
        if form.is_valid():
            try:
                with transaction.atomic():
                    saved = form.save(commit=False)
                    form.apply_logo(saved, request.user)
                    # Validates the whole cluster, child rows included: the plugins'
                    # validators see the new sections here, after the form put them in.
                    save_draft(saved, request.user)
                    submitted = "submit" in request.POST
                    if submitted:
                        submit_for_moderation(organisation, request.user)
            except ValidationError as error:
                form.discard_logo()  # the rollback removed its row, not its file
                form.add_error(None, error.messages)
            else:
                if submitted:
                    messages.success(
                        request,
                        _("Uw wijzigingen zijn opgeslagen en aangeboden aan de redactie."),
                    )
                else:
                    messages.success(request, _("Uw wijzigingen zijn opgeslagen als concept."))
                return redirect("directory_member:profile", uuid=organisation.uuid)
        messages.error(request, _("Controleer de gemarkeerde velden."))
    else:
        form = form_class(instance=draft)
        form.set_location_choices()
    return render(
        request,
        "directory/member/edit.html",
        {
            "organisation": organisation,
            "draft": draft,
            "form": form,
            "core_fields": core_fields(form),
            "logo_fields": [form[name] for name in form.logo_fields],
            "plugin_sections": plugin_sections(form),
            "status": profile_status(organisation),
            "has_formset_errors": form.is_bound
            and any(formset.total_error_count() for formset in form.formsets.values()),
        },
    )


@member_required
@require_POST
def submit(request, uuid):
    organisation = organisation_for(request, uuid, CHANGE)
    if moderator_lock(organisation, request.user) is not None:
        pass  # the profile page explains the lock
    elif profile_status(organisation).code in (Status.DRAFT, Status.REJECTED) and (
        organisation.has_unpublished_changes
    ):
        submit_for_moderation(organisation, request.user)
        messages.success(request, _("Uw profiel is aangeboden aan de redactie."))
    else:
        messages.info(request, _("Er zijn geen nieuwe wijzigingen om aan te bieden."))
    return redirect("directory_member:profile", uuid=organisation.uuid)


@member_required
@require_POST
def confirm_reviewed(request, uuid):
    """ "Mijn gegevens kloppen nog": marks the live profile as reviewed without a new revision."""
    organisation = organisation_for(request, uuid, CHANGE)
    Organisation.objects.filter(pk=organisation.pk).update(last_reviewed_at=timezone.now())
    messages.success(request, _("Bedankt! We hebben genoteerd dat uw gegevens nog kloppen."))
    return redirect("directory_member:profile", uuid=organisation.uuid)


@member_required
def members(request, uuid):
    organisation = organisation_for(request, uuid, INVITE)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_service.invite(
                organisation, form.cleaned_data["email"], form.cleaned_data["role"], request.user
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("Uitnodiging verstuurd naar %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("directory_member:members", uuid=organisation.uuid)
    return render(
        request,
        "directory/member/members.html",
        {
            "organisation": organisation,
            "form": form,
            "memberships": Membership.objects.filter(organisation=organisation).select_related(
                "user"
            ),
            "invitations": Invitation.objects.pending().filter(organisation=organisation),
        },
    )


@member_required
@require_POST
def remove_member(request, uuid, membership_id):
    organisation = organisation_for(request, uuid, INVITE)
    membership = get_object_or_404(Membership, pk=membership_id, organisation=organisation)
    try:
        invitation_service.remove_member(membership, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is verwijderd.") % {"name": membership.user})
    return redirect("directory_member:members", uuid=organisation.uuid)


@member_required
@require_POST
def revoke_invitation(request, uuid, invitation_id):
    organisation = organisation_for(request, uuid, INVITE)
    invitation = get_object_or_404(Invitation, pk=invitation_id, organisation=organisation)
    invitation_service.revoke(invitation, request.user)
    messages.success(request, _("De uitnodiging is ingetrokken."))
    return redirect("directory_member:members", uuid=organisation.uuid)


def accept_invitation(request, token):
    """Accept an invitation: logged in with the invited address, or by creating an account."""
    invitation = Invitation.find(token)
    try:
        invitation_service.check_usable(invitation)
    except invitation_service.InvitationError as error:
        return render(
            request, "directory/member/invitation_invalid.html", {"error": str(error)}, status=410
        )
    account_form = None
    if not request.user.is_authenticated:
        if get_user_model().objects.filter(email__iexact=invitation.email).exists():
            login_url = f"{reverse('directory_member:login')}?next={request.path}"
            return render(
                request,
                "directory/member/invitation_login.html",
                {"invitation": invitation, "login_url": login_url},
            )
        account_form = AccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST":
        if account_form is not None:
            if not account_form.is_valid():
                return render(
                    request,
                    "directory/member/invitation_accept.html",
                    {"invitation": invitation, "form": account_form},
                )
            with transaction.atomic():
                user = account_form.create_user()
                membership = _accept(request, token, user)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        else:
            membership = _accept(request, token, request.user)
        if membership is None:
            return redirect("directory_member:accept_invitation", token=token)
        messages.success(
            request,
            _("Welkom! U beheert nu het profiel van %(name)s.")
            % {"name": membership.organisation.name},
        )
        return redirect("directory_member:profile", uuid=membership.organisation.uuid)
    return render(
        request,
        "directory/member/invitation_accept.html",
        {"invitation": invitation, "form": account_form},
    )


def _accept(request, token, user):
    try:
        return invitation_service.accept(token, user)
    except invitation_service.InvitationError as error:
        messages.error(request, str(error))
        return None
