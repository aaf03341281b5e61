"""docker-compose.yml cannot run here (no Docker engine): check it parses and agrees with Settings."""

from __future__ import annotations

import yaml

from newswire.settings import Settings
from tests.conftest import REPO

STAGES = {"ingest", "process", "sink"}


def load() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def test_compose_has_kafka_kraft_postgres_and_the_three_stages():
    services = load()["services"]
    assert STAGES | {"kafka", "postgres", "migrate"} <= set(services)
    kafka_env = services["kafka"]["environment"]
    assert kafka_env["KAFKA_PROCESS_ROLES"] == "broker,controller"  # KRaft, no ZooKeeper
    assert "zookeeper" not in " ".join(services)
    for stage in STAGES:
        assert services[stage]["command"] == [stage]
        assert services[stage]["build"] == "."


def test_every_newswire_variable_is_a_setting_and_values_parse():
    services = load()["services"]
    fields = {f"NEWSWIRE_{name.upper()}" for name in Settings.model_fields}
    for name, service in services.items():
        env = service.get("environment") or {}
        for key, value in env.items():
            if key.startswith("NEWSWIRE_"):
                assert key in fields, f"{name}: {key} is not a Settings field"
        newswire_env = {k: str(v) for k, v in env.items() if k.startswith("NEWSWIRE_")}
        if newswire_env:
            settings = Settings(**{k.removeprefix("NEWSWIRE_").lower(): v for k, v in newswire_env.items()})
            assert settings.database_url is not None


def test_stage_bootstrap_points_at_the_kafka_listener_and_ports_agree():
    services = load()["services"]
    listeners = services["kafka"]["environment"]["KAFKA_ADVERTISED_LISTENERS"]
    for stage in STAGES:
        env = services[stage]["environment"]
        assert f"PLAINTEXT://{env['NEWSWIRE_KAFKA_BOOTSTRAP']}" in listeners
        assert "@postgres:5432/" in env["NEWSWIRE_DATABASE_URL"]
        metrics_port = env["NEWSWIRE_METRICS_PORT"]
        container_ports = {mapping.split(":")[-1] for mapping in services[stage].get("ports", [])}
        assert metrics_port in container_ports
    assert services["postgres"]["environment"]["POSTGRES_DB"] in services["sink"]["environment"]["NEWSWIRE_DATABASE_URL"]
