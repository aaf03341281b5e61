#!/usr/bin/env bash
# Make sure the tests can use a PostgreSQL at 127.0.0.1:5432: start the machine's cluster if it is
# installed but stopped, and give the tests a role of their own that logs in with a password over
# loopback (Debian's default pg_hba.conf asks for scram-sha-256 there, so nothing in it changes) and
# may create the per-session databases. NEWSWIRE_TEST_PG_URL points the tests elsewhere.
set -u
if [ -n "${NEWSWIRE_TEST_PG_URL:-}" ]; then exit 0; fi

ROLE=newswire_test
PASSWORD=newswire_test   # a loopback-only test role; the tests' default URL carries the same words

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && command -v pg_ctlcluster >/dev/null 2>&1; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
fi
ready=no
for _ in $(seq 1 30); do
  if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then ready=yes; break; fi
  sleep 1
done
if [ "$ready" != yes ]; then
  echo "PostgreSQL is not reachable at 127.0.0.1:5432 and could not be started" >&2
  exit 1
fi

# Already set up (or set up by hand with the same role): nothing to do.
if PGPASSWORD=$PASSWORD psql -h 127.0.0.1 -p 5432 -U $ROLE -d $ROLE -tAc 'SELECT 1' >/dev/null 2>&1; then
  exit 0
fi

# Creating the role needs the superuser, which Debian lets in through the local socket by peer auth.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi
}
as_postgres psql -X -q -v ON_ERROR_STOP=1 -d postgres <<SQL || { echo "could not create the test role $ROLE" >&2; exit 1; }
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  ELSE
    ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
if ! as_postgres psql -X -tAc "SELECT 1 FROM pg_database WHERE datname = '$ROLE'" -d postgres | grep -q 1; then
  as_postgres createdb -O $ROLE $ROLE || { echo "could not create the database $ROLE" >&2; exit 1; }
fi
PGPASSWORD=$PASSWORD psql -h 127.0.0.1 -p 5432 -U $ROLE -d $ROLE -tAc 'SELECT 1' >/dev/null \
  || { echo "the test role $ROLE cannot log in on 127.0.0.1:5432" >&2; exit 1; }
