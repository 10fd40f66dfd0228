"""A gateway misconfigured in settings must stop the start, not fail every message later."""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register

from mpp.notify.channels import parse_header

PHONE_CHANNELS = ("sms", "whatsapp")


@register()
def gateways(app_configs, **kwargs):
    errors = []
    if settings.MPP_NOTIFY_PHONE_CHANNEL not in PHONE_CHANNELS:
        errors.append(Error("MPP_NOTIFY_PHONE_CHANNEL must be 'sms' or 'whatsapp'.", id="notify.E001"))
    if settings.MPP_NOTIFY_MAX_ATTEMPTS < 1 or settings.MPP_NOTIFY_RETRY_SECONDS < 1:
        errors.append(
            Error(
                "MPP_NOTIFY_MAX_ATTEMPTS and MPP_NOTIFY_RETRY_SECONDS must be at least 1.", id="notify.E002"
            )
        )
    for name, config in settings.MPP_NOTIFY_GATEWAYS.items():
        if not config.get("URL"):
            continue
        prefix = f"MPP_{name.upper()}_GATEWAY"
        if urlsplit(config["URL"]).scheme not in ("http", "https"):
            errors.append(Error(f"{prefix}_URL must be an http or https URL.", id="notify.E003"))
        try:
            template = json.loads(config.get("BODY", ""))
        except ValueError:
            errors.append(Error(f"{prefix}_BODY is not valid JSON.", id="notify.E004"))
        else:
            if "{to}" not in json.dumps(template) or "{text}" not in json.dumps(template):
                errors.append(
                    Warning(f"{prefix}_BODY has no {{to}} or no {{text}} placeholder.", id="notify.W001")
                )
        if config.get("AUTH_HEADER"):
            try:
                parse_header(config["AUTH_HEADER"])
            except ValueError:
                errors.append(Error(f'{prefix}_AUTH_HEADER must look like "Name: value".', id="notify.E005"))
    return errors
