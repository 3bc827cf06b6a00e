"""Give an existing "Moderatoren" group the error-report permissions (new in the admin list).

New installations get them from `directory.setup` when the group is created; this migration
brings databases where the group already exists up to date, once (later changes by editors to
the group's permissions stand).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_errorreport", "change_errorreport", "delete_errorreport"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("directory_public")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Moderatoren").first()
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="directory_public", codename__in=CODENAMES
    )
    group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("directory_public", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
