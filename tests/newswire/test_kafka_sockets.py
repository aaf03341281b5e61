"""A kafka-python connect attempt that does not succeed leaves no open socket behind (newswire.kafka).

kafka-python 3.0.12 itself leaves it to the garbage collector, which closed it in whatever test ran
next; these drive the library's own connect coroutine down each way out.
"""

from __future__ import annotations

import gc
import socket
import time
import warnings

import pytest
from kafka import KafkaConsumer
from kafka.errors import KafkaTimeoutError
from kafka.net.inet import KafkaNetSocket

import newswire.kafka  # noqa: F401  (closes failed connects on import)


class _Suspend:
    def __await__(self):
        yield  # the selector would resume the attempt once the socket is writable


class _Net:
    async def wait_write(self, sock, timeout_at=None):
        await _Suspend()


def _socket_pair_parts():
    server = socket.create_server(("127.0.0.1", 0))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    return server, sock


def test_an_attempt_abandoned_mid_connect_closes_its_socket():
    server, sock = _socket_pair_parts()
    with server:
        attempt = KafkaNetSocket().sock_connect(_Net(), sock, server.getsockname(), timeout_at=time.monotonic() + 30)
        attempt.send(None)  # connecting, waiting to be writable
        attempt.close()  # the client closed meanwhile
        assert sock.fileno() == -1


def test_an_attempt_that_times_out_closes_its_socket():
    server, sock = _socket_pair_parts()
    with server:
        attempt = KafkaNetSocket().sock_connect(_Net(), sock, server.getsockname(), timeout_at=time.monotonic() - 1)
        with pytest.raises(KafkaTimeoutError):
            attempt.send(None)
        assert sock.fileno() == -1


def test_a_client_refused_by_every_broker_leaks_no_socket():
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed again: nothing listens there
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(KafkaTimeoutError, match="bootstrap"):
            KafkaConsumer(bootstrap_servers=f"127.0.0.1:{port}", bootstrap_timeout_ms=1500, reconnect_backoff_ms=50)
        gc.collect()
    leaked = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning) and "socket" in str(w.message)]
    assert leaked == []
