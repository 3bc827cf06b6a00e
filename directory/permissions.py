"""The one permission policy for organisations.

Every admin view, chooser, listing, API write and export asks this policy (registered for
`Organisation` in `DirectoryConfig.ready`), never its own ad-hoc checks. It extends Wagtail's
`ModelPermissionPolicy`: moderators act through their Django model permissions on all
organisations; members act on their own organisations with the actions of their role
(`roles.MEMBER_ROLE_ACTIONS`).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from .roles import EXPORT, MEMBER_ROLE_ACTIONS, VIEW_REPORTS

# Our own actions that moderators hold through a Django permission of another model.
DJANGO_PERMISSION_FOR = {VIEW_REPORTS: "directory_public.view_errorreport"}


def _roles_allowing(actions) -> list[str]:
    return [role for role, allowed in MEMBER_ROLE_ACTIONS.items() if allowed & set(actions)]


def _django(actions) -> list[str]:
    """Django permission actions behind ours: exporting needs the "view" permission."""
    return ["view" if action == EXPORT else action for action in actions]


class OrganisationPermissionPolicy(ModelPermissionPolicy):
    """Moderators by model permission, members by membership role (see `directory.roles`)."""

    membership_cache_name = "_directory_membership_roles"

    # Model-level permissions: "export" is not a Django permission; moderators with "view"
    # may export, and superusers may do everything.
    def _has_model_permission(self, user, action) -> bool:
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        if action == EXPORT:
            return user.has_perm(self._get_permission_name("view"))
        if action in DJANGO_PERMISSION_FOR:
            return user.has_perm(DJANGO_PERMISSION_FOR[action])
        return user.has_perm(self._get_permission_name(action))

    def member_roles(self, user) -> dict[int, str]:
        """{organisation id: role} of an active user; cached on the user object per request."""
        if not (user.is_authenticated and user.is_active):
            return {}
        cached = getattr(user, self.membership_cache_name, None)
        if cached is None:
            from .models import Membership

            cached = dict(
                Membership.objects.filter(user=user).values_list("organisation_id", "role")
            )
            setattr(user, self.membership_cache_name, cached)
        return cached

    def forget(self, user) -> None:
        """Drop the cached memberships (after inviting, accepting or removing)."""
        if hasattr(user, self.membership_cache_name):
            delattr(user, self.membership_cache_name)

    def is_moderator(self, user) -> bool:
        return self._has_model_permission(user, "change")

    # Model level: "on some or all organisations".
    def user_has_permission(self, user, action):
        if self._has_model_permission(user, action):
            return True
        return any(
            action in MEMBER_ROLE_ACTIONS.get(role, ()) for role in self.member_roles(user).values()
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        model_level = Q(pk__in=super().users_with_any_permission(_django(actions)).values("pk"))
        members = Q(is_active=True, directory_memberships__role__in=_roles_allowing(actions))
        return get_user_model().objects.filter(model_level | members).distinct()

    # Instance level.
    def user_has_permission_for_instance(self, user, action, instance):
        if self._has_model_permission(user, action):
            return True
        role = self.member_roles(user).get(instance.pk)
        return role is not None and action in MEMBER_ROLE_ACTIONS.get(role, ())

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if any(self._has_model_permission(user, action) for action in actions):
            return manager.all()
        allowed = set(actions)
        organisation_ids = [
            pk
            for pk, role in self.member_roles(user).items()
            if MEMBER_ROLE_ACTIONS.get(role, frozenset()) & allowed
        ]
        return manager.filter(pk__in=organisation_ids)

    def users_with_any_permission_for_instance(self, actions, instance):
        members = Q(
            is_active=True,
            directory_memberships__organisation=instance,
            directory_memberships__role__in=_roles_allowing(actions),
        )
        model_level = Q(pk__in=super().users_with_any_permission(_django(actions)).values("pk"))
        return get_user_model().objects.filter(model_level | members).distinct()


organisation_permission_policy = OrganisationPermissionPolicy("directory.Organisation")


class ErrorReportPermissionPolicy(ModelPermissionPolicy):
    """Visitors' error reports: moderators by model permission; members, through the
    organisation policy's `view_reports` action, read those about their own organisations.

    Nobody adds reports in the back office (visitors do, on the public page). Members never
    change or delete a report and never see reports about other organisations.
    """

    def __init__(self, model, organisation_policy=organisation_permission_policy):
        super().__init__(model)
        self.organisation_policy = organisation_policy

    def _model_level(self, user, action) -> bool:
        return action != "add" and super().user_has_permission(user, action)

    def user_has_permission(self, user, action):
        if self._model_level(user, action):
            return True
        return action == "view" and self.organisation_policy.user_has_permission(user, VIEW_REPORTS)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if self._model_level(user, action):
            return True
        return action == "view" and self.organisation_policy.user_has_permission_for_instance(
            user, VIEW_REPORTS, instance.organisation
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if any(self._model_level(user, action) for action in actions):
            return manager.all()
        if "view" not in actions:
            return manager.none()
        organisations = self.organisation_policy.instances_user_has_permission_for(
            user, VIEW_REPORTS
        )
        return manager.filter(organisation__in=organisations.values("pk"))

    def reports_for(self, user, organisation):
        """The reports about `organisation` that `user` may read (none if not allowed)."""
        if not self.organisation_policy.user_has_permission_for_instance(
            user, VIEW_REPORTS, organisation
        ):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(organisation=organisation)


error_report_permission_policy = ErrorReportPermissionPolicy("directory_public.ErrorReport")
