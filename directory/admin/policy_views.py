"""Make Wagtail's generic snippet views ask the organisation policy per instance.

Wagtail's snippet views check model-level permissions (which a member has, for their own
organisation) but not which organisation a URL names. These pieces close that gap in one place:
listings and choosers show only what the policy allows, and every URL that names an
organisation (edit, history, revisions, compare, workflow, lock, delete, usage, ...) answers 404
when the policy gives the user no access to it.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import Http404
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import IndexView

from ..roles import CHANGE, VIEW

OBJECT_ACTIONS = (VIEW, CHANGE)


def visible_queryset(model, user, queryset=None):
    """The organisations the user may see in the back office, by the one policy."""
    policy = policy_registry.get_by_type(model)
    allowed = policy.instances_user_has_any_permission_for(user, OBJECT_ACTIONS)
    if queryset is None:
        return allowed
    return queryset.filter(pk__in=allowed.values("pk"))


def require_instance_access(view_func, model):
    """Wrap a view whose URL has a `pk`: 404 unless the policy grants access to that object."""

    @wraps(view_func)
    def wrapped(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            obj = model._default_manager.filter(pk=unquote(str(pk))).first()
            policy = policy_registry.get_by_type(model)
            if obj is None or not policy.user_has_any_permission_for_instance(
                request.user, OBJECT_ACTIONS, obj
            ):
                raise Http404
        return view_func(request, *args, **kwargs)

    return wrapped


class PolicyFilteredIndexView(IndexView):
    def get_base_queryset(self):
        return visible_queryset(self.model, self.request.user, super().get_base_queryset())


class _PolicyChooserMixin:
    def get_object_list(self):
        return visible_queryset(self.model_class, self.request.user, super().get_object_list())


class PolicyChooseView(_PolicyChooserMixin, ChooseView):
    pass


class PolicyChooseResultsView(_PolicyChooserMixin, ChooseResultsView):
    pass


class PolicyChooserViewSet(SnippetChooserViewSet):
    choose_view_class = PolicyChooseView
    choose_results_view_class = PolicyChooseResultsView


class PolicyEnforcedViewSetMixin:
    """For a SnippetViewSet: filtered listing and chooser, per-object checks on every URL."""

    index_view_class = PolicyFilteredIndexView
    chooser_viewset_class = PolicyChooserViewSet

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            if "pk" in str(pattern.pattern):
                pattern.callback = require_instance_access(pattern.callback, self.model)
        return patterns
