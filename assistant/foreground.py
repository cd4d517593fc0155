"""``make run`` and ``make run-cluster`` in the terminal: the services run until Ctrl-C,
SIGTERM or one of them stopping."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

from assistant import launcher


def foreground(start: Callable[[], Iterable[subprocess.Popen[Any]]], stopping: str) -> int:
    """``make run`` and ``make run-cluster`` in the terminal: ``start()`` brings the services up
    and returns the processes to watch; then wait until Ctrl-C or SIGTERM (0, ``stopping`` said)
    or until one of them exits (1). A ``LaunchError`` is printed (1). The caller stops the
    processes afterwards, whatever happened."""
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    # Ctrl-C stops it even when started in the background (where a shell ignores SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        processes = list(start())
        print("Press Ctrl-C to stop.", flush=True)
        while all(p.poll() is None for p in processes):
            time.sleep(1)
        print("A service stopped unexpectedly; see var/log/.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        launcher.say(stopping)
        return 0
    except launcher.LaunchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
