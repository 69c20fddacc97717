"""Hash chains for the tamper-evident trail. Pure: content in, hex digest out."""

import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def canonical(content: dict[str, Any]) -> bytes:
    """One byte string per content, whatever the key order or the database's JSON round trip."""
    return canonical_json(content).encode()


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def canonical_encoder() -> json.JSONEncoder:
    """An encoder writing exactly `canonical_json`'s text (`json.dumps` builds this very encoder on
    every call; the trail's verify keeps one)."""
    return json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def link(prev_hash: str, content: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode() + canonical(content)).hexdigest()
