"""The bench's cleaning pool under a TMPDIR too long for the forkserver's AF_UNIX socket."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

PROGRAM = """
import os, tempfile
from newswire.app.bench.pages import make_pool
with make_pool(1) as pool:
    print(pool.submit(os.getpid).result() != os.getpid(), tempfile.gettempdir())
"""


def test_pool_starts_under_a_long_tmpdir():
    with tempfile.TemporaryDirectory(dir="/tmp") as short:
        long_dir = Path(short) / ("d" * 100)  # with the socket's 28 bytes, past the 107 a path may hold
        long_dir.mkdir()
        done = subprocess.run([sys.executable, "-c", PROGRAM], env={**os.environ, "TMPDIR": str(long_dir)},
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    # the workers ran in other processes, and the bench's own temporary files still go to TMPDIR
    assert done.stdout.split() == ["True", str(long_dir)]
