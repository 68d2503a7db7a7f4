#!/usr/bin/env python3
"""An SMTP receiver for the notifier's tests: aiosmtpd (Debian's python3-aiosmtpd) on 127.0.0.1,
which parses each message it accepts with Python's email package and appends the envelope, the
decoded headers and the decoded text to a JSON-lines log.

    smtp_receiver.py --log FILE [--starttls CERT KEY]

With --starttls the server offers STARTTLS and refuses mail before it. Prints the port it listens
on on its first line of output.
"""
import argparse
import asyncio
import email
import email.header
import email.policy
import json
import socket
import ssl
import sys

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, log):
        self.log = log

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "subject": str(message["Subject"]),
            "from": str(message["From"]),
            "to": str(message["To"]),
            "message_id": str(message["Message-ID"]),
            "text": message.get_content(),
        }
        with open(self.log, "a") as log:
            log.write(json.dumps(record) + "\n")
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = {}
    if args.starttls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*args.starttls)
        options = {"tls_context": context, "require_starttls": True}
    controller = Controller(Recorder(args.log), hostname="127.0.0.1", port=port, **options)
    controller.start()
    print(port, flush=True)
    try:
        asyncio.run(asyncio.Event().wait())
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
