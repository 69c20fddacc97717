"""Real congvu processes for the ops tests: scratch installations (a data folder and a database of
the engine of the pass — an SQLite file, or a PostgreSQL database on the pass's server), `congvu`
commands and `congvu serve` (gunicorn) run on them as processes, HTTP clients speaking to those
servers with API tokens or a signed-in session, and PostgreSQL servers of the tests' own for what
must not disturb the machine's (stopping one, streaming to a replica).

Nothing here is timed: `wait_until` bounds how long a process may take to get somewhere, so a
broken test fails instead of hanging, and never asserts how fast anything was."""

import glob
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg
import pytest

PYTHON = sys.executable
SECRET_KEY = "congvu-ops-tests-" + "k" * 40  # noqa: S105 - the scratch sites' key, not a secret
POLL_SECONDS = 0.05
# Our own PostgreSQL servers listen only on these ports (other test runs on this machine use others).
OWN_PORTS = range(5442, 5450)


def require(condition: object, reason: str) -> None:
    """A prerequisite of an ops test: skipped with its reason on a developer's machine, a failure
    under CI=true, where every one of these tests must run."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: this test must run on CI")
    pytest.skip(reason)


def wait_until(condition: Callable[[], object], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(POLL_SECONDS)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_taken(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


# --- installations -----------------------------------------------------------------------------------


@dataclass
class Site:
    """One congvu installation, driven only from outside, through processes."""

    data_dir: Path
    database_url: str | None = None  # None: SQLite in the data folder
    extra_env: dict[str, str] = field(default_factory=dict)
    logs: Path | None = None  # where the processes' output goes (the data folder unless said)

    def log_path(self, name: str) -> Path:
        return (self.logs or self.data_dir) / name

    @property
    def engine(self) -> str:
        return "postgresql" if self.database_url else "sqlite"

    @property
    def sqlite_file(self) -> Path:
        return self.data_dir / "congvu.sqlite3"

    @property
    def media(self) -> Path:
        return self.data_dir / "media"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CONGVU_READ_REPLICA_URL")}
        env.update(CONGVU_DATA_DIR=str(self.data_dir), CONGVU_SECRET_KEY=SECRET_KEY, PYTHONUNBUFFERED="1",
                   DJANGO_SETTINGS_MODULE="congvu.settings")
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return {**env, **self.extra_env, **extra}

    def run(self, *command: str, check: bool = True, timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
        done = subprocess.run([PYTHON, "-m", *command], env=self.env(**env), capture_output=True, text=True,
                              timeout=timeout, cwd=self.data_dir)
        if check and done.returncode != 0:
            raise AssertionError(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
        return done

    def congvu(self, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess:
        return self.run("congvu.cli", *args, check=check, **env)

    def probe(self, *args: str) -> Any:
        """Ask the site's database something (congvu/ops/tests/probe.py); the answer is JSON."""
        return json.loads(self.run("congvu.ops.tests.probe", *args).stdout)

    def spawn(self, command: list[str], log_name: str, **env: str) -> subprocess.Popen:
        """A long-running process in its own process group (so that it can be killed whole)."""
        log = self.log_path(log_name).open("ab")
        return subprocess.Popen([PYTHON, "-m", *command], env=self.env(**env), stdout=log, stderr=subprocess.STDOUT,
                                cwd=self.data_dir, start_new_session=True)


