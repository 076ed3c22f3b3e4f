"""A local Prefect server for `claimtrack serve` when none is configured.

Scheduled runs need Prefect's scheduler service, which the temporary server that Prefect
starts on demand does not run. So when PREFECT_API_URL is not set, `serve` starts
`prefect server start` on 127.0.0.1 (its database under PREFECT_HOME, its log in
data/prefect/server.log), waits until it answers, points this process at it, and stops it
on exit. The UI is then at the printed address.

`serve` stops the same way whatever stops it: SIGTERM (what `docker stop` and `timeout` send)
and SIGHUP are raised as KeyboardInterrupt, like Ctrl-C, from the first moment of the command,
so the server started here is stopped too, even during start-up. On Linux the server is also
told to end when this process dies, however it dies (PR_SET_PDEATHSIG), so it is never left
running on its port.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claimtrack.errors import ClaimtrackError

START_TIMEOUT = 90.0
STOPPING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


@contextmanager
def stopped_like_ctrl_c() -> Iterator[None]:
    """Within the block SIGTERM and SIGHUP raise KeyboardInterrupt as SIGINT does; the previous
    handlers come back after it. (Prefect's runner takes SIGTERM over while it runs, and stops
    gracefully on it.)"""
    previous = {sig: signal.signal(sig, _interrupt) for sig in STOPPING_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _ends_with_parent(parent: int):
    """For the server's process, before it starts: SIGTERM it when this process dies (Linux)."""
    if not sys.platform.startswith("linux"):
        return None

    def ask_the_kernel() -> None:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)     # PR_SET_PDEATHSIG
        if os.getppid() != parent:          # the parent died before the request was made
            os._exit(1)
    return ask_the_kernel


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def local_server(port: int, log_path: Path) -> Iterator[str]:
    """The API URL of a Prefect server: the configured one, or one started here for the
    duration of the block. Fails clearly if the port is taken or the server does not come up."""
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        yield configured
        return
    url = f"http://127.0.0.1:{port}/api"
    if _healthy(url):
        raise ClaimtrackError(f"a Prefect server already answers on port {port}; set PREFECT_API_URL={url} "
                              "to use it, or choose another --port")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                   "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                                  env={**os.environ, "PREFECT_UI_API_URL": url},
                                  preexec_fn=_ends_with_parent(os.getpid()))
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _healthy(url):
            if server.poll() is not None:
                raise ClaimtrackError(f"the Prefect server on port {port} exited at start-up; see {log_path}")
            if time.monotonic() > deadline:
                raise ClaimtrackError(f"the Prefect server on port {port} did not answer within "
                                      f"{START_TIMEOUT:.0f}s; see {log_path}")
            time.sleep(0.5)
        os.environ["PREFECT_API_URL"] = url
        yield url
    finally:
        os.environ.pop("PREFECT_API_URL", None)       # set above: this process pointed at our server
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
