"""Exit 0 when the PostgreSQL server of the given URL accepts connections (used by make test)."""

import sys

import psycopg

url = sys.argv[1] if len(sys.argv) > 1 else "postgres://postgres@127.0.0.1:5432/postgres"
base = url.rsplit("/", 1)[0] + "/postgres"
try:
    psycopg.connect(base, connect_timeout=3).close()
except psycopg.Error:
    sys.exit(1)
