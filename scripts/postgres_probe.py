"""Tell whether a PostgreSQL database URL answers: exit 0 if it does, 1 with the reason if not."""

from __future__ import annotations

import sys

import dj_database_url
import psycopg

CONNECT_TIMEOUT_SECONDS = 3


def main(url: str) -> int:
    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        print(f"not a PostgreSQL URL (engine {config['ENGINE']})", file=sys.stderr)
        return 1
    try:
        with psycopg.connect(
            host=config["HOST"] or None,
            port=config["PORT"] or None,
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            dbname=config["NAME"] or None,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
        ) as connection:
            version = connection.execute("SHOW server_version").fetchone()
    except psycopg.Error as error:
        print(str(error).strip().splitlines()[0], file=sys.stderr)
        return 1
    print(f"PostgreSQL {version[0] if version else '?'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
