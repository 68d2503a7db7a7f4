"""Fixtures: the golden frames, and a real `licitd sandbox` on a free port for the live tests.

The daemon is $LICITD (default: the repository's .build/debug/licitd, /work/main/.build/debug/licitd here).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from licit import Client, ClientConfig

TESTDATA = Path(__file__).resolve().parents[3] / "Proto" / "testdata"
DEFAULT_LICITD = str(Path(__file__).resolve().parents[3] / ".build" / "debug" / "licitd")


@dataclass
class Sandbox:
    directory: str
    process: "subprocess.Popen[bytes]"
    seal_public_key: bytes

    def config(self, account: str) -> ClientConfig:
        config = ClientConfig.from_sandbox(self.directory, account)
        config.connect_timeout = 20.0
        return config

    def client(self, account: str) -> Client:
        return Client.connect(self.config(account))

    def stop(self) -> None:
        """Stops the daemon with SIGTERM, which it must survive cleanly (exit 0); the folder stays
        until the end of ``start_sandbox``. Stopping again does nothing."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        assert self.process.wait(timeout=30) == 0, "licitd did not exit cleanly on SIGTERM"


def _read_port(manifest: Path) -> int:
    try:
        return int(json.loads(manifest.read_text())["port"])
    except (OSError, ValueError, KeyError):
        return 0


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    with start_sandbox() as started:
        yield started


@contextlib.contextmanager
def start_sandbox(*arguments: str) -> Iterator[Sandbox]:
    """`licitd sandbox` in a new temporary folder, on a free port, with ``arguments`` added (e.g.
    ``--faults-for``); stopped with SIGTERM, which it must survive cleanly (exit 0)."""
    licitd = os.environ.get("LICITD") or DEFAULT_LICITD
    if not os.access(licitd, os.X_OK):
        pytest.fail(f"licitd not found at {licitd}: build it (swift build --product licitd) or set LICITD to its path")
    scratch = tempfile.mkdtemp(prefix="licit-python-test-")
    data = os.path.join(scratch, "data")
    log_path = os.path.join(scratch, "licitd.log")
    process = None
    try:
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                [licitd, "sandbox", "--data", data, "--port", "0", "--log-level", "warning", *arguments],
                stdout=log,
                stderr=log,
            )
        manifest = Path(data) / "manifest.json"
        # Making 51 identities takes seconds on a loaded machine: wait up to a minute.
        deadline = time.monotonic() + 60
        while _read_port(manifest) == 0:
            if process.poll() is not None or time.monotonic() > deadline:
                output = Path(log_path).read_text(errors="replace")
                pytest.fail(f"licitd sandbox did not start (exit {process.poll()}): {output}")
            time.sleep(0.05)
        key = base64.b64decode(json.loads(manifest.read_text())["seal_public_key"])
        started = Sandbox(data, process, key)
        yield started
        started.stop()
    finally:
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        shutil.rmtree(scratch, ignore_errors=True)
