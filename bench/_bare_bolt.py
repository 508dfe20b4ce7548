"""The baseline for bench/ack_latency.py: a Bolt app whose /escalate listener only acks, behind the
same server and thread counts itabasami uses. Usage: python -m bench._bare_bolt PORT SLACK_BASE_URL"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.app import LISTENER_THREADS
from bot.server import SERVER_THREADS, build_server, make_wsgi_app


def main() -> None:
    port, base_url, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = App(
        signing_secret=secret,
        client=WebClient(token="xoxb-test-token", base_url=base_url),
        token_verification_enabled=False,
        listener_executor=ThreadPoolExecutor(max_workers=LISTENER_THREADS),
    )

    @app.command("/escalate")
    def only_ack(ack: Ack) -> None:
        ack()

    server = build_server(
        make_wsgi_app(app, lambda: True), host="127.0.0.1", port=port, threads=SERVER_THREADS
    )
    print("ready", flush=True)
    server.run()


if __name__ == "__main__":
    main()
