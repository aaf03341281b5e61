#!/usr/bin/env bash
# Make sure a PostgreSQL answers at 127.0.0.1:5432 for the storage tests (start the machine's
# cluster if it is installed but stopped). NEWSWIRE_TEST_PG_URL points the tests elsewhere.
set -u
if [ -n "${NEWSWIRE_TEST_PG_URL:-}" ]; then exit 0; fi
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then exit 0; fi
if command -v pg_ctlcluster >/dev/null 2>&1; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
fi
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && exit 0
  sleep 1
done
echo "PostgreSQL is not reachable at 127.0.0.1:5432 and could not be started" >&2
exit 1
