"""A throwaway PostgreSQL cluster for the DuckLake tests: Debian's postgresql binaries, initdb
into a temporary folder, the server listening on a Unix socket in that folder only (no TCP
port), trust authentication for the cluster's own user. As root (CI, the dev machines) the
cluster is run as the `postgres` user, since PostgreSQL refuses to run as root. No binaries:
the reason a test is skipped."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def _bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: PATH, or Debian's /usr/lib/postgresql/N/bin (newest)."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def unavailable() -> str | None:
    """Why no cluster can be started here, or None."""
    if _bin_dir() is None:
        return "PostgreSQL's initdb and pg_ctl are not installed (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root, and there is no `postgres` user to run PostgreSQL as"
    return None


@dataclass
class Cluster:
    folder: Path
    user: str
    bindir: Path

    @property
    def socket_dir(self) -> str:
        return str(self.folder)

    def _run(self, *args: str) -> str:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {done.stderr or done.stdout}")
        return done.stdout

    def create_database(self, name: str) -> str:
        """A new, empty database; its libpq connection string."""
        self._run("createdb", "-h", self.socket_dir, "-U", self.user, name)
        return f"dbname={name} host={self.socket_dir} user={self.user}"

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")


def start() -> Cluster:
    """initdb and start a cluster in a new temporary folder (on a Unix socket there)."""
    bindir = _bin_dir()
    assert bindir is not None
    user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
    folder = Path(tempfile.mkdtemp(prefix="claimtrack-pg-"))
    if os.geteuid() == 0:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    cluster = Cluster(folder, user, bindir)
    cluster._run("initdb", "-D", str(folder / "data"), "-U", user, "--auth=trust", "-E", "UTF8", "--no-sync")
    cluster._run("pg_ctl", "-D", str(folder / "data"), "-l", str(folder / "log"), "-w", "-t", "60",
                 "-o", f"-c listen_addresses='' -c unix_socket_directories='{folder}' -c fsync=off", "start")
    return cluster
