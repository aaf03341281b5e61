"""WebSub end to end: a real ingest process and sink on the embedded broker, a local hub (websub_hub.py).

One run walks a subscription's life: the feed announces the hub -> subscribed and verified; a push is
stored within seconds with no poll of the feed; forged, unknown and oversized pushes and an unasked
verification are refused and counted (dead letters for the subscribed feed); the lease is renewed; an
entry the hub did not push is found by the check poll (a miss: polling resumes); a hub gone silent has
the feed polled again; a restarted ingest accepts pushes signed with the secret it kept. Another run: hubs and topic announced
only by HTTP Link headers, and a first hub that denies (the second is used).
"""

from __future__ import annotations

import socket
import time

import pytest
from sqlalchemy import text

from ingest_processes import IngestProcess, ingest_env, read_topic, wait_for
from newswire.records import DeadLetterRecord, decode
from newswire.storage.db import make_engine, upgrade
from newswire.storage.subscriptions import SqlSubscriptionStore
from websub_hub import WebSubHub

LEASE_S = 6  # renewed at 80 %: every ~5 s
CHECK_S = 6  # a live feed is polled this often (+-10 %)
SILENCE_S = 20
MAX_BODY = 20_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def hub():
    server = WebSubHub()
    yield server
    server.close()


@pytest.mark.slow
def test_websub_push_refusals_renewal_and_fallback(broker, hub, tmp_path, unique):
    database_url = f"sqlite:///{tmp_path / 'newswire.db'}"
    upgrade(database_url)
    engine = make_engine(database_url)
    port = free_port()
    hub.publish(1)
    env = ingest_env(bootstrap=broker.bootstrap, prefix=unique, database_url=database_url,
                     data_dir=tmp_path / "data", feeds=hub.topic, public_url=f"http://127.0.0.1:{port}",
                     websub_port=port, websub_lease_s=LEASE_S, websub_check_interval_s=CHECK_S,
                     websub_silence_s=SILENCE_S, websub_max_body_bytes=MAX_BODY)
    sink = IngestProcess(env, tmp_path / "sink.log", stage="sink").start()
    ingest = IngestProcess(env, tmp_path / "ingest.log").start()

    def stored() -> set[str]:
        with engine.connect() as conn:
            return set(conn.execute(text("SELECT guid FROM articles")).scalars())

    def status(key: str, default=0):
        return ingest.status().get(key, default)

    try:
        # Subscribed and verified; the first entry came by the poll that found the hub.
        wait_for(lambda: hub.subscriptions and status("websub_live") == 1 and "ws-1" in stored(), 60,
                 "a verified subscription and the first entry stored", ingest, sink)
        (callback, subscription), = hub.subscriptions.items()
        assert callback.startswith(f"http://127.0.0.1:{port}/websub/") and subscription.topic == hub.topic
        assert len(subscription.secret) == 64 and subscription.lease_s == LEASE_S
        kept = SqlSubscriptionStore(engine).list_subscriptions()
        assert [(s.feed_url, s.state, s.secret) for s in kept] == [(hub.topic, "active", subscription.secret)]

        # Once a poll has seen the live subscription, the next is CHECK_S away: a push alone brings entry 2.
        polls = status("feeds_polled")
        wait_for(lambda: status("feeds_polled") > polls, 20, "a poll of the live feed", ingest)
        gets = len(hub.feed_gets)
        started = time.monotonic()
        hub.publish(2)
        wait_for(lambda: "ws-2" in stored(), 15, "the pushed entry stored", ingest, sink)
        took = time.monotonic() - started
        assert took < 5, f"pushed entry stored after {took:.1f} s"
        assert len(hub.feed_gets) == gets, "the feed was polled: the entry did not come by the push"
        assert hub.pushes == [(callback, 202)]
        wait_for(lambda: status("websub_pushes") == 1, 5, "the push counted (status: every second)", ingest)

        # Refused: a forged signature, a wrong method, no signature, an unknown callback, another topic,
        # an oversized body; a verification nobody asked for. Nothing of them is published.
        forged = hub.feed().replace(b"<item>", b"<item><title>Forged</title><guid>forged</guid>"
                                    b"<link>" + hub.url("/articles/9.html").encode() + b"</link></item><item>", 1)
        assert hub.push(callback, forged, "not the secret") == 202  # the spec: 2xx, and ignored
        assert hub.push(callback, forged, subscription.secret, method="md5") == 202
        assert hub.push(callback, forged, None) == 202
        assert hub.push(f"http://127.0.0.1:{port}/websub/unknown", forged, subscription.secret) == 410
        assert hub.push(callback, forged, subscription.secret, topic=hub.url("/other.xml")) == 410
        assert hub.push(callback, b"<rss>" + b" " * MAX_BODY + b"</rss>", subscription.secret) == 413
        assert hub.get(f"{callback}?hub.mode=unsubscribe&hub.topic={hub.topic}&hub.challenge=abc")[0] == 404
        assert hub.get(f"{callback}?hub.mode=subscribe&hub.topic={hub.url('/x')}&hub.challenge=abc")[0] == 404
        wait_for(lambda: sum(status("websub_refused", {}).values()) == 8, 10, "eight refusals counted", ingest)
        assert status("websub_refused", {}) == {"bad_signature": 3, "unknown_topic": 2, "too_large": 1,
                                                "bad_verification": 2}
        letters = [decode(DeadLetterRecord, m.value) for m in
                   read_topic(broker.bootstrap, f"t{unique}.newswire.deadletter.v1", quiet_s=0.5)]
        # One dead letter a feed and reason a minute: the three bad signatures are one record.
        assert sorted(d.reason for d in letters if d.url == hub.topic) == ["websub_bad_signature",
                                                                           "websub_too_large"]
        # Verified with the method the subscriber chose: sha1, sha384 and sha512 pass as sha256 does.
        for n, method in ((3, "sha1"), (4, "sha384"), (5, "sha512")):
            hub.entries.append(n)
            assert hub.push(callback, hub.feed(), subscription.secret, method=method) == 202
        wait_for(lambda: {"ws-3", "ws-4", "ws-5"} <= stored(), 20, "entries pushed with each method", ingest, sink)
        assert "forged" not in stored()
        wait_for(lambda: status("websub_pushes") == 4, 5, "four pushes counted", ingest)

        # The lease was renewed before it ended, with the same callback and secret.
        wait_for(lambda: status("websub_renewals") >= 2, 20, "two renewals", ingest)
        renewals = [form for form in hub.requests if form["hub.mode"] == "subscribe"]
        assert len(renewals) >= 3 and {(f["hub.callback"], f["hub.secret"]) for f in renewals} == {
            (callback, subscription.secret)}
        assert status("websub_live") == 1 and status("websub_request_errors") == 0

        # An entry the hub does not push: the check poll finds it, counts a miss, and polling resumes.
        hub.publish(6)  # pushed (the silence clock starts again), then a poll while live
        polls = status("feeds_polled")
        wait_for(lambda: "ws-6" in stored() and status("feeds_polled") > polls, 3 * CHECK_S, "a check poll",
                 ingest, sink)
        hub.publish(7, push=False)
        wait_for(lambda: "ws-7" in stored() and status("websub_missed") == 1, 3 * CHECK_S,
                 "the unpushed entry found by a check poll", ingest, sink)
        wait_for(lambda: status("websub_live") == 0, 5, "polling resumed after the miss", ingest)

        # The next push makes it live again.
        hub.publish(8)
        wait_for(lambda: "ws-8" in stored() and status("websub_live") == 1, 15, "a push after the miss", ingest, sink)

        # Restarted (with a check poll a minute apart and a short silence), ingest keeps the subscription
        # (callback, secret) and takes its pushes; when the hub goes silent, the feed is polled at once.
        assert ingest.stop() == 0
        verifications = len(hub.verifications)
        ingest = IngestProcess(env | {"NEWSWIRE_WEBSUB_CHECK_INTERVAL_S": "60", "NEWSWIRE_WEBSUB_SILENCE_S": "6"},
                               tmp_path / "ingest2.log").start()
        # Its lease lapsed meanwhile (the hub pushes to none): renewed as soon as the feed is this process's.
        wait_for(lambda: status("websub_renewals") >= 1 and status("websub_subscriptions") == 1, 30,
                 "the restarted ingest renewing", ingest)
        wait_for(lambda: len(hub.verifications) > verifications and hub.verifications[-1] == ("subscribe", 200), 10,
                 "the renewal verified")
        # Counted from here: the lapsed lease was counted before the renewal, and on a busy machine the
        # silence after ws-9's push can be counted before the hub is made silent below.
        quiet = status("websub_quiet")
        hub.publish(9)
        wait_for(lambda: "ws-9" in stored() and status("websub_live") == 1, 15, "a push to the restarted ingest",
                 ingest, sink)
        assert hub.pushes[-1] == (callback, 202)
        polls = status("feeds_polled")
        wait_for(lambda: status("feeds_polled") > polls, 10, "a poll while live (the next: in a minute)", ingest)
        hub.silent = True
        hub.publish(10)
        started = time.monotonic()
        wait_for(lambda: "ws-10" in stored(), 30, "the silent hub's entry polled", ingest, sink)
        assert time.monotonic() - started < 20, "found by the minute's check poll, not because the hub went quiet"
        wait_for(lambda: status("websub_quiet") > quiet, 10, "the silence counted", ingest)
        assert status("websub_missed") == 0
        assert ingest.stop() == 0
        assert sink.stop() == 0
    finally:
        for process in (ingest, sink):
            if process.alive():
                process.kill()
        engine.dispose()


