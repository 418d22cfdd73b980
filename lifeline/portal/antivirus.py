"""A clamd set up by the project: its configuration, socket and an offline test signature.

Debian's clamav-daemon ships no virus signatures and they cannot be downloaded offline, so the
project writes its own signature files: the MD5 of the EICAR test file (sigtool --md5) and the
EICAR string as a body signature, so that a PDF carrying it is caught too. The tests and the
demo use them. Production adds freshclam's databases to
the same folder (see docs/operations.md).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

# The EICAR anti-virus test file, in two halves so that this source file is not itself flagged.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-" + b"ANTIVIRUS-TEST-FILE!$H+H*"
SIGNATURE_FILE = "lifeline-eicar.hdb"
SOCKET_NAME = "clamd.sock"
START_TIMEOUT_SECONDS = 30.0


class ClamdMissing(RuntimeError):
    """clamd or sigtool is not installed (Debian packages clamav-daemon and clamav)."""


def _tool(name: str) -> str:
    path = shutil.which(name) or next(
        (str(p) for p in (Path("/usr/sbin") / name, Path("/usr/bin") / name) if p.exists()), None
    )
    if path is None:
        raise ClamdMissing(f"{name} is not installed; scripts/setup installs clamav-daemon.")
    return path


def write_test_signatures(database_dir: Path) -> Path:
    """Write the EICAR signature with sigtool --md5 into `database_dir`."""
    database_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        sample = Path(scratch) / "eicar.com"
        sample.write_bytes(EICAR)
        line = subprocess.run(  # noqa: S603 - a fixed tool on a file we wrote
            [_tool("sigtool"), "--md5", str(sample)], check=True, capture_output=True, text=True
        ).stdout.strip()
    target = database_dir / SIGNATURE_FILE
    md5, size, _name = line.split(":", 2)
    target.write_text(f"{md5}:{size}:Lifeline.Test.EICAR\n", encoding="utf-8")
    # The same string anywhere inside a file (e.g. a PDF carrying it): a body signature.
    (database_dir / SIGNATURE_FILE.replace(".hdb", ".ndb")).write_text(
        f"Lifeline.Test.EICAR.Embedded:0:*:{EICAR.hex()}\n", encoding="utf-8"
    )
    return target


def write_config(folder: Path) -> Path:
    """A clamd.conf that keeps everything (socket, database, log, scratch) under `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    database_dir = folder / "db"
    write_test_signatures(database_dir)
    (folder / "tmp").mkdir(exist_ok=True)
    config = folder / "clamd.conf"
    config.write_text(
        "\n".join(
            [
                f"LocalSocket {folder / SOCKET_NAME}",
                f"DatabaseDirectory {database_dir}",
                f"TemporaryDirectory {folder / 'tmp'}",
                f"LogFile {folder / 'clamd.log'}",
                "Foreground yes",
                "StreamMaxLength 25M",
                "",
            ]
        ),
        encoding="utf-8",
    )
    return config


def clamd_command(folder: Path) -> list[str]:
    return [_tool("clamd"), "-c", str(write_config(folder))]


def start_clamd(folder: Path) -> tuple[subprocess.Popen[bytes], Path]:
    """Start clamd in the background; returns the process and its socket once it answers."""
    socket_path = folder / SOCKET_NAME
    socket_path.unlink(missing_ok=True)
    process = subprocess.Popen(  # noqa: S603
        clamd_command(folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not socket_path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise ClamdMissing(f"clamd did not start; see {folder / 'clamd.log'}")
        time.sleep(0.05)
    return process, socket_path
