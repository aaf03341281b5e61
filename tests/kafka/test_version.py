"""One Apache Kafka version everywhere: the pom the tests resolve, kafka/kafka.sh's default, and
docker-compose.yml's image."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import yaml

from tests.conftest import REPO


def test_pom_script_and_compose_pin_the_same_kafka():
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    pom = ET.parse(REPO / "kafka" / "pom.xml").getroot().find("m:properties/m:kafka.version", ns).text
    script = re.search(r'KAFKA_VERSION:-([0-9.]+)', (REPO / "kafka" / "kafka.sh").read_text()).group(1)
    image = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]["kafka"]["image"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pom)
    assert script == pom and image == f"apache/kafka:{pom}"
