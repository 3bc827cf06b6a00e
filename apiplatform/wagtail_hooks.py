"""Admin for editors: API keys (issue, revoke, usage), webhooks and their delivery log."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .admin_views import ApiKeyCreateView, MemberTokenCreateView, WebhookSubscriptionForm
from .models import ApiKey, MemberToken, WebhookDelivery, WebhookSubscription


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    name = "apiplatform_apikey"
    url_prefix = "apiplatform/apikey"
    icon = "key"
    menu_label = _("API-sleutels")
    add_view_class = ApiKeyCreateView
    form_fields = ["name", "contact_email", "rate_limit_per_minute", "is_active"]
    list_display = [
        "name",
        "prefix",
        "is_active",
        "rate_limit_per_minute",
        "request_count",
        "last_used_at",
        "created_at",
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "prefix", "contact_email"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "prefix",
        "contact_email",
        "is_active",
        "revoked_at",
        "rate_limit_per_minute",
        "request_count",
        "last_used_at",
        "created_at",
        "created_by",
    ]
    copy_view_enabled = False


class MemberTokenViewSet(ModelViewSet):
    """Editors can issue a token for a member (the member can also do it on its own screen)."""

    model = MemberToken
    name = "apiplatform_membertoken"
    url_prefix = "apiplatform/membertoken"
    icon = "user"
    menu_label = _("Tokens van leden")
    add_view_class = MemberTokenCreateView
    form_fields = ["name", "user", "organisation", "is_active"]
    list_display = ["name", "prefix", "organisation", "user", "is_active", "last_used_at"]
    list_filter = ["is_active"]
    copy_view_enabled = False


class WebhookSubscriptionViewSet(ModelViewSet):
    model = WebhookSubscription
    name = "apiplatform_webhooksubscription"
    url_prefix = "apiplatform/webhooksubscription"
    icon = "link"
    menu_label = _("Webhooks")
    form_fields = ["name", "target_url", "events", "secret", "is_active"]
    list_display = ["name", "target_url", "is_active", "created_at"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return WebhookSubscriptionForm


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Nobody, not even a superuser, adds or edits log rows by hand."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class WebhookDeliveryViewSet(ModelViewSet):
    """The delivery log: read only (deliveries are made by the task, not by editors)."""

    model = WebhookDelivery
    name = "apiplatform_webhookdelivery"
    url_prefix = "apiplatform/webhookdelivery"
    icon = "list-ul"
    menu_label = _("Webhook-afleveringen")
    form_fields = []
    list_display = [
        "event",
        "subscription",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "created_at",
        "delivered_at",
    ]
    list_filter = ["status", "event", "subscription"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "uuid",
        "subscription",
        "event",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "next_attempt_at",
        "created_at",
        "delivered_at",
        "payload",
    ]
    copy_view_enabled = False

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename__startswith="view")


register_permission_policy(WebhookDelivery, ReadOnlyPermissionPolicy(WebhookDelivery))


class ApiPlatformGroup(ModelViewSetGroup):
    menu_label = _("API")
    menu_icon = "code"
    menu_order = 900
    items = (ApiKeyViewSet, MemberTokenViewSet, WebhookSubscriptionViewSet, WebhookDeliveryViewSet)


@hooks.register("register_admin_viewset")
def register_viewset():
    return ApiPlatformGroup()
