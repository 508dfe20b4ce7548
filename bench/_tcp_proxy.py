"""A loopback TCP proxy that can cut the connections through it: a database outage on demand.

    proxy = TcpProxy("127.0.0.1", 5432).start()
    url = f"postgresql+psycopg://postgres@127.0.0.1:{proxy.port}/db"   # the app connects here
    proxy.cut("reset")    # every open connection is reset, new ones are refused
    proxy.restore()       # forwards again (same port)
    proxy.stop()

Cut modes:
  "refuse"  new connections are refused (nothing listens on the port: ECONNREFUSED); the open ones
            keep working, as when a server stops accepting but has not dropped anyone yet
  "reset"   refuse, and every open connection is reset (RST): a restart or failover as the client sees it
  "hang"    new connections are accepted and nothing moves in either direction on any connection until
            restore(): a network partition, where only the client's own timeouts help

Threads and sockets only (no dependencies), so tests can import it as well as benchmarks.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from typing import Literal, Self

CutMode = Literal["refuse", "reset", "hang"]
_CHUNK = 65536
_POLL = 0.05  # seconds between checks of the proxy's state in blocking loops


class TcpProxy:
    def __init__(self, target_host: str, target_port: int, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.target = (target_host, target_port)
        self.host = host
        self.port = port
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._pairs: set[tuple[socket.socket, socket.socket]] = set()
        self._flowing = threading.Event()  # cleared while "hang"
        self._flowing.set()
        self._stopped = threading.Event()
        self._accepting = threading.Event()
        self.mode: CutMode | None = None
        self.accepted = 0  # connections forwarded since start
        self.reset_count = 0  # open connections cut("reset") reset

    # --------------------------------------------------------------------------------- lifecycle
    def start(self) -> Self:
        self._listen()
        threading.Thread(target=self._accept_loop, name="tcp-proxy-accept", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._flowing.set()
        self._close_listener()
        self._reset_all()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --------------------------------------------------------------------------------- faults
    def cut(self, mode: CutMode = "reset") -> None:
        """Start an outage (see the module docstring for the modes); restore() ends it."""
        with self._lock:
            self.mode = mode
        if mode == "hang":
            self._flowing.clear()
            return
        self._close_listener()
        if mode == "reset":
            self._reset_all()

    def restore(self) -> None:
        with self._lock:
            mode, self.mode = self.mode, None
        if mode in ("refuse", "reset"):
            self._listen()
        self._flowing.set()

    @property
    def open_connections(self) -> int:
        with self._lock:
            return len(self._pairs)

    # --------------------------------------------------------------------------------- plumbing
    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, self.port))
        listener.listen(128)
        listener.settimeout(_POLL)
        with self._lock:
            self.port = listener.getsockname()[1]
            self._listener = listener
        self._accepting.set()

    def _close_listener(self) -> None:
        self._accepting.clear()
        with self._lock:
            listener, self._listener = self._listener, None
        if listener is not None:
            _close(listener, socket.SHUT_RD)  # stops listening at once, even under a waiting accept()

    def _accept_loop(self) -> None:
        while not self._stopped.is_set():
            if not self._accepting.wait(_POLL):
                continue
            with self._lock:
                listener = self._listener
            if listener is None:
                continue
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:  # closed by cut() while waiting
                continue
            threading.Thread(target=self._connect, args=(client,), daemon=True).start()

    def _connect(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            _reset(client)
            return
        upstream.settimeout(None)
        client.settimeout(None)
        pair = (client, upstream)
        with self._lock:
            self._pairs.add(pair)
            self.accepted += 1
        for src, dst in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pump, args=(pair, src, dst), daemon=True).start()

    def _pump(
        self, pair: tuple[socket.socket, socket.socket], src: socket.socket, dst: socket.socket
    ) -> None:
        try:
            while True:
                data = src.recv(_CHUNK)
                if not data:
                    break
                while not self._flowing.wait(_POLL):
                    if self._stopped.is_set():
                        return
                dst.sendall(data)
        except OSError:
            pass
        finally:
            self._drop(pair)

    def _drop(self, pair: tuple[socket.socket, socket.socket]) -> None:
        with self._lock:
            if pair not in self._pairs:
                return
            self._pairs.discard(pair)
        for sock in pair:
            _close(sock)

    def _reset_all(self) -> None:
        with self._lock:
            pairs, self._pairs = list(self._pairs), set()
            self.reset_count += len(pairs)
        for pair in pairs:
            for sock in pair:
                _reset(sock)


def _reset(sock: socket.socket) -> None:
    """Close with an RST rather than a FIN: the peer sees "connection reset", as after a crash."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    _close(sock, socket.SHUT_RD)  # SHUT_RD wakes our pump blocked in recv() without sending a FIN


def _close(sock: socket.socket, how: int = socket.SHUT_RDWR) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(how)  # close() alone would not wake a thread blocked in recv() on it
    with contextlib.suppress(OSError):
        sock.close()
