"""Network audit for the browser tests: records every attempt of this Python process to reach an
address other than this machine's loopback.

Python imports `sitecustomize` at start-up from the first folder on its path that has one; the
tests put this folder first on PYTHONPATH of the server they start (and Python passes it on to
any child process). With $SOZIALRAUM_NETZ_PROTOKOLL set, an audit hook (PEP 578) sees
`socket.connect`, `socket.sendto` and `socket.getaddrinfo` before the operating system does and
appends one line per outside address to that file; `<file>.pids` gets the process id once, as
proof that the hook was installed. The hook only records, it never blocks.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import threading

LOG_ENV = "SOZIALRAUM_NETZ_PROTOKOLL"
LOCAL_NAMES = frozenset({"", "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
INET = (socket.AF_INET, socket.AF_INET6)
_lock = threading.Lock()


def is_local(host: object) -> bool:
    """Loopback, the wildcard address, or no host (a local bind) – everything else is outside."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    name = str(host).strip("[]").lower()
    if name in LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name.split("%")[0])
    except ValueError:
        return False  # a host name: resolving it may already ask an outside DNS server
    return address.is_loopback or address.is_unspecified


def _outside(event: str, args: tuple) -> str | None:
    """'event host port' when the event reaches outside, else None."""
    if event in ("socket.connect", "socket.sendto"):
        sock, address = args[0], args[-1]
        if getattr(sock, "family", None) not in INET or not isinstance(address, tuple):
            return None  # Unix sockets, netlink …
        host, port = address[0], address[1]
    elif event == "socket.getaddrinfo":
        host, port = args[0], args[1]
    else:
        return None
    return None if is_local(host) else f"{event} {host!r} {port!r}"


def _hook(event: str, args: tuple) -> None:
    if not event.startswith("socket."):
        return
    line = _outside(event, args)
    if line is None:
        return
    with _lock, open(_log_file, "a", encoding="utf-8") as log:
        log.write(f"{line} pid={os.getpid()} argv={sys.argv[:3]!r}\n")


_log_file = os.environ.get(LOG_ENV, "")
if _log_file:
    sys.addaudithook(_hook)
    with open(_log_file + ".pids", "a", encoding="utf-8") as pids:
        pids.write(f"{os.getpid()} {sys.argv[:3]!r}\n")
