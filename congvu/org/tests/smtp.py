"""A real SMTP server for the e-mail tests: aiosmtpd in a thread, on a free port of 127.0.0.1. It keeps
what it receives, parsed as a mail reader would (RFC 2047 headers decoded), or refuses every mail
with the reply the test chooses."""

import email
import email.policy
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class FreePortController(Controller):
    """aiosmtpd's controller, listening on the port the system chose (port 0 asks for a free one)."""

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class Received:
    sender: str
    recipients: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.raw, policy=email.policy.default)

    @property
    def subject(self) -> str:
        """The decoded subject. Django folds a long encoded subject from its first line ("Subject:",
        then the encoded words on the next), which a reader unfolds into one leading space."""
        return self.message["Subject"].strip()

    @property
    def raw_subject(self) -> str:
        """The Subject header as it travelled (encoded words and all), unfolded."""
        return " ".join(email.message_from_bytes(self.raw, policy=email.policy.compat32)["Subject"].split())


@dataclass
class Mailbox:
    refuse_with: str = ""  # e.g. "554 5.7.1 Rejected": every mail refused with this reply
    received: list[Received] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)
    port: int = 0

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        if self.refuse_with:
            return self.refuse_with
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 2.0.0 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=True)

    def to(self, address: str) -> list[Received]:
        return [mail for mail in self.received if address in mail.recipients]


@contextmanager
def smtp_server(refuse_with: str = "") -> Iterator[Mailbox]:
    mailbox = Mailbox(refuse_with=refuse_with)
    # AUTH is offered without TLS here only: the test checks the account reaches the server.
    controller = FreePortController(mailbox, hostname="127.0.0.1", port=0, authenticator=mailbox.authenticate,
                                    auth_require_tls=False)
    controller.start()
    mailbox.port = controller.port
    try:
        yield mailbox
    finally:
        controller.stop()
