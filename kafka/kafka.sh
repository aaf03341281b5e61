#!/usr/bin/env bash
# Apache Kafka from Maven Central's jars: no tarball, no Docker.
#
#   kafka/kafka.sh lib           resolve the broker's jars once into the cache, print their folder
#   kafka/kafka.sh run           one broker+controller (KRaft, combined mode) on 127.0.0.1:9092, in the
#                                foreground; its data stays in the cache between runs (Ctrl-C stops it)
#   kafka/kafka.sh java ARGS...  java with the broker's classpath and settings (tests, console consumer)
#
# Environment: KAFKA_VERSION (default below), NEWSWIRE_KAFKA_CACHE (default ~/.cache/newswire/kafka,
# outside the work tree; jars are never committed), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
# KAFKA_DATA (the run's log dir, default CACHE/data-PORT), KAFKA_HEAP (-Xmx, 384m), JAVA (java on PATH, 17+).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
VERSION="${KAFKA_VERSION:-4.4.0}"
CACHE="${NEWSWIRE_KAFKA_CACHE:-$HOME/.cache/newswire/kafka}"
LIB="$CACHE/kafka-$VERSION/lib"
JAVA="${JAVA:-java}"

resolve() {
  if [ -f "$LIB/kafka_2.13-$VERSION.jar" ] && [ -f "$LIB/.complete" ]; then
    return
  fi
  command -v mvn >/dev/null || { echo "kafka.sh: Maven (mvn) is needed once, to fetch the broker's jars" >&2; exit 1; }
  mkdir -p "$CACHE"
  # One resolver at a time (tests in parallel, make kafka in another terminal): flock on the cache.
  exec 9>"$CACHE/.lock"
  flock 9
  if [ ! -f "$LIB/.complete" ]; then
    rm -rf "$LIB.tmp"
    mvn -B -q -Dstyle.color=never -f "$HERE/pom.xml" -Dkafka.version="$VERSION" -Dmaven.repo.local="$CACHE/m2" \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$LIB.tmp" >&2
    touch "$LIB.tmp/.complete"
    rm -rf "$LIB"
    mv "$LIB.tmp" "$LIB"
  fi
  flock -u 9
}

java_cmd() {
  resolve
  # -Xmx384m and the serial collector keep a test broker small; ExitOnOutOfMemoryError makes a broken
  # broker die instead of limping.
  exec "$JAVA" -Xms64m -Xmx${KAFKA_HEAP:-384m} -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$HERE/log4j2.properties" \
    -cp "$LIB/*" "$@"
}

run_one() {
  local port="${KAFKA_PORT:-9092}" cport="${KAFKA_CONTROLLER_PORT:-9093}"
  local data="${KAFKA_DATA:-$CACHE/data-$port}"
  # A second broker on the same port would also share the first one's data dir: refuse.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "kafka.sh: 127.0.0.1:$port is already in use (another broker?); set KAFKA_PORT" >&2
    exit 1
  fi
  mkdir -p "$data"
  local props="$data/server.properties"
  # The same settings as tests/kafka_cluster.py and docker-compose.yml (single node).
  cat >"$props" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$data/log
$(single_node_settings)
PROPS
  if [ ! -f "$data/log/meta.properties" ]; then
    "$0" java kafka.tools.StorageTool format -t "$(cluster_id)" -c "$props" >&2
  fi
  echo "Apache Kafka $VERSION on 127.0.0.1:$port (data in $data); Ctrl-C stops it" >&2
  java_cmd kafka.Kafka "$props"
}

single_node_settings() {
  cat "$HERE/server-common.properties"
  cat <<PROPS
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
PROPS
}

cluster_id() {
  # 16 random bytes, base64url without padding: 22 characters (not starting with '-').
  local id
  while :; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
    [ "${id:0:1}" != "-" ] && break
  done
  echo "$id"
}

case "${1:-}" in
  lib) resolve; echo "$LIB" ;;
  run) resolve; run_one ;;
  java) shift; java_cmd "$@" ;;
  cluster-id) cluster_id ;;
  *) echo "usage: $0 lib | run | java ARGS... | cluster-id" >&2; exit 2 ;;
esac
