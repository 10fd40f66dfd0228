from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security)
def data_keys(app_configs, **kwargs):
    """A malformed MPP_DATA_KEYS must stop the start, not the first save of a NIK."""
    errors = []
    for index, key in enumerate(settings.MPP_DATA_KEYS):
        try:
            Fernet(key.encode())
        except ValueError:
            errors.append(
                Error(
                    f"MPP_DATA_KEYS entry {index + 1} is not a Fernet key (32 url-safe base64-encoded bytes).",
                    hint="Generate one: python -c 'from cryptography.fernet import Fernet; "
                    "print(Fernet.generate_key().decode())'",
                    id="mpp.E001",
                )
            )
    if not settings.MPP_HASH_KEY or len(settings.MPP_HASH_KEY) < 16:
        errors.append(Error("MPP_HASH_KEY must be at least 16 characters.", id="mpp.E002"))
    return errors


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
