"""The worker's producer puts every key on the partition aiokafka's default partitioner picks."""

from __future__ import annotations

import subprocess
import sys

from aiokafka.partitioner import DefaultPartitioner
from hypothesis import given
from hypothesis import strategies as st

from newswire.processors.faust_transport import KeyHashPartitioner


@given(keys=st.lists(st.binary(max_size=80), min_size=1, max_size=30), partitions=st.integers(1, 64))
def test_each_key_lands_where_the_default_partitioner_puts_it(keys, partitions):
    ours, default = KeyHashPartitioner(keys=4), DefaultPartitioner()
    all_partitions = list(range(partitions))
    for key in keys + keys[::-1]:  # again, from the kept hashes (and some evicted ones)
        assert ours(key, all_partitions, all_partitions) == default(key, all_partitions, all_partitions)


def test_an_article_id_key_on_its_topics_partitions():
    key = b"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    for partitions in ([0, 1, 2], list(range(12))):
        assert KeyHashPartitioner()(key, partitions, partitions) == DefaultPartitioner()(key, partitions, partitions)


def test_no_key_goes_to_an_available_partition():
    assert all(KeyHashPartitioner()(None, [0, 1, 2], [1]) == 1 for _ in range(20))


# In a process of its own: a Faust app leaves event loops and sockets behind in the process that made it.
WORKER_PRODUCER = """
import sys
from newswire.processors.agents import make_app
from newswire.settings import Settings

app, _ = make_app(Settings(kafka_bootstrap="127.0.0.1:9", data_dir=sys.argv[1]))
print(type(app.producer._settings_default()["partitioner"]).__name__)
"""


def test_the_workers_producer_uses_it(tmp_path):
    done = subprocess.run([sys.executable, "-c", WORKER_PRODUCER, str(tmp_path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split()[-1] == "KeyHashPartitioner"