class Sites:
    """Scratch installations of the pass's engine, each a copy of one migrated template (migrating
    takes ~10 s; copying, a moment). PostgreSQL databases are named after the pass's database."""

    def __init__(self, workdir: Path, database_url: str | None) -> None:
        self.workdir = workdir
        self.server = dj_database_url.parse(database_url) if database_url else None
        self.created: list[str] = []
        self.template: Site | None = None

    def admin(self) -> psycopg.Connection:
        s = self.server
        return psycopg.connect(host=s["HOST"], port=s["PORT"] or 5432, user=s["USER"], password=s["PASSWORD"] or None,
                               dbname="postgres", autocommit=True)

    def url_of(self, name: str) -> str:
        s = self.server
        password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
        return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{name}"

    def new_database(self, name: str, template: str | None = None) -> str:
        with self.admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.created.append(name)
        return self.url_of(name)

    def db_name(self, label: str) -> str:
        return f"{self.server['NAME']}_{label}_{os.getpid()}"

    def migrated(self) -> Site:
        if self.template is None:
            folder = self.workdir / "template"
            folder.mkdir(parents=True)
            url = self.new_database(self.db_name("opstpl")) if self.server else None
            template = Site(folder, url)
            template.congvu("migrate", "--verbosity", "0")
            template.congvu("createcachetable")
            template.congvu("collectstatic", "--noinput", "--verbosity", "0")
            self.template = template
        return self.template

    def new(self, label: str) -> Site:
        """A migrated, empty installation (its static files already collected)."""
        template = self.migrated()
        folder = self.workdir / label
        shutil.copytree(template.data_dir, folder, ignore=shutil.ignore_patterns("*.log"))
        if not self.server:
            return Site(folder)
        return Site(folder, self.new_database(self.db_name(label), template=template.database_url.rsplit("/", 1)[1]))

    def empty(self, label: str) -> Site:
        """An installation with an empty database (created, never migrated), as a restore expects."""
        folder = self.workdir / label
        folder.mkdir(parents=True)
        return Site(folder, self.new_database(self.db_name(label)) if self.server else None)

    def on_cluster(self, cluster: "Cluster", label: str) -> Site:
        """A migrated, empty installation on a server of the test's own: the template database copied
        over with pg_dump | pg_restore (a moment, where migrating again takes ~10 s)."""
        template = self.migrated()
        folder = self.workdir / label
        shutil.copytree(template.data_dir, folder, ignore=shutil.ignore_patterns("*.log"))
        cluster.sql("CREATE DATABASE congvu")
        dump = subprocess.run([str(cluster.bin / "pg_dump"), "--format=custom", template.database_url],
                              capture_output=True, check=True, timeout=120)
        subprocess.run([str(cluster.bin / "pg_restore"), "--no-owner", f"--dbname={cluster.url('congvu')}"],
                       input=dump.stdout, capture_output=True, check=True, timeout=120)
        return Site(folder, cluster.url("congvu"))

    def drop_all(self) -> None:
        if self.server:
            with self.admin() as admin:
                for name in self.created:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- servers -----------------------------------------------------------------------------------------


