"""Real servers on loopback: an SMTP server (aiosmtpd) and an HTTP gateway that records
what it receives and answers with the statuses a test asks for."""

import json
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Every placeholder, one inside a longer string, and a value that is not a string.
BODY_TEMPLATE = json.dumps(
    {
        "to": "{to}",
        "message": {"text": "{text}", "title": "{subject}"},
        "lang": "{language}",
        "ref": "mpp-{id}",
        "flash": False,
    }
)
TOKEN = "Bearer rahasia-gateway"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Gateway:
    url: str
    answers: list[int] = field(default_factory=list)  # statuses to give, in order; then 200
    requests: list[dict] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def bodies(self) -> list[dict]:
        return [json.loads(request["body"]) for request in self.requests]


class _GatewayHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        gateway: Gateway = self.server.gateway
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with gateway.lock:
            gateway.requests.append(
                {"path": self.path, "headers": dict(self.headers.items()), "body": body.decode("ascii")}
            )
            status = gateway.answers.pop(0) if gateway.answers else 200
        answer = json.dumps({"status": "queued" if status < 300 else "error"}).encode()
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", "/elsewhere")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def gateway(settings):
    """An HTTP gateway on loopback, configured as the SMS and the WhatsApp gateway."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GatewayHandler)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    server.gateway = Gateway(url=url)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    settings.MPP_NOTIFY_GATEWAYS = {
        name: {
            "URL": f"{url}/{name}",
            "AUTH_HEADER": f"Authorization: {TOKEN}",
            "BODY": BODY_TEMPLATE,
            "TIMEOUT": 5,
        }
        for name in ("sms", "whatsapp")
    }
    yield server.gateway
    server.shutdown()
    server.server_close()
    thread.join()


class _Mailbox:
    def __init__(self) -> None:
        self.envelopes = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("ditolak"):
            # Real servers quote the address back; the platform must not store it.
            return f"550 5.1.1 <{address}>: Recipient address rejected"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback, used through Django's SMTP backend."""
    mailbox = _Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "mpp@kapuas.example"
    yield mailbox
    controller.stop()


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE_TASKS
