"""An SMTP server a test starts for itself, on a free 127.0.0.1 port, that keeps what it is
sent (the follower mail and comment notification tests read it)."""

import asyncio
import threading

from deploy.nginx import free_port


class SmtpSink:
    """An SMTP server (aiosmtpd) on a free port that keeps the messages it accepts.
    `hold_quit` makes it leave every QUIT unanswered once the message is accepted, like a slow
    mail server: the sender is stuck after its message was delivered."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.hold_quit = threading.Event()
        self.quits_held = 0
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    def recipients(self):
        return [recipient for rcpt_tos, _ in self.messages for recipient in rcpt_tos]

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope):
        if self.hold_quit.is_set():
            self.quits_held += 1
        while self.hold_quit.is_set():
            await asyncio.sleep(0.05)
        return "221 Bye"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.hold_quit.clear()
        self.controller.stop()
