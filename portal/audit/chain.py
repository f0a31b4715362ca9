"""How an audit row is hashed into the chain: one canonical serialization, one keyed hash.

Kept free of model imports so that migrations, the model's own check and `audit_verify` all
hash exactly the same bytes.
"""

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

GENESIS = "0" * 64
CHAINED_FIELDS = (
    "sequence",
    "prev_hash",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "detail",
    "ip_address",
    "jurisdiction_code",
    "created_at",
)


def chain_key() -> bytes:
    """The secret the hashes are keyed with: AUDIT_HASH_KEY, else derived from SECRET_KEY.

    Without the key, someone who can write to the database cannot recompute a valid chain.
    """
    key = getattr(settings, "AUDIT_HASH_KEY", "") or f"audit-chain:{settings.SECRET_KEY}"
    return key.encode()


def normalized_detail(detail: dict[str, Any] | None) -> dict[str, Any]:
    """The detail as it reads back from a JSON column (dates, decimals and lazy text as text)."""
    return json.loads(json.dumps(detail or {}, cls=DjangoJSONEncoder))


def _timestamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(entry: Any) -> bytes:
    """The row's chained fields as compact JSON with sorted keys (UTF-8)."""
    payload = {field: getattr(entry, field) for field in CHAINED_FIELDS}
    payload["created_at"] = _timestamp(entry.created_at)
    payload["ip_address"] = entry.ip_address or ""
    return json.dumps(
        payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder
    ).encode()


def entry_hash(entry: Any) -> str:
    """The keyed SHA-256 of a row's canonical form; it covers the previous row's hash too."""
    return hmac.new(chain_key(), canonical(entry), hashlib.sha256).hexdigest()
