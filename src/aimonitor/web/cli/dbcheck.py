"""`python -m aimonitor.web.cli.dbcheck URL`: fail loudly when the test PostgreSQL is down."""

from __future__ import annotations

import sys

import psycopg

from aimonitor.errors import redact_credentials


def main(url: str) -> int:
    shown = redact_credentials(url)
    try:
        with psycopg.connect(url, connect_timeout=5) as connection:
            version = connection.execute("show server_version").fetchone()
    except psycopg.Error as error:
        banner = "!" * 72
        print(
            f"{banner}\nPostgreSQL is NOT reachable at {shown}:\n"
            f"  {redact_credentials(str(error).strip())}\n"
            "The test suite must also pass on PostgreSQL; start the server "
            "(pg_ctlcluster ... main start) or set POSTGRES_URL.\n" + banner,
            file=sys.stderr,
        )
        return 1
    print(f"PostgreSQL {version[0] if version else '?'} reachable at {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
