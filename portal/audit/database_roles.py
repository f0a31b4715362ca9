"""PostgreSQL roles: the owner runs migrations, the application role may only add to the audit log.

The owner (whoever runs `migrate`) owns every table. The application role gets ordinary
read/write rights on the other tables but only SELECT and INSERT on the audit tables; not being
their owner it can neither TRUNCATE them nor disable their triggers.
"""

import re

from django.db import connection

AUDIT_TABLES = ("audit_auditentry", "audit_auditverification")
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _current_user() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        return cursor.fetchone()[0]


def app_role_statements(role: str) -> list[str]:
    """The SQL that gives the application role its rights; the owner runs it after migrating."""
    if not ROLE_NAME.match(role):
        raise ValueError("A role name is lowercase letters, digits and underscores.")
    name = connection.ops.quote_name(role)
    database = connection.ops.quote_name(connection.settings_dict["NAME"])
    owner = connection.ops.quote_name(_current_user())
    audit = ", ".join(AUDIT_TABLES)
    return [
        f"ALTER ROLE {name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS",
        f"REVOKE {owner} FROM {name}",
        f"GRANT CONNECT ON DATABASE {database} TO {name}",
        f"GRANT USAGE ON SCHEMA public TO {name}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {name}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {audit} FROM {name}",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {name}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {name}",
    ]


def app_role_ensure(role: str, password: str | None = None) -> list[str]:
    """Create the application role if missing and (re)grant its rights; returns what ran."""
    if connection.vendor != "postgresql":
        raise RuntimeError("Database roles exist on PostgreSQL only.")
    statements = app_role_statements(role)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            statements.insert(0, f"CREATE ROLE {connection.ops.quote_name(role)} LOGIN")
        for statement in statements:
            cursor.execute(statement)
        if password:
            cursor.execute(f"ALTER ROLE {connection.ops.quote_name(role)} PASSWORD %s", [password])
    return statements
