from django.apps import AppConfig


class ExamplePluginConfig(AppConfig):
    name = "kk_example_plugin"
    label = "kk_example_plugin"
    verbose_name = "Voorbeeldplug-in: keurmerken"
    default_auto_field = "django.db.models.BigAutoField"
