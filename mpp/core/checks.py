from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def production_profile(app_configs, **kwargs):
    """``check --deploy`` on a machine without the production profile says so."""
    if settings.PRODUCTION:
        return []
    return [
        Warning(
            "MPP_PRODUCTION is not set: secrets come from var/dev-secrets.json and HTTPS protections are off.",
            hint="Set MPP_PRODUCTION=1 with DJANGO_SECRET_KEY, MPP_DATA_KEYS and MPP_HASH_KEY (docs/deployment.md).",
            id="mpp.W001",
        )
    ]