@pytest.mark.slow
def test_websub_hubs_from_the_link_header_the_first_denying(broker, tmp_path, unique):
    """The feed names its hubs and topic only in HTTP Link headers; the first hub denies the subscription,
    so ingest subscribes at the second, which then pushes."""
    hub = WebSubHub(announce="header", denying_hub=True)
    database_url = f"sqlite:///{tmp_path / 'newswire.db'}"
    upgrade(database_url)
    engine = make_engine(database_url)
    port = free_port()
    hub.publish(1)
    assert b"rel=\"hub\"" not in hub.feed()  # nothing in the document: the header alone announces them
    env = ingest_env(bootstrap=broker.bootstrap, prefix=unique, database_url=database_url,
                     data_dir=tmp_path / "data", feeds=hub.feed_url, public_url=f"http://127.0.0.1:{port}",
                     websub_port=port, websub_lease_s=600, websub_check_interval_s=600, websub_silence_s=600)
    sink = IngestProcess(env, tmp_path / "sink.log", stage="sink").start()
    ingest = IngestProcess(env, tmp_path / "ingest.log").start()

    def stored() -> set[str]:
        with engine.connect() as conn:
            return set(conn.execute(text("SELECT guid FROM articles")).scalars())

    def status(key: str, default=0):
        return ingest.status().get(key, default)

    try:
        wait_for(lambda: hub.subscriptions and status("websub_live") == 1 and "ws-1" in stored(), 60,
                 "denied at the first hub, verified at the second", ingest, sink)
        # Asked at the first hub, for the topic the Link header's rel="self" names (not the feed's URL).
        (denied,) = hub.denied
        assert denied["hub.topic"] == hub.topic != hub.feed_url
        (callback, subscription), = hub.subscriptions.items()
        assert subscription.topic == hub.topic and callback != denied["hub.callback"]
        assert subscription.secret != denied["hub.secret"]  # a new subscription at the new hub
        kept = SqlSubscriptionStore(engine).list_subscriptions()
        assert [(s.feed_url, s.topic, s.hub, s.state) for s in kept] == [
            (hub.feed_url, hub.topic, hub.url("/hub"), "active")]
        assert kept[0].hubs == [hub.url("/denying-hub"), hub.url("/hub")]
        assert kept[0].last_error is None  # cleared by the verification; the log tells the story
        log = (tmp_path / "ingest.log").read_text()
        assert "WebSub subscription denied" in log and "subscribing at the feed's next hub" in log
        assert (status("websub_denied"), status("websub_hub_fallbacks")) == (1, 1)
        # The denying hub's verification of the old callback, coming late, is refused.
        late = f"{denied['hub.callback']}?hub.mode=subscribe&hub.topic={hub.topic}&hub.challenge=abc"
        assert hub.get(late)[0] == 404

        polls = status("feeds_polled")
        wait_for(lambda: status("feeds_polled") > polls or len(hub.feed_gets) >= 2, 20, "a poll of the live feed", ingest)
        gets = len(hub.feed_gets)
        hub.publish(2)
        wait_for(lambda: "ws-2" in stored(), 15, "the entry pushed by the second hub stored", ingest, sink)
        assert len(hub.feed_gets) == gets, "the feed was polled: the entry did not come by the push"
        assert hub.pushes == [(callback, 202)]
        assert ingest.stop() == 0
        assert sink.stop() == 0
    finally:
        for process in (ingest, sink):
            if process.alive():
                process.kill()
        engine.dispose()
        hub.close()
