"""A Prefect server of the tests' own, as a user runs it: `prefect server start` on 127.0.0.1 and a
free port, its home (settings, SQLite database) in a temporary folder, no UI, no background
services (nothing is scheduled), analytics off; the `prefect` command line and process workers
pointed at it. A server that does not come up is the reason a test is skipped."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

STARTUP_SECONDS = 120          # migrating a new database on 2 busy cores takes 10-30 s


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, chars: int = 3000) -> str:
    return path.read_text("utf-8", "replace")[-chars:] if path.exists() else ""


@dataclass
class PrefectServer:
    home: Path
    port: int
    process: subprocess.Popen
    workers: list[subprocess.Popen] = field(default_factory=list)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a `prefect` command (or a worker, and the runs it starts) that
        talks to this server and keeps its state in the server's home."""
        return {**os.environ, "PREFECT_HOME": str(self.home), "PREFECT_API_URL": self.api_url,
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **extra}

    def cli(self, *args: str, cwd: Path | None = None) -> str:
        """Run `prefect ARGS` against this server; its output, or an AssertionError with it."""
        done = subprocess.run([sys.executable, "-m", "prefect", *args], cwd=cwd, env=self.env(),
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"prefect {' '.join(args)}: {done.stdout[-3000:]}{done.stderr[-3000:]}"
        return done.stdout

    def start_worker(self, pool: str, name: str) -> subprocess.Popen:
        """`prefect worker start --type process` on `pool`, asking for work every second; its log
        goes to the server's home (see worker_logs)."""
        log = open(self.home / f"{name}.log", "w", encoding="utf-8")
        worker = subprocess.Popen([sys.executable, "-m", "prefect", "worker", "start", "--pool", pool,
                                   "--type", "process", "--name", name, "--install-policy", "never"],
                                  env=self.env(PREFECT_WORKER_QUERY_SECONDS="1"), stdout=log,
                                  stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        self.workers.append(worker)
        return worker

    def worker_logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{_tail(p)}" for p in sorted(self.home.glob("worker-*.log")))

    def stop(self) -> None:
        """The workers (and any run they still hold), then the server."""
        for process in [*self.workers, self.process]:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in [*self.workers, self.process]:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def start(home: Path) -> PrefectServer | str:
    """A server answering on 127.0.0.1, or why none could be started."""
    home.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    log = open(home / "server.log", "w", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                "--port", str(port), "--no-ui", "--no-services"],
                               env={**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"},
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    log.close()
    server = PrefectServer(home, port, process)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"`prefect server start` exited with {process.returncode}: {_tail(home / 'server.log', 500)}"
        try:
            with urllib.request.urlopen(f"{server.api_url}/health", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            pass
        time.sleep(0.2)                 # the server is migrating its database: ask again
    server.stop()
    return f"`prefect server start` did not answer on {server.api_url} within {STARTUP_SECONDS} s"
