"""``SqlSubscriptionStore``: the feeds' WebSub subscriptions (``newswire.feeds.SubscriptionStore``)
in the database, so a restarted ingest keeps its callbacks, secrets and leases."""

from __future__ import annotations

import dataclasses

from sqlalchemy import Engine, delete, select

from newswire.feeds import Subscription
from newswire.storage.db import upsert
from newswire.storage.mapping import utc
from newswire.storage.models import WebSubSubscription

_TABLE = WebSubSubscription.__table__
_FIELDS = [f.name for f in dataclasses.fields(Subscription)]


class SqlSubscriptionStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    def list_subscriptions(self) -> list[Subscription]:
        with self.engine.connect() as conn:
            return [_subscription(row) for row in conn.execute(select(_TABLE).order_by(_TABLE.c.feed_url))]

    def by_callback(self, callback_id: str) -> Subscription | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(_TABLE).where(_TABLE.c.callback_id == callback_id)).first()
        return _subscription(row) if row is not None else None

    def save_subscription(self, subscription: Subscription) -> None:
        row = {name: getattr(subscription, name) for name in _FIELDS}
        row.update({name: utc(value) for name, value in row.items() if name.endswith("_at")})
        with self.engine.begin() as conn:
            upsert(conn, _TABLE, [row], ["feed_url"])

    def delete_subscription(self, feed_url: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(_TABLE).where(_TABLE.c.feed_url == feed_url))


def _subscription(row) -> Subscription:
    values = dict(row._mapping)
    values["hubs"] = list(values.get("hubs") or [values["hub"]])  # a row of before 0009: its one hub
    return Subscription(**{name: utc(values[name]) if name.endswith("_at") else values[name] for name in _FIELDS})
