"""A throwaway PostgreSQL cluster for the store tests: initdb + pg_ctl in a temp folder.

The tests do not depend on a system service: they start their own server on a free
loopback port and delete it afterwards. ``PEERSIM_TEST_POSTGRES_URL`` points them at an
existing server instead (an admin URL allowed to CREATE DATABASE). PostgreSQL refuses
to run as root, so under root the cluster is run by the ``postgres`` system user.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


class NoServer(RuntimeError):
    """No PostgreSQL server can be started here (the reason says why)."""


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not candidates:
        raise NoServer(f"no {name} found (install PostgreSQL: apt-get install postgresql)")
    return candidates[-1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """One private server; ``admin_url`` may create and drop databases."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="peersim-pg-"))
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise NoServer("running as root and there is no postgres user to run"
                               " the server") from exc
            os.chown(self.folder, user.pw_uid, user.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self.port = _free_port()
        self.data = self.folder / "data"
        self._run([_binary("initdb"), "-D", str(self.data), "-A", "trust", "-U", "peersim",
                   "-E", "UTF8", "--no-sync"])
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
                   " -c fsync=off -c full_page_writes=off")
        self._run([_binary("pg_ctl"), "-D", str(self.data), "-o", options,
                   "-l", str(self.folder / "log"), "-w", "-t", "60", "start"])
        self.admin_url = f"postgresql://peersim@127.0.0.1:{self.port}/postgres"

    def _run(self, command: list[str]) -> None:
        done = subprocess.run([*self.prefix, *command], capture_output=True, text=True,
                              check=False)
        if done.returncode:
            log = self.folder / "log"
            tail = log.read_text()[-400:] if log.exists() else ""
            raise NoServer(f"{Path(command[0]).name} failed: {done.stderr.strip()} {tail}")

    def stop(self) -> None:
        """Stop the server and delete its files."""
        stop = [_binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]
        subprocess.run([*self.prefix, *stop], capture_output=True, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def fresh_database(admin_url: str) -> str:
    """Create an empty database and return its URL."""
    import psycopg

    name = "t_" + secrets.token_hex(6)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base = admin_url.rsplit("/", 1)[0]
    return f"{base}/{name}"


def drop_database(admin_url: str, url: str) -> None:
    """Drop a database made by :func:`fresh_database` (closing stray connections)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