class Server:
    """`congvu serve` (gunicorn, no sweeps: the tests run their own sweepers), or the same command
    through `congvu.ops.tests.wrappers` when a test needs it to stop at a chosen point."""

    def __init__(self, site: Site, *, workers: int = 1, wrapper: tuple[str, ...] = (), **env: str) -> None:
        self.site, self.port = site, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        argv = ["serve", "--no-sweep", "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(workers)]
        command = ["congvu.ops.tests.wrappers", *wrapper, "--", *argv] if wrapper else ["congvu.cli", *argv]
        self.process = site.spawn(command, f"server-{self.port}.log", **env)

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/dang-nhap/", timeout=5) as response:  # noqa: S310
                return response.status == 200
        except (OSError, urllib.error.URLError):
            return False

    def wait_ready(self) -> "Server":
        wait_until(lambda: self.process.poll() is not None or self.answers(), f"the server on :{self.port}", 120)
        if self.process.poll() is not None:
            raise AssertionError(f"the server on :{self.port} exited:\n{self.log()}")
        return self

    def log(self) -> str:
        return self.site.log_path(f"server-{self.port}.log").read_text(errors="replace")[-5000:]

    def kill(self) -> None:
        """SIGKILL to the whole process group: the gunicorn master and every worker, mid-whatever."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> "Server":
        return self.wait_ready()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str]


def read_answer(response) -> Answer:
    raw = response.read()
    kind = response.headers.get("Content-Type", "")
    body: Any = raw  # a download stays bytes
    if kind.startswith("application/json") and raw:
        body = json.loads(raw)
    elif kind.startswith("text/"):
        body = raw.decode("utf-8", "replace")
    return Answer(response.status if hasattr(response, "status") else response.code, body, dict(response.headers))


class Api:
    """The REST API of one server, as one official (a bearer token)."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url, self.token = base_url, token

    def call(self, method: str, path: str, body: dict | None = None) -> Answer:
        request = urllib.request.Request(  # noqa: S310 - loopback only
            f"{self.base_url}/api{path}", method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json",
                     "Accept-Language": "vi"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                return read_answer(response)
        except urllib.error.HTTPError as error:
            return read_answer(error)

    def get(self, path: str) -> Answer:
        return self.call("GET", path)

    def post(self, path: str, body: dict) -> Answer:
        return self.call("POST", path, body)


class Browser:
    """A signed-in official's browser: the session cookie, and the CSRF token for forms."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> Answer:
        try:
            with self.opener.open(f"{self.base_url}{path}", timeout=120) as response:
                return read_answer(response)
        except urllib.error.HTTPError as error:
            return read_answer(error)

    def sign_in(self, username: str, password: str) -> None:
        form = self.get("/dang-nhap/").body
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        data = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": csrf})
        with self.opener.open(f"{self.base_url}/dang-nhap/", data=data.encode(), timeout=120) as response:
            assert "/dang-nhap/" not in response.url, "the sign-in was refused"


# --- PostgreSQL servers of our own ---------------------------------------------------------------------


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


class Cluster:
    """A PostgreSQL server of the test's own (initdb), on one of OWN_PORTS, in a folder under /tmp.
    As root it runs as the `postgres` account (PostgreSQL refuses root)."""

    def __init__(self, label: str) -> None:
        self.bin = pg_bin()
        require(self.bin is not None, "PostgreSQL's server programs (/usr/lib/postgresql/*/bin) are not installed")
        require(os.geteuid() != 0 or shutil.which("runuser"), "runuser is needed to run PostgreSQL as root")
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        free = [port for port in OWN_PORTS if not port_taken(port)]
        require(free, f"every port of {OWN_PORTS} is taken")
        self.port = free[0]
        self.home = Path(tempfile.mkdtemp(prefix=f"congvu-{label}-", dir="/tmp"))
        self.data = self.home / "data"
        if self.as_owner:
            shutil.chown(self.home, "postgres", "postgres")

    def run(self, program: str, *args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([*self.as_owner, str(self.bin / program), *args], capture_output=True, text=True,
                              timeout=120)
        if done.returncode != 0:
            raise AssertionError(f"{program} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
        return done

    def init(self) -> "Cluster":
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
                 "--no-sync")
        return self

    def start(self) -> "Cluster":
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.home}"
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.home / "server.log"), "-o", options, "-w", "-t", "60",
                 "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> list[tuple]:
        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=10) as conn:
            cursor = conn.execute(statement)
            return cursor.fetchall() if cursor.description else []

    def replica(self, label: str) -> "Cluster":
        """A hot standby streaming from this server: pg_basebackup with its recovery settings (-R)."""
        standby = Cluster(label)
        standby.port = next(p for p in OWN_PORTS if p != self.port and not port_taken(p))
        self.run("pg_basebackup", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-D", str(standby.data),
                 "-R", "-X", "stream", "-c", "fast")
        return standby

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run([*self.as_owner, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                           capture_output=True, timeout=60)
        shutil.rmtree(self.home, ignore_errors=True)


def running_cluster(label: str) -> Iterator[Cluster]:
    """A started server of the test's own, destroyed afterwards however the test ends (a fixture
    yields from it)."""
    cluster = Cluster(label)
    try:
        yield cluster.init().start()
    finally:
        cluster.destroy()


# --- load --------------------------------------------------------------------------------------------


class Registrations:
    """Clerks registering documents over HTTP, one loop per thread, each subject its own, until
    stopped. Every attempt is kept with its answer (or the error of a connection that failed)."""

    BACKOFF_SECONDS = 0.1  # after a 503, as a client honouring Retry-After would (shortened for the test)

    def __init__(self, apis: list[Api], body: dict, threads: int) -> None:
        self.apis, self.body = apis, body
        self.attempts: list[tuple[str, Answer | OSError]] = []
        self.lock, self.halt = threading.Lock(), threading.Event()
        self.threads = [threading.Thread(target=self.loop, args=(n,), daemon=True) for n in range(threads)]

    def __enter__(self) -> "Registrations":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.halt.set()
        for thread in self.threads:
            thread.join(150)

    def loop(self, n: int) -> None:
        count = 0
        while not self.halt.is_set():
            count += 1
            subject = f"Văn bản tải {n}-{count}"
            api = self.apis[count % len(self.apis)]
            try:
                answer: Answer | OSError = api.post("/incoming", {**self.body, "subject": subject})
            except OSError as error:
                answer = error
            with self.lock:
                self.attempts.append((subject, answer))
            if not isinstance(answer, Answer) or answer.status != 201:
                time.sleep(self.BACKOFF_SECONDS)

    def answers(self) -> list[Answer | OSError]:
        with self.lock:
            return [answer for _, answer in self.attempts]

    def count(self, status: int) -> int:
        return sum(isinstance(a, Answer) and a.status == status for a in self.answers())

    def subjects(self, status: int | None = None) -> set[str]:
        with self.lock:
            return {s for s, a in self.attempts if status is None or (isinstance(a, Answer) and a.status == status)}
