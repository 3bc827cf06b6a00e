"""Identities (phases, actors, Mindmap nodes) can be added and edited but never deleted.

Old journey versions and the directory's phase tags refer to them; "retiring" is done by
leaving them out of a published version, which keeps every reference resolvable.
"""

from wagtail.permission_policies import ModelPermissionPolicy


class NoDeletePermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return action != "delete" and super().user_has_permission_for_instance(
            user, action, instance
        )

    def users_with_any_permission(self, actions):
        actions = [a for a in actions if a != "delete"]
        return (
            super().users_with_any_permission(actions)
            if actions
            else self.user_model.objects.none()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        actions = [a for a in actions if a != "delete"]
        if not actions:
            return self.model.objects.none()
        return super().instances_user_has_any_permission_for(user, actions)
