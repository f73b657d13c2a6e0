"""Fixtures shared by all tests: the cast of personas and a real SMTP sink."""

import email
import socket
from email import policy

import pytest

from tests.cast import Cast, build_cast


@pytest.fixture
def cast(db) -> Cast:
    return build_cast()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    """Messages received by a real SMTP server on localhost."""

    def __init__(self):
        self.messages = []
        # address -> replies to give to RCPT TO, one per attempt (e.g. ["451 Try again later"]).
        self.refuse: dict[str, list[str]] = {}
        self.connections: set = set()  # the client's (host, port) of every connection that delivered mail

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        replies = self.refuse.get(address.lower())
        if replies:
            return replies.pop(0) if len(replies) > 1 or not replies[0].startswith("550") else replies[0]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.connections.add(session.peer)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["To"]]

    @staticmethod
    def body(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def mailbox(settings):
    """Point Django at a real SMTP sink on localhost for the duration of a test."""
    from aiosmtpd.controller import Controller

    handler = Mailbox()
    handler.port = None
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.port = port
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits live in the cache; every test starts with a clean slate."""
    from django.core.cache import cache

    cache.clear()
    yield
