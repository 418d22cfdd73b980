"""Load and fault benchmark: a fixed mix of applicants, supporters, API clients and officers
against gunicorn, on SQLite (database task worker) and on PostgreSQL (Redis worker pool), while
web workers, the task worker, PostgreSQL, clamd and the mail relay fail in turn.

Everything runs on loopback in a temporary folder: a PostgreSQL cluster of its own (initdb,
pg_ctl, a free port), redis-server, clamd (`lifeline clamd`), the demo's SMTP sink (aiosmtpd),
gunicorn with 2 sync workers and the task worker. The load generator is this process: one
thread per virtual user, closed loop (no think time), bounded by time and by count.

  .venv/bin/python bench/load_bench.py                         # both databases, every fault
  .venv/bin/python bench/load_bench.py --backends sqlite --steady-seconds 20 --fault-seconds 15
  .venv/bin/python bench/load_bench.py --backends postgresql --steady-seconds 0 \
      --faults restart-postgresql,stop-mail-relay --sweep-after-seconds 100 --drain-seconds 150
"""

from __future__ import annotations

import argparse
import base64
import http.client
import io
import itertools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv/bin/python")
BIN = ROOT / ".venv/bin"
HOST = "127.0.0.1"
ROLES = ("applicant", "supporter", "api_client", "officer")
NUMBERS = itertools.count(1)  # distinct people across phases
RETRIES = 4  # an API write that got no answer is sent again with the same Idempotency-Key


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def loadavg() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 3)[0]


def key() -> str:
    """A fresh 32-byte key, base64 (field encryption, audit seals)."""
    return base64.b64encode(secrets.token_bytes(32)).decode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        sys.exit("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    return found[-1].parent


def png_bytes(seed: int) -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (32, 32), (seed % 256, 40, 90)).save(output, format="PNG")
    return output.getvalue()


# --- the installation under test -----------------------------------------------------------


