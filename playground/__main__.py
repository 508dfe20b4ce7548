"""`python -m playground`: try itabasami in a browser, with nothing to configure and no Slack account.

Starts a small stand-in Slack workspace, the real bot talking to it, and a page on loopback that
looks like Slack; prints the address to open. Its data lives in ``data/playground/`` (a fresh office
each run), apart from a real installation's database.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path

from playground.page import PageServer
from playground.workspace import Workspace

DEFAULT_PORT = 8080


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m playground", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="the page's port (0: any free one)")
    parser.add_argument("--data", type=Path, default=Path("data/playground"), help="where its files go")
    parser.add_argument(
        "--office", choices=("ja", "en"), default="ja", help="the office's language for shared posts"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    workspace = Workspace(args.data, office=args.office).start()
    try:
        page = PageServer(workspace, "127.0.0.1", args.port)
    except OSError as exc:
        workspace.stop()
        print(
            f"Port {args.port} is taken ({exc.strerror}); try: python -m playground --port 0", file=sys.stderr
        )
        return 1
    page.serve_in_background()
    print(f"itabasami playground: open {page.url} in your browser (Ctrl+C stops it)", flush=True)
    print("ブラウザで上のアドレスを開いてください（終了は Ctrl+C）。", flush=True)
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda _signum, _frame: stopping.set())
    while not stopping.wait(0.5):
        pass
    page.shutdown()
    workspace.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
