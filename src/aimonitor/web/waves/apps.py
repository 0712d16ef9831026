from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class WavesConfig(AppConfig):
    name = "aimonitor.web.waves"
    verbose_name = "Metingen"

    def ready(self) -> None:
        from aimonitor.web.waves.models import Wave
        from aimonitor.web.waves.reads import forget_published_ids

        # A publication shows at once in this process (other workers: within seconds).
        post_save.connect(forget_published_ids, sender=Wave, dispatch_uid="published-ids")
        post_delete.connect(forget_published_ids, sender=Wave, dispatch_uid="published-ids-del")
