"""Apache Kafka for the tests: one node or a three-node cluster of real brokers, from Maven Central's jars.

``kafka/kafka.sh lib`` resolves the jars once into a cache outside the work tree (Maven runs only when
the cache is empty); every node is then ``kafka/kafka.sh java kafka.Kafka server.properties`` in
combined broker+controller mode (KRaft), on free loopback ports, with its log dir under the test's
temporary directory. Nodes are started with a parent-death signal, so a killed pytest takes its JVMs
with it, and :meth:`KafkaCluster.stop` stops them at the end of the session however the tests ended.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from kafka import KafkaAdminClient

from newswire.app.broker import die_with_parent, free_port
from newswire.errors import BrokerError

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "kafka" / "kafka.sh"
COMMON = (REPO / "kafka" / "server-common.properties").read_text()
READY_LINE = "Kafka Server started"


def kafka_lib() -> Path:
    """The folder of the broker's jars (resolved by Maven on first use: about a minute, once)."""
    found = subprocess.run(["bash", str(SCRIPT), "lib"], capture_output=True, text=True, timeout=900)
    if found.returncode != 0:
        raise BrokerError(f"kafka/kafka.sh lib failed:\n{found.stderr[-3000:]}")
    return Path(found.stdout.strip().splitlines()[-1])


def kafka_java(*args: str) -> list[str]:
    """A java command line with the broker's jars and settings (console consumer, storage tool)."""
    return ["bash", str(SCRIPT), "java", *args]


def listens(address: str) -> bool:
    """A plain TCP probe (kafka-python leaks a socket per refused connection)."""
    host, _, port = address.rpartition(":")
    try:
        socket.create_connection((host, int(port)), timeout=1.0).close()
        return True
    except OSError:
        return False


