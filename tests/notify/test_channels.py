"""Each channel against a real server on loopback: what arrives there, and what staff see."""

import email
import email.policy
import json

import pytest
from django.utils.translation import gettext as _

from mpp.notify import checks
from mpp.notify.delivery import deliver_due
from mpp.notify.models import Delivery, Message
from mpp.notify.services import notify_citizen
from tests.halls import MONDAY_9
from tests.notify.conftest import TOKEN, free_port

pytestmark = pytest.mark.django_db

TRICKY = 'Berkas "KTP-el" siap\\diambil — {text} ✓ 日本 }, "to": "+620000"'


def status_message(number="P-7K2M9Q4X"):
    """Rendered in the message's language, as services do."""

    def render():
        return _("Your application %(number)s") % {"number": number}, _("Please collect it at the mall.")

    return render


def received(mailbox):
    [envelope] = mailbox.envelopes
    return envelope, email.message_from_bytes(envelope.content, policy=email.policy.default)


def test_email_is_delivered_by_a_real_smtp_server(
    smtp_server, immediate_tasks, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = notify_citizen(
            email="budi.santoso@contoh.id", kind="application.ready", render=status_message(), site=world.site
        )
    envelope, mail = received(smtp_server)
    assert envelope.rcpt_tos == ["budi.santoso@contoh.id"]
    assert envelope.mail_from == "mpp@kapuas.example"
    assert mail["Subject"] == "Permohonan Anda P-7K2M9Q4X"
    assert mail["Content-Language"] == "id"
    assert mail.get_content().strip() == "Silakan mengambilnya di Mal Pelayanan Publik."
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.sent_at is not None
    assert [(d.ok, d.detail) for d in message.deliveries.all()] == [(True, "SMTP: accepted by the server")]


def test_english_when_the_person_chose_it(smtp_server, immediate_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = notify_citizen(email="alice@example.org", kind="x", language="en", render=status_message())
    _envelope, mail = received(smtp_server)
    assert message.language == "en"
    assert mail["Subject"] == "Your application P-7K2M9Q4X"
    assert mail["Content-Language"] == "en"
    assert mail.get_content().strip() == "Please collect it at the mall."


def test_an_unknown_language_falls_back_to_bahasa_indonesia():
    message = notify_citizen(email="a@example.org", kind="x", language="fr", render=status_message())
    assert message.language == "id"
    assert message.subject == "Permohonan Anda P-7K2M9Q4X"


def test_a_refused_recipient_is_retried_and_the_address_is_not_kept(smtp_server, clock_at):
    message = notify_citizen(email="ditolak@contoh.id", kind="x", render=status_message())
    assert deliver_due(now=MONDAY_9) == 0
    message.refresh_from_db()
    assert message.status == Message.Status.PENDING
    assert message.last_error == "SMTP recipient refused (550)"
    assert "ditolak" not in Delivery.objects.get().detail
    assert smtp_server.envelopes == []


def test_an_unreachable_smtp_server_is_a_failed_attempt(settings, clock_at):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    message = notify_citizen(email="a@example.org", kind="x", render=status_message())
    assert deliver_due(now=MONDAY_9) == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.PENDING, 1)
    assert message.last_error.startswith("SMTP connection failed")


def test_sms_through_the_http_gateway(gateway, immediate_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = notify_citizen(phone="0812-3456-7890", kind="x", render=lambda: ('Judul "kutip"', TRICKY))
    [request] = gateway.requests
    assert request["path"] == "/sms"
    assert request["headers"]["Authorization"] == TOKEN
    assert request["headers"]["Content-Type"] == "application/json"
    # The text's quotes, backslash, braces and non-ASCII letters stay inside their string.
    assert json.loads(request["body"]) == {
        "to": "+6281234567890",
        "message": {"text": TRICKY, "title": 'Judul "kutip"'},
        "lang": "id",
        "ref": f"mpp-{message.pk}",
        "flash": False,
    }
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert [(d.ok, d.detail) for d in message.deliveries.all()] == [(True, "HTTP 200")]


def test_whatsapp_through_its_own_gateway(gateway, settings, clock_at):
    settings.MPP_NOTIFY_PHONE_CHANNEL = "whatsapp"
    message = notify_citizen(phone="+62 811 000 1234", kind="x", language="en", render=status_message())
    assert message.channel == Message.Channel.WHATSAPP
    assert deliver_due(now=MONDAY_9) == 1
    [request] = gateway.requests
    assert request["path"] == "/whatsapp"
    assert gateway.bodies()[0]["lang"] == "en"
    assert gateway.bodies()[0]["message"]["title"] == "Your application P-7K2M9Q4X"


@pytest.mark.parametrize(("status", "detail"), [(400, "HTTP 400"), (503, "HTTP 503"), (302, "HTTP 302")])
def test_any_answer_but_2xx_is_a_failure(gateway, clock_at, status, detail):
    gateway.answers = [status]
    message = notify_citizen(phone="081234567890", kind="x", render=status_message())
    assert deliver_due(now=MONDAY_9) == 0
    message.refresh_from_db()
    assert (message.status, message.last_error) == (Message.Status.PENDING, detail)
    # A redirect is not followed: the text goes to the configured URL only.
    assert [request["path"] for request in gateway.requests] == ["/sms"]


def test_an_unconfigured_gateway_fails_visibly_and_is_retried(settings, clock_at):
    settings.MPP_NOTIFY_GATEWAYS = {"sms": {"URL": "", "BODY": "{}"}, "whatsapp": {}}
    message = notify_citizen(phone="081234567890", kind="x", render=status_message())
    assert deliver_due(now=MONDAY_9) == 0
    message.refresh_from_db()
    assert message.status == Message.Status.PENDING
    assert message.sent_at is None
    assert message.last_error == "sms gateway not configured (no URL)"
    assert message.next_attempt_at is not None
    assert [(d.ok, d.detail) for d in message.deliveries.all()] == [(False, message.last_error)]


def test_an_unreachable_gateway_is_a_failed_attempt(settings, gateway, clock_at):
    settings.MPP_NOTIFY_GATEWAYS["sms"]["URL"] = f"http://127.0.0.1:{free_port()}/sms"
    message = notify_citizen(phone="081234567890", kind="x", render=status_message())
    assert deliver_due(now=MONDAY_9) == 0
    message.refresh_from_db()
    assert message.last_error.startswith("connection failed")
    assert "+62" not in message.last_error


def test_a_broken_template_fails_visibly(settings, gateway, clock_at):
    settings.MPP_NOTIFY_GATEWAYS["sms"]["BODY"] = '{"to": {to}}'
    message = notify_citizen(phone="081234567890", kind="x", render=status_message())
    deliver_due(now=MONDAY_9)
    message.refresh_from_db()
    assert message.last_error == "sms gateway misconfigured: the body template is not valid JSON"
    assert gateway.requests == []


def test_system_checks_refuse_a_broken_gateway_configuration(settings, gateway):
    assert checks.gateways(None) == []
    settings.MPP_NOTIFY_GATEWAYS["sms"].update(BODY='{"to": {to}}', AUTH_HEADER="Bearer x", URL="ftp://x")
    settings.MPP_NOTIFY_GATEWAYS["whatsapp"]["BODY"] = '{"to": "{to}"}'
    settings.MPP_NOTIFY_PHONE_CHANNEL = "telegram"
    ids = sorted(error.id for error in checks.gateways(None))
    assert ids == ["notify.E001", "notify.E003", "notify.E004", "notify.E005", "notify.W001"]
