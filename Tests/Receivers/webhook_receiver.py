#!/usr/bin/env python3
"""A webhook receiver for the notifier's tests: an HTTPS server (Python's http.server and ssl)
that checks each delivery's Licit-Signature with the shared secret, appends what it received to a
JSON-lines log, and answers 500 to the first --fail-first deliveries, then 204.

    webhook_receiver.py --cert C --key K --secret S --log FILE [--fail-first N]

Prints the port it listens on (127.0.0.1, chosen by the system) on its first line of output.
"""
import argparse
import hashlib
import hmac
import http.server
import json
import ssl
import sys
import threading


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    args = parser.parse_args()
    lock = threading.Lock()
    state = {"seen": 0}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            signature = self.headers.get("Licit-Signature", "")
            fields = dict(part.split("=", 1) for part in signature.split(",") if "=" in part)
            expected = hmac.new(
                args.secret.encode(), fields.get("t", "").encode() + b"." + body, hashlib.sha256
            ).hexdigest()
            with lock:
                state["seen"] += 1
                failing = state["seen"] <= args.fail_first
                record = {
                    "path": self.path,
                    "headers": {name.lower(): value for name, value in self.headers.items()},
                    "body": json.loads(body),
                    "signature_ok": hmac.compare_digest(expected, fields.get("v1", "")),
                    "answered": 500 if failing else 204,
                }
                with open(args.log, "a") as log:
                    log.write(json.dumps(record) + "\n")
            self.send_response(record["answered"])
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