class Installation:
    """One Lifeline installation in a temporary folder, with every service it needs."""

    def __init__(self, backend: str, folder: Path, *, generate: int) -> None:
        self.backend = backend
        self.folder = folder
        self.generate = generate
        self.web_port = free_port()
        self.mail_port = free_port()
        self.pg_port = free_port()
        self.redis_port = free_port()
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "LIFELINE_VAR_DIR": str(folder / "var"),
            "LIFELINE_SECRET_KEY": secrets.token_urlsafe(50),
            "LIFELINE_FIELD_KEYS": key(),
            "LIFELINE_AUDIT_KEYS": f"bench-chain:{key()}",
            "LIFELINE_AUDIT_CHECKPOINT_KEYS": f"bench-checkpoint:{key()}",
            "LIFELINE_DEBUG": "0",
            "LIFELINE_ALLOWED_HOSTS": HOST,
            "LIFELINE_EMAIL_PORT": str(self.mail_port),
            "LIFELINE_CLAMD_SOCKET": str(folder / "var/clamav/clamd.sock"),
            "LIFELINE_LOG_LEVEL": "ERROR",
        }
        for name in ("LIFELINE_TESTING", "DATABASE_URL", "LIFELINE_REDIS_URL"):
            self.env.pop(name, None)
        if backend == "sqlite":
            self.env["DATABASE_URL"] = f"sqlite:///{folder / 'var/lifeline.sqlite3'}"
        else:
            self.env["DATABASE_URL"] = f"postgres://postgres@{HOST}:{self.pg_port}/lifeline"
            self.env["LIFELINE_REDIS_URL"] = f"redis://{HOST}:{self.redis_port}/0"
            self.env["LIFELINE_TASK_BACKEND"] = "django_tasks_rq.RQBackend"
        (folder / "var").mkdir(parents=True)
        self.logs = folder / "logs"
        self.logs.mkdir()

    # processes
    def _spawn(self, name: str, command: list[str]) -> subprocess.Popen[bytes]:
        stream = (self.logs / f"{name}.log").open("ab")
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=stream, stderr=stream, start_new_session=True
        )
        self.processes[name] = process
        return process

    def _stop(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def run(self, *args: str, capture: bool = False) -> str:
        finished = subprocess.run(
            [PY, *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=False
        )
        if finished.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{finished.stderr[-2000:]}")
        return finished.stdout

    def _pg(self, *args: str) -> None:
        """A PostgreSQL server program; as the postgres account when this runs as root
        (initdb and postgres refuse root)."""
        command = [str(pg_bin() / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        finished = subprocess.run(command, capture_output=True, text=True, check=False)
        if finished.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {finished.stderr[-1500:]}")

    def start_postgres(self) -> None:
        cluster = self.folder / "pg"
        cluster.mkdir()
        if os.geteuid() == 0:
            self.folder.chmod(0o711)  # the postgres account passes through to its cluster
            shutil.chown(cluster, "postgres", "postgres")
        data = cluster / "data"
        self._pg("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self._pg(
            "pg_ctl", "-D", str(data), "-l", str(cluster / "postgres.log"), "-w", "-o",
            f"-p {self.pg_port} -k {cluster} -c listen_addresses={HOST}",
            "start",
        )  # fmt: skip
        self._pg("createdb", "-h", HOST, "-p", str(self.pg_port), "-U", "postgres", "lifeline")

    def restart_postgres(self) -> None:
        cluster = self.folder / "pg"
        log_file = str(cluster / "postgres.log")  # without it the server keeps our pipe open
        self._pg(
            "pg_ctl", "-D", str(cluster / "data"), "-l", log_file, "-m", "fast", "-w", "restart"
        )

    def stop_postgres(self) -> None:
        if (self.folder / "pg/data/postmaster.pid").exists():
            self._pg("pg_ctl", "-D", str(self.folder / "pg/data"), "-m", "fast", "-w", "stop")

    def start_redis(self) -> None:
        self._spawn(
            "redis",
            ["redis-server", "--port", str(self.redis_port), "--bind", HOST, "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
        )  # fmt: skip
        wait_for(lambda: port_open(self.redis_port), "redis", 20)

    def start_mail(self) -> None:
        self._spawn(
            "mail",
            [PY, "-m", "aiosmtpd", "-n", "-l", f"{HOST}:{self.mail_port}", "-c",
             "aiosmtpd.handlers.Mailbox", str(self.folder / "var/mail")],
        )  # fmt: skip
        wait_for(lambda: port_open(self.mail_port), "mail sink", 20)

    def stop_mail(self) -> None:
        self._stop("mail")

    def start_clamd(self) -> None:
        sock = Path(self.env["LIFELINE_CLAMD_SOCKET"])
        self._spawn("clamd", [str(BIN / "lifeline"), "clamd"])
        wait_for(lambda: unix_socket_open(sock), "clamd", 120)

    def stop_clamd(self) -> None:
        self._stop("clamd")

    def start_web(self) -> None:
        self._spawn(
            "web",
            [str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"{HOST}:{self.web_port}",
             "--workers", "2", "--graceful-timeout", "10", "--no-control-socket"],
        )  # fmt: skip
        wait_for(lambda: http_ok(self.web_port, "/healthz"), "gunicorn", 60)

    def web_workers(self) -> list[int]:
        master = self.processes["web"].pid
        children = Path(f"/proc/{master}/task/{master}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def start_worker(self) -> None:
        if self.backend == "sqlite":
            command = [PY, "manage.py", "task_worker", "--queue-name", "*", "--interval", "1"]
        else:
            command = [PY, "manage.py", "rqworker", "--with-scheduler", "--job-class",
                       "django_tasks_rq.Job", "--worker-class",
                       "lifeline.notifications.rq_worker.RedactingWorker",
                       "default", "integrity"]  # fmt: skip
        self._spawn("worker", command)

    def kill_worker(self) -> None:
        self._stop("worker", signal.SIGKILL)

    def prepare(self) -> dict[str, Any]:
        if self.backend == "postgresql":
            log("starting PostgreSQL (initdb, pg_ctl) and redis-server")
            self.start_postgres()
            self.start_redis()
        log("migrating, loading policies, generating demo data")
        self.run("manage.py", "migrate", "--noinput", "--verbosity", "0")
        self.run("manage.py", "policies", "load")
        self.run("manage.py", "generate", "--requests", str(self.generate), "--seed", "7")
        log("starting the mail sink, clamd, gunicorn (2 workers) and the task worker")
        self.start_mail()
        self.start_clamd()
        self.start_worker()
        self.start_web()
        return {}

    def close(self) -> None:
        for name in list(self.processes):
            self._stop(name)
        if self.backend == "postgresql":
            self.stop_postgres()

    def mailbox_count(self) -> int:
        box = self.folder / "var/mail"
        return sum(1 for sub in ("new", "cur") for p in (box / sub).glob("*") if p.is_file())


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((HOST, port)) == 0


def unix_socket_open(path: Path) -> bool:
    if not path.exists():
        return False
    with socket.socket(socket.AF_UNIX) as probe:
        probe.settimeout(1)
        return probe.connect_ex(str(path)) == 0


def http_ok(port: int, path: str) -> bool:
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=3)
        connection.request("GET", path)
        return connection.getresponse().status < 400
    except OSError:
        return False


def wait_for(check: Callable[[], bool], what: str, seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {seconds:.0f} s")


# --- the load ------------------------------------------------------------------------------


@dataclass
class Sample:
    operation: str
    started: float
    seconds: float
    status: int  # 0: no answer (connection refused or reset, timeout)
    detail: str = ""  # the start of the answer to a call refused with 4xx or 5xx


@dataclass
class Acknowledged:
    requests: list[str] = field(default_factory=list)
    declarations: list[str] = field(default_factory=list)
    evidence: list[int] = field(default_factory=list)


class Load:
    """Virtual users in threads; every call is recorded, every acknowledged write remembered."""

    def __init__(self, port: int, users: dict[str, list[dict[str, Any]]], per_role: int) -> None:
        self.port = port
        self.users = users
        self.per_role = per_role
        self.samples: list[Sample] = []
        self.acknowledged = Acknowledged()
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def _next(self) -> int:
        with self.lock:
            return next(NUMBERS)

    def call(
        self, operation: str, method: str, path: str, *, body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], bytes]:  # fmt: skip
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            content = response.read()
            status, answer = response.status, dict(response.getheaders())
            connection.close()
        except (OSError, http.client.HTTPException):
            status, answer, content = 0, {}, b""
        detail = content[:300].decode(errors="replace") if status >= 400 else ""
        if 300 <= status < 400:
            detail = answer.get("Location", "")
        self.samples.append(Sample(operation, started, time.monotonic() - started, status, detail))
        return status, answer, content

    def api_write(
        self, operation: str, path: str, token: str, body: bytes, content_type: str
    ) -> tuple[int, bytes]:
        key = str(uuid.uuid4())
        headers = {
            "Authorization": f"Bearer {token}",
            "Idempotency-Key": key,
            "Content-Type": content_type,
        }
        status, content = 0, b""
        for attempt in range(RETRIES + 1):
            status, _, content = self.call(operation, "POST", path, body=body, headers=headers)
            if status not in (0, 502, 504) or self.stop.is_set():
                break
            time.sleep(0.5 * (attempt + 1))
        return status, content

    # roles
    def applicant(self, user: dict[str, Any]) -> None:
        cookie = {"Cookie": f"sessionid={user['session']}"}
        while not self.stop.is_set():
            self.call("applicant: dashboard", "GET", "/dashboard/", headers=cookie)
            self.call(
                "applicant: own request", "GET", f"/requests/{user['request']}/", headers=cookie
            )

    def supporter(self, user: dict[str, Any]) -> None:
        from lifeline.supporters.schemas import EXAMPLE_DECLARATION

        auth = {"Authorization": f"Bearer {user['token']}"}
        while not self.stop.is_set():
            number = self._next()
            document = json.loads(json.dumps(EXAMPLE_DECLARATION))
            document["beneficiary"]["given_name"] = f"Bench{number}"
            document["beneficiary"]["passport"]["number"] = f"FB{number:06d}"
            document["beneficiary_email"] = f"beneficiary-{number}@bench.example"
            status, content = self.api_write(
                "supporter: declare (API)", "/api/v1/declarations", user["token"],
                json.dumps(document).encode(), "application/json",
            )  # fmt: skip
            if status == 201:
                self.acknowledged.declarations.append(json.loads(content)["reference"])
            self.call("supporter: list (API)", "GET", "/api/v1/declarations", headers=auth)

    def api_client(self, user: dict[str, Any]) -> None:
        from lifeline.programs.schemas import EXAMPLE_REQUEST_DOCUMENT

        auth = {"Authorization": f"Bearer {user['token']}"}
        while not self.stop.is_set():
            number = self._next()
            document = json.loads(json.dumps(EXAMPLE_REQUEST_DOCUMENT))
            document["beneficiary"]["given_name"] = f"Api{number}"
            document["beneficiary"]["passport"]["number"] = f"FA{number:06d}"
            document["filed_on"] = time.strftime("%Y-%m-%d")
            status, content = self.api_write(
                "api: create request", "/api/v1/requests", user["token"],
                json.dumps({"document": document}).encode(), "application/json",
            )  # fmt: skip
            if status == 201:
                reference = json.loads(content)["reference"]
                self.acknowledged.requests.append(reference)
                boundary = uuid.uuid4().hex
                upload = (
                    (
                        f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n'
                        f"passport_bio_page\r\n--{boundary}\r\nContent-Disposition: form-data; "
                        f'name="file"; filename="passport.png"\r\nContent-Type: image/png\r\n\r\n'
                    ).encode()
                    + png_bytes(number)
                    + f"\r\n--{boundary}--\r\n".encode()
                )
                status, content = self.api_write(
                    "api: upload evidence", f"/api/v1/requests/{reference}/evidence",
                    user["token"], upload, f"multipart/form-data; boundary={boundary}",
                )  # fmt: skip
                if status == 201:
                    self.acknowledged.evidence.append(int(json.loads(content)["id"]))
                self.api_write(
                    "api: submit request", f"/api/v1/requests/{reference}/submit",
                    user["token"], b"{}", "application/json",
                )  # fmt: skip
            self.call("api: list requests", "GET", "/api/v1/requests", headers=auth)

    def officer(self, user: dict[str, Any]) -> None:
        csrf = secrets.token_hex(16)
        headers = {
            "Cookie": f"sessionid={user['session']}; csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        while not self.stop.is_set():
            self.call("officer: queue", "GET", "/workspace/", headers=headers)
            status, answer, _ = self.call(
                "officer: take next case", "POST", "/workspace/take-next/",
                body=f"csrfmiddlewaretoken={csrf}".encode(), headers=headers,
            )  # fmt: skip
            found = re.search(r"/workspace/cases/([A-Z0-9-]+)/", answer.get("Location", ""))
            if status != 302 or not found:
                continue
            case = f"/workspace/cases/{found.group(1)}/"
            status, _, page = self.call("officer: case page", "GET", case, headers=headers)
            version = re.search(rb'name="evidence-expected_version" value="(\d+)"', page)
            if status != 200 or not version:
                continue
            form = (
                f"csrfmiddlewaretoken={csrf}&evidence-expected_version={version.group(1).decode()}"
                "&evidence-free_text=A+copy+of+every+page+of+the+passport."
            )
            self.call(
                "officer: request evidence", "POST", f"{case}evidence-request/",
                body=form.encode(), headers=headers,
            )  # fmt: skip

    def start(self) -> list[threading.Thread]:
        threads = []
        for role in ROLES:
            for user in self.users[role][: self.per_role]:
                thread = threading.Thread(target=getattr(self, role), args=(user,), daemon=True)
                thread.start()
                threads.append(thread)
        return threads


# --- phases and faults ---------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def summarise(samples: list[Sample], seconds: float) -> dict[str, Any]:
    operations: dict[str, Any] = {}
    for name in sorted({s.operation for s in samples}):
        chosen = [s for s in samples if s.operation == name]
        latencies = [s.seconds * 1000 for s in chosen]
        operations[name] = {
            "calls": len(chosen),
            "per_second": round(len(chosen) / seconds, 2),
            "p50_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(percentile(latencies, 0.95), 1),
            "p99_ms": round(percentile(latencies, 0.99), 1),
            "2xx_3xx": sum(1 for s in chosen if 200 <= s.status < 400),
            "4xx": sum(1 for s in chosen if 400 <= s.status < 500),
            "503": sum(1 for s in chosen if s.status == 503),
            "other_5xx": sum(1 for s in chosen if s.status >= 500 and s.status != 503),
            "no_answer": sum(1 for s in chosen if s.status == 0),
            "first_refusal": next(
                (f"{s.status} {s.detail}" for s in chosen if s.status >= 400), ""
            ),
            "first_redirect": next((s.detail for s in chosen if 300 <= s.status < 400), ""),
        }
    return operations


def failures_after(samples: list[Sample], since: float) -> list[Sample]:
    return [s for s in samples if s.started >= since and (s.status == 0 or s.status >= 500)]


def drain(
    install: Installation, ack_file: Path, *, wait_seconds: float, sweep_after_seconds: float
) -> dict[str, Any]:
    """Wait for every e-mail notification to leave; if some stay pending after
    `sweep_after_seconds`, queue the sweep (the hourly task) once and wait again. Returns the
    check and how long it took."""
    started = time.monotonic()
    swept = False
    while True:
        checked = json.loads(install.run("bench/load_fixtures.py", "check", str(ack_file)))
        pending = checked["emails"]["pending"]
        elapsed = time.monotonic() - started
        if pending == 0:
            break
        if not swept and elapsed > min(sweep_after_seconds, wait_seconds / 2):
            install.run("bench/load_fixtures.py", "sweep")
            swept = True
        if elapsed > wait_seconds:
            break
        time.sleep(1)
    checked["drain_seconds"] = round(time.monotonic() - started, 1)
    checked["sweep_needed"] = swept
    checked["mailbox_messages"] = install.mailbox_count()
    return checked


def run_phase(
    install: Installation, users: dict[str, Any], args: argparse.Namespace, name: str,
    seconds: float, fault: Callable[[float], dict[str, Any]] | None,
) -> dict[str, Any]:  # fmt: skip
    log(f"phase {name}: {seconds:.0f} s, {args.per_role} users per role (load {loadavg()})")
    load = Load(install.web_port, users, args.per_role)
    load_before = loadavg()
    cpu_before, wall_before = time.process_time(), time.monotonic()
    threads = load.start()
    fault_report: dict[str, Any] = {}
    fault_thread = None
    if fault is not None:
        fault_thread = threading.Thread(
            target=lambda: fault_report.update(fault(wall_before)), daemon=True
        )
        fault_thread.start()
    while time.monotonic() - wall_before < seconds and len(load.samples) < args.max_calls:
        time.sleep(min(10, seconds - (time.monotonic() - wall_before)) if seconds > 0 else 0)
        failed = sum(1 for s in load.samples if s.status == 0 or s.status >= 500)
        log(
            f"  {name}: {time.monotonic() - wall_before:.0f} s, {len(load.samples)} calls, "
            f"{failed} failed or refused, load {loadavg()}"
        )
    load.stop.set()
    for thread in threads:
        thread.join(timeout=35)
    if fault_thread is not None:
        fault_thread.join(timeout=120)
    wall = time.monotonic() - wall_before
    cpu = time.process_time() - cpu_before
    ack_file = install.folder / f"acknowledged-{name}.json"
    ack_file.write_text(json.dumps(load.acknowledged.__dict__))
    checked = drain(
        install,
        ack_file,
        wait_seconds=args.drain_seconds,
        sweep_after_seconds=args.sweep_after_seconds,
    )
    report = {
        "phase": name,
        "seconds": round(wall, 1),
        "calls": len(load.samples),
        "calls_per_second": round(len(load.samples) / wall, 1),
        "loadgen_cpu_share_of_one_core": round(cpu / wall, 4),
        "load_average": [load_before, loadavg()],
        "operations": summarise(load.samples, wall),
        "fault": fault_report,
        "check": checked,
    }
    if "injected_at" in fault_report:
        since = wall_before + fault_report["injected_at"]
        failures = failures_after(load.samples, since)
        report["failures_after_fault"] = len(failures)
        report["errors_ended_after_s"] = (
            round(max(s.started + s.seconds for s in failures) - since, 1) if failures else 0.0
        )
    losses = (
        len(checked["requests_missing"]) + len(checked["declarations_missing"])
        + len(checked["evidence_missing"]) + len(checked["evidence_rows_without_file"])
        + len(checked["emails_never_delivered"])
    )  # fmt: skip
    log(
        f"  {name}: {report['calls_per_second']} calls/s; acknowledged writes missing or "
        f"undelivered: {losses}; orphan files: {len(checked['files_without_row'])}; "
        f"e-mails sent {checked['emails']['sent']}, mailbox {checked['mailbox_messages']}, "
        f"never delivered {len(checked['emails_never_delivered'])}, "
        f"delivered twice {len(checked['emails_delivered_twice'])}"
    )
    return report


def faults(install: Installation, delay: float) -> dict[str, Callable[[float], dict[str, Any]]]:
    def at(start: float, offset: float) -> float:
        time.sleep(max(0.0, start + offset - time.monotonic()))
        return time.monotonic() - start

    def kill_web_worker(start: float) -> dict[str, Any]:
        injected = at(start, delay)
        victim = install.web_workers()[0]
        os.kill(victim, signal.SIGKILL)
        log(f"  fault: kill -9 web worker {victim}")
        back = wait_for(lambda: len(install.web_workers()) == 2 and victim not in
                        install.web_workers(), "replacement web worker", 60)  # fmt: skip
        return {"injected_at": round(injected, 1), "replacement_worker_after_s": round(back, 2)}

    def kill_task_worker(start: float) -> dict[str, Any]:
        injected = at(start, delay)
        install.kill_worker()
        log("  fault: kill -9 the task worker")
        at(start, delay + 2)
        install.start_worker()
        log("  fault: task worker started again")
        return {"injected_at": round(injected, 1), "restarted_after_s": 2.0}

    def restart_postgresql(start: float) -> dict[str, Any]:
        injected = at(start, delay)
        log("  fault: pg_ctl restart -m fast")
        began = time.monotonic()
        install.restart_postgres()
        return {
            "injected_at": round(injected, 1),
            "restart_took_s": round(time.monotonic() - began, 2),
        }

    def stop_clamd(start: float) -> dict[str, Any]:
        injected = at(start, delay)
        install.stop_clamd()
        log("  fault: clamd stopped")
        at(start, delay * 2)
        began = time.monotonic()
        install.start_clamd()
        log("  fault: clamd started again")
        return {
            "injected_at": round(injected, 1),
            "down_s": round(began - start - injected, 1),
            "clamd_ready_after_restart_s": round(time.monotonic() - began, 1),
        }

    def stop_mail_relay(start: float) -> dict[str, Any]:
        injected = at(start, delay)
        install.stop_mail()
        log("  fault: mail relay stopped")
        at(start, delay * 2)
        install.start_mail()
        log("  fault: mail relay started again")
        return {"injected_at": round(injected, 1), "down_s": round(delay, 1)}

    chosen = {
        "kill-web-worker": kill_web_worker,
        "kill-task-worker": kill_task_worker,
        "restart-postgresql": restart_postgresql,
        "stop-clamd": stop_clamd,
        "stop-mail-relay": stop_mail_relay,
    }
    if install.backend != "postgresql":
        chosen.pop("restart-postgresql")
    return chosen


def bench(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix=f"lifeline-load-{backend}-"))
    install = Installation(backend, folder, generate=args.generate)
    started = time.monotonic()
    try:
        install.prepare()
        users = json.loads(install.run("bench/load_fixtures.py", "users", str(args.per_role)))
        log(f"{backend}: ready in {time.monotonic() - started:.0f} s (load {loadavg()})")
        phases = (  # --steady-seconds 0: the fault phases only
            [run_phase(install, users, args, "steady", args.steady_seconds, None)]
            if args.steady_seconds > 0
            else []
        )
        for name, fault in faults(install, args.fault_seconds / 3).items():
            if args.faults and name not in args.faults:
                continue
            phases.append(run_phase(install, users, args, name, args.fault_seconds, fault))
        return {"backend": backend, "phases": phases}
    finally:
        install.close()
        if args.keep:
            log(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--per-role", type=int, default=2, help="virtual users per role")
    parser.add_argument("--steady-seconds", type=float, default=60)
    parser.add_argument("--fault-seconds", type=float, default=30)
    parser.add_argument("--drain-seconds", type=float, default=60)
    parser.add_argument(
        "--sweep-after-seconds",
        type=float,
        default=20,
        help="queue the pending-notification sweep if mail is still pending after this long",
    )
    parser.add_argument("--max-calls", type=int, default=200_000, help="stop a phase early")
    parser.add_argument("--generate", type=int, default=200, help="generated requests")
    parser.add_argument("--faults", default="", help="comma-separated; default all")
    parser.add_argument("--output", type=Path, default=ROOT / "bench/results/load_bench.json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    args = parser.parse_args()
    args.faults = [name for name in args.faults.split(",") if name]
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LIFELINE_DEBUG", "1")
    import django

    django.setup()  # the example documents come from the project's schemas
    began = time.monotonic()
    results = {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "cpus": os.cpu_count(),
        "per_role": args.per_role,
        "backends": [bench(backend, args) for backend in args.backends.split(",")],
    }
    results["total_seconds"] = round(time.monotonic() - began, 1)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2))
    log(f"done in {results['total_seconds']:.0f} s; figures in {args.output}")


if __name__ == "__main__":
    main()
