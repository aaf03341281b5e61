"""Run a newswire stage on a network that reaches loopback only: ``python tests/ingest/loopback_only.py ingest``.

For tests that serve real feeds whose entries link to the internet (the shared corpus): names other
than loopback ones do not resolve (``socket.gaierror``, as on a machine without DNS) and sockets refuse
to connect to any non-loopback address, so those pages fail at once as ``dns_error`` dead letters and
nothing leaves the machine. The stage itself is the one ``python -m newswire`` runs, unchanged.
"""

from __future__ import annotations

import errno
import ipaddress
import runpy
import socket
import sys


def _loopback(host: object) -> bool:
    name = host.decode() if isinstance(host, bytes) else str(host)
    try:
        return ipaddress.ip_address(name.split("%")[0]).is_loopback
    except ValueError:
        return name.lower() in ("localhost", "localhost.localdomain")


_getaddrinfo = socket.getaddrinfo
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def getaddrinfo(host, *args, **kwargs):
    if host is not None and not _loopback(host):
        raise socket.gaierror(socket.EAI_NONAME, f"{host!r} does not resolve: this network reaches loopback only")
    return _getaddrinfo(host, *args, **kwargs)


def _check(sock: socket.socket, address) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
        raise OSError(errno.ENETUNREACH, f"{address[0]} is unreachable: this network reaches loopback only")


def connect(self, address):
    _check(self, address)
    return _connect(self, address)


def connect_ex(self, address):
    _check(self, address)
    return _connect_ex(self, address)


socket.getaddrinfo = getaddrinfo
socket.socket.connect = connect
socket.socket.connect_ex = connect_ex

if __name__ == "__main__":
    sys.argv = ["newswire", *sys.argv[1:]]
    runpy.run_module("newswire", run_name="__main__", alter_sys=True)
