"""Admin view for moderators: invite someone to an organisation (also to claim one without
users). The policy's "invite" action decides, like everywhere else."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import invitations
from ..member.forms import InviteForm
from ..models import Invitation, Membership, Organisation, Role
from ..permissions import organisation_permission_policy as policy
from ..roles import INVITE


class AdminInviteView(WagtailAdminTemplateMixin, FormView):
    form_class = InviteForm
    template_name = "directory/admin/invite.html"
    page_title = gettext_lazy("Uitnodigen")
    header_icon = "mail"

    def dispatch(self, request, pk, *args, **kwargs):
        self.organisation = Organisation.objects.filter(pk=pk).first()
        if self.organisation is None or not policy.user_has_permission_for_instance(
            request.user, INVITE, self.organisation
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.organisation.name

    def get_initial(self):
        has_users = Membership.objects.filter(organisation=self.organisation).exists()
        return {"role": Role.EDITOR if has_users else Role.OWNER}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            organisation=self.organisation,
            memberships=Membership.objects.filter(organisation=self.organisation).select_related(
                "user"
            ),
            invitations=Invitation.objects.pending().filter(organisation=self.organisation),
        )
        return context

    def form_valid(self, form):
        try:
            invitations.invite(
                self.organisation,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                self.request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Uitnodiging verstuurd naar %(email)s.") % {"email": form.cleaned_data["email"]},
        )
        return redirect(reverse("directory_admin_invite", args=[self.organisation.pk]))
