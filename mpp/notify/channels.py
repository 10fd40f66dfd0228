"""How a message leaves the building: one interface, one class per kind of channel.

``Channel.send(message)`` hands one message over and returns a short detail for the
delivery record (``"HTTP 200"``), or raises ``DeliveryError`` with a short reason. A
detail or a reason never holds the message's text or address: both are shown to staff
and kept with the attempt.

- e-mail: SMTP through Django's mail backend and the ``EMAIL_*`` settings;
- SMS and WhatsApp: an HTTP gateway each (``settings.MPP_NOTIFY_GATEWAYS``): a JSON
  POST built from a template, with one authentication header.
"""

import json
import re
import smtplib
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from mpp.notify.models import Message

PLACEHOLDER = re.compile(r"\{(to|text|subject|language|id)\}")


class DeliveryError(Exception):
    """The channel did not take the message.

    ``channel_down`` says the fault is the channel's (not configured, unreachable, or
    failing with 5xx), not this message's: the sweep then leaves the channel's other
    messages for the next round instead of waiting for each one's timeout.
    """

    def __init__(self, reason: str, *, channel_down: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason[:200]
        self.channel_down = channel_down


class Channel:
    def send(self, message: Message) -> str:
        raise NotImplementedError


class StaffChannel(Channel):
    """The back-office inbox: a staff message is delivered when it is written."""

    def send(self, message: Message) -> str:
        return "in the back-office inbox"


class EmailChannel(Channel):
    """E-mail over SMTP with the project's ``EMAIL_*`` settings (any SMTP server)."""

    def send(self, message: Message) -> str:
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.address],
            headers={"Content-Language": message.language, "Auto-Submitted": "auto-generated"},
            connection=get_connection(fail_silently=False),
        )
        try:
            accepted = email.send()
        # The server's own text may quote the address back, so only codes are kept.
        except smtplib.SMTPRecipientsRefused as exc:
            codes = sorted({str(code) for code, _text in exc.recipients.values()})
            raise DeliveryError(f"SMTP recipient refused ({', '.join(codes)})") from exc
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError) as exc:
            raise DeliveryError(f"SMTP connection failed ({type(exc).__name__})", channel_down=True) from exc
        except (smtplib.SMTPAuthenticationError, smtplib.SMTPSenderRefused) as exc:
            raise DeliveryError(
                f"SMTP {exc.smtp_code}: server refused this sender", channel_down=True
            ) from exc
        except smtplib.SMTPResponseException as exc:
            raise DeliveryError(f"SMTP {exc.smtp_code}") from exc
        except smtplib.SMTPException as exc:
            raise DeliveryError(f"SMTP error ({type(exc).__name__})") from exc
        except TimeoutError as exc:
            raise DeliveryError("SMTP timeout", channel_down=True) from exc
        except OSError as exc:
            raise DeliveryError(f"SMTP connection failed ({_os_reason(exc)})", channel_down=True) from exc
        if not accepted:
            raise DeliveryError("SMTP: the mail backend sent nothing")
        return "SMTP: accepted by the server"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A gateway that redirects a POST is misconfigured; following it would resend the
    # text somewhere else, so a 3xx answer counts as a failure.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


class HttpGatewayChannel(Channel):
    """SMS or WhatsApp through an HTTP gateway, configured per channel in settings:

    ``URL``; ``AUTH_HEADER`` (``"Authorization: Bearer ..."``, optional); ``BODY``, a
    JSON template whose strings may hold ``{to}``, ``{text}``, ``{subject}``,
    ``{language}`` and ``{id}``; ``TIMEOUT`` in seconds. The template is parsed as JSON,
    the placeholders are replaced inside its strings, and the result is serialised
    again, so a text with quotes or backslashes cannot change the body's structure.
    Only a 2xx answer is success.
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def send(self, message: Message) -> str:
        config = settings.MPP_NOTIFY_GATEWAYS.get(self.name) or {}
        url = config.get("URL", "")
        if not url:
            raise DeliveryError(f"{self.name} gateway not configured (no URL)", channel_down=True)
        try:
            body = render_body(config.get("BODY", ""), message)
            headers = {
                "Content-Type": "application/json",
                "Accept": "application/json",
                "User-Agent": "mpp-platform",
            }
            if config.get("AUTH_HEADER"):
                name, value = parse_header(config["AUTH_HEADER"])
                headers[name] = value
        except ValueError as exc:
            raise DeliveryError(f"{self.name} gateway misconfigured: {exc}", channel_down=True) from exc
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - the URL is the operator's setting
        try:
            with _opener.open(request, timeout=float(config.get("TIMEOUT", 10))) as response:
                response.read(4096)
                status = response.status
        except urllib.error.HTTPError as exc:
            exc.close()
            # 5xx and 429 mean the gateway is struggling; 4xx is about this message (or a
            # bad template): both are retried, only the first spares the other messages.
            raise DeliveryError(f"HTTP {exc.code}", channel_down=exc.code >= 500 or exc.code == 429) from exc
        except urllib.error.URLError as exc:
            raise DeliveryError(f"connection failed ({_os_reason(exc.reason)})", channel_down=True) from exc
        except TimeoutError as exc:
            raise DeliveryError("timeout", channel_down=True) from exc
        except OSError as exc:
            raise DeliveryError(f"connection failed ({_os_reason(exc)})", channel_down=True) from exc
        return f"HTTP {status}"


def render_body(template: str, message: Message) -> bytes:
    """The gateway's JSON body: the template with its placeholders filled (see above)."""
    try:
        document = json.loads(template)
    except ValueError as exc:
        raise ValueError("the body template is not valid JSON") from exc
    values = {
        "to": message.address,
        "text": message.body,
        "subject": message.subject,
        "language": message.language,
        "id": str(message.pk),
    }

    def fill(node: Any) -> Any:
        if isinstance(node, str):
            # One pass: a value that itself contains "{text}" is not expanded again.
            return PLACEHOLDER.sub(lambda match: values[match.group(1)], node)
        if isinstance(node, list):
            return [fill(item) for item in node]
        if isinstance(node, dict):
            return {key: fill(value) for key, value in node.items()}
        return node

    # ASCII with \u escapes: valid JSON that even a gateway decoding bytes as Latin-1 reads right.
    return json.dumps(fill(document)).encode()


_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def parse_header(line: str) -> tuple[str, str]:
    """``"Name: value"`` as a pair; refuses what would not be one valid header."""
    name, sep, value = line.partition(":")
    name, value = name.strip(), value.strip()
    if not sep or not _TOKEN.fullmatch(name) or not value or any(ch in value for ch in "\r\n\0"):
        raise ValueError('the auth header must look like "Name: value"')
    return name, value


def _os_reason(exc: object) -> str:
    if isinstance(exc, TimeoutError):
        return "timeout"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[:80]
    return type(exc).__name__


_CHANNELS: dict[str, Channel] = {
    Message.Channel.STAFF: StaffChannel(),
    Message.Channel.EMAIL: EmailChannel(),
    Message.Channel.SMS: HttpGatewayChannel(Message.Channel.SMS),
    Message.Channel.WHATSAPP: HttpGatewayChannel(Message.Channel.WHATSAPP),
}


def channel_for(name: str) -> Channel:
    return _CHANNELS[name]