class KafkaCluster:
    """``nodes`` Kafka nodes, each broker and controller, on 127.0.0.1; ``bootstrap`` names them all."""

    def __init__(self, root: Path, nodes: int = 1, start_timeout_s: float = 120.0):
        self.root, self.nodes, self.start_timeout_s = Path(root), nodes, start_timeout_s
        self.ports = [free_port() for _ in range(nodes)]
        self.controller_ports = [free_port() for _ in range(nodes)]
        self.processes: dict[int, subprocess.Popen] = {}
        self.startup_s: float | None = None

    @property
    def bootstrap(self) -> str:
        return ",".join(f"127.0.0.1:{port}" for port in self.ports)

    def node_dir(self, node: int) -> Path:
        return self.root / f"node{node}"

    def log_path(self, node: int) -> Path:
        return self.node_dir(node) / "kafka.out"

    def properties(self, node: int) -> str:
        voters = ",".join(f"{i + 1}@127.0.0.1:{port}" for i, port in enumerate(self.controller_ports))
        replicas, min_isr = (1, 1) if self.nodes == 1 else (3, 2)
        lines = [
            "process.roles=broker,controller",
            f"node.id={node + 1}",
            f"controller.quorum.voters={voters}",
            f"listeners=PLAINTEXT://127.0.0.1:{self.ports[node]},CONTROLLER://127.0.0.1:{self.controller_ports[node]}",
            f"advertised.listeners=PLAINTEXT://127.0.0.1:{self.ports[node]}",
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            f"log.dirs={self.node_dir(node) / 'log'}",
            f"offsets.topic.replication.factor={replicas}",
            f"transaction.state.log.replication.factor={replicas}",
            f"transaction.state.log.min.isr={min_isr}",
            f"share.coordinator.state.topic.replication.factor={replicas}",
            f"share.coordinator.state.topic.min.isr={min_isr}",
        ]
        if self.nodes > 1:
            lines += [f"default.replication.factor={replicas}", f"min.insync.replicas={min_isr}",
                      # A killed leader leaves the ISR after 1 s instead of 30 s: the failover the tests time.
                      "replica.lag.time.max.ms=1000"]
        return COMMON + "\n".join(lines) + "\n"

    def start(self) -> "KafkaCluster":
        started = time.monotonic()
        kafka_lib()
        cluster_id = subprocess.run(["bash", str(SCRIPT), "cluster-id"], capture_output=True, text=True,
                                    check=True).stdout.strip()
        formats = []
        for node in range(self.nodes):
            self.node_dir(node).mkdir(parents=True, exist_ok=True)
            props = self.node_dir(node) / "server.properties"
            props.write_text(self.properties(node))
            formats.append(subprocess.Popen(kafka_java("kafka.tools.StorageTool", "format", "-t", cluster_id,
                                                       "-c", str(props)),
                                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
        for node, fmt in enumerate(formats):
            out, _ = fmt.communicate(timeout=120)
            if fmt.returncode != 0:
                raise BrokerError(f"formatting node {node + 1} failed:\n{out[-3000:]}")
        for node in range(self.nodes):
            self.start_node(node, wait=False)
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        self.startup_s = time.monotonic() - started
        return self

    def start_node(self, node: int, wait: bool = True) -> None:
        """Start (or restart) one node with the storage it has."""
        assert node not in self.processes or self.processes[node].poll() is not None, f"node {node + 1} runs"
        with open(self.log_path(node), "ab") as out:
            out.write(f"\n===== start of node {node + 1} =====\n".encode())
            out.flush()
            self.processes[node] = subprocess.Popen(
                kafka_java("kafka.Kafka", str(self.node_dir(node) / "server.properties")),
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, preexec_fn=die_with_parent,
                env={**os.environ, "KAFKA_HEAP": os.environ.get("KAFKA_HEAP", "384m")})
        if wait:
            # A restart: its ready line is enough. (No in-process client here: kafka-python leaks a
            # socket per refused connection, which this process would report as an error.)
            self.wait_ready(nodes=[node], clients=False)

    def wait_ready(self, nodes: list[int] | None = None, clients: bool = True) -> None:
        """Every node printed its ready line, and a client sees all brokers."""
        nodes = list(range(self.nodes)) if nodes is None else nodes
        deadline = time.monotonic() + self.start_timeout_s
        waiting = set(nodes)
        while waiting:
            for node in list(waiting):
                process = self.processes[node]
                if process.poll() is not None:
                    raise BrokerError(f"Kafka node {node + 1} exited ({process.returncode}):\n"
                                      f"{self.log_path(node).read_text(errors='replace')[-3000:]}")
                text = self.log_path(node).read_text(errors="replace")
                if text.rsplit("===== start of node", 1)[-1].count(READY_LINE):
                    waiting.discard(node)
            if time.monotonic() > deadline:
                raise BrokerError(f"Kafka nodes {sorted(n + 1 for n in waiting)} not ready within "
                                  f"{self.start_timeout_s:.0f} s")
            time.sleep(0.1)
        while clients and len(self.live_brokers()) < sum(1 for p in self.processes.values() if p.poll() is None):
            if time.monotonic() > deadline:
                raise BrokerError(f"the cluster shows {self.live_brokers()} of {self.nodes} brokers")
            time.sleep(0.2)

    def live_brokers(self) -> list[int]:
        listening = [address for address in self.live_bootstrap().split(",") if address and listens(address)]
        if not listening:
            return []
        try:
            admin = KafkaAdminClient(bootstrap_servers=listening, request_timeout_ms=5000)
        except Exception:
            return []
        try:
            return sorted(b["broker_id"] for b in admin.describe_cluster()["brokers"] if not b.get("is_fenced"))
        except Exception:
            return []
        finally:
            admin.close()

    def live_bootstrap(self) -> str:
        return ",".join(f"127.0.0.1:{self.ports[n]}" for n, p in sorted(self.processes.items()) if p.poll() is None)

    def pid(self, node: int) -> int:
        return self.processes[node].pid

    def kill(self, node: int) -> None:
        """SIGKILL one node (no clean shutdown: its page cache writes are what a crash leaves)."""
        process = self.processes[node]
        process.send_signal(signal.SIGKILL)
        process.wait(30)

    def stop_node(self, node: int, timeout_s: float = 30.0) -> None:
        """A clean shutdown (SIGTERM), SIGKILL if it does not finish in time."""
        process = self.processes.get(node)
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def stop(self) -> None:
        for node in list(self.processes):
            process = self.processes[node]
            if process.poll() is None:
                process.terminate()
        for node in list(self.processes):
            self.stop_node(node, timeout_s=20)

    def rss_mib(self) -> dict[int, float]:
        """Resident memory of each running node, MiB."""
        found = {}
        for node, process in self.processes.items():
            try:
                for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        found[node + 1] = int(line.split()[1]) / 1024
            except OSError:
                pass
        return found

    def __enter__(self) -> "KafkaCluster":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
