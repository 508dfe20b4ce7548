"""Slack's per-method reference data (``slack_api_ref/*.json``) and argument normalisation.

Every call the fake receives is checked against the method's reference entry: required
arguments, argument types and bot scopes.  Arguments are normalised so handlers (and the
recorded ``Call.args``) see Python values: booleans as ``bool``, integers as ``int``,
``blocks``/``attachments``/``metadata``/``view`` as decoded JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .slack_models import SlackError

REF_DIR = Path(__file__).parent / "slack_api_ref"

# Arguments Slack accepts either as a JSON-encoded string (form bodies) or as an object (JSON bodies).
JSON_ARGS: Mapping[str, str] = {
    "blocks": "invalid_blocks_format",
    "attachments": "invalid_attachments",
    "metadata": "invalid_metadata_format",
    "view": "invalid_arguments",
}

_TRUE = {"true", "1"}
_FALSE = {"false", "0"}
_INT_RE = re.compile(r"-?\d+")
_NUMBER_RE = re.compile(r"-?(\d+(\.\d*)?|\.\d+)")


@dataclass(frozen=True)
class MethodSpec:
    """What the reference says about one Web API method."""

    name: str
    http_method: str
    bot_scopes: tuple[str, ...]
    tier: str
    required: tuple[str, ...]
    types: Mapping[str, tuple[str, ...] | None]
    json_input: bool

    @classmethod
    def from_json(cls, name: str, data: Mapping[str, Any]) -> MethodSpec:
        args = data.get("args", {})
        props: Mapping[str, Any] = args.get("properties", {})
        return cls(
            name=name,
            http_method=str(data.get("http_method", "POST")),
            bot_scopes=tuple(data.get("scope", {}).get("bot", ())),
            tier=str(data.get("rate_limits", "t3")),
            required=tuple(args.get("required", ())),
            types={key: _allowed_types(prop) for key, prop in props.items()},
            json_input=bool(data.get("json_input_supported", False)),
        )


def _allowed_types(prop: Mapping[str, Any]) -> tuple[str, ...] | None:
    if "type" in prop:
        return (str(prop["type"]),)
    for key in ("anyOf", "oneOf"):
        if key in prop:
            found = tuple(str(alt["type"]) for alt in prop[key] if "type" in alt)
            return found or None
    return None


@cache
def load_catalog(ref_dir: Path = REF_DIR) -> Mapping[str, MethodSpec]:
    """All methods described in ``ref_dir``, keyed by method name (cached)."""
    catalog: dict[str, MethodSpec] = {}
    for path in sorted(ref_dir.glob("*.json")):
        name = path.name.removesuffix(".json")
        catalog[name] = MethodSpec.from_json(name, json.loads(path.read_text(encoding="utf-8")))
    return catalog


def drop_empty(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Slack treats ``null`` like an absent argument."""
    return {key: value for key, value in raw.items() if value is not None}


def decode_json_args(raw: Mapping[str, Any], *, strict: bool) -> dict[str, Any]:
    """Decode ``blocks``/``attachments``/``metadata``/``view`` given as JSON strings."""
    out = dict(raw)
    for key, error in JSON_ARGS.items():
        value = out.get(key)
        if not isinstance(value, str):
            continue
        if value == "" and key != "view":
            del out[key]
            continue
        try:
            out[key] = json.loads(value)
        except ValueError:
            if strict:
                raise SlackError(error, messages=[f"[ERROR] {key} is not valid JSON"]) from None
    return out


def normalise_args(spec: MethodSpec, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Check required arguments and types; return the arguments as Python values."""
    args = decode_json_args(drop_empty(raw), strict=True)
    _check_required(spec, args)
    problems: list[str] = []
    for key, value in list(args.items()):
        allowed = spec.types.get(key)
        if key in JSON_ARGS or allowed is None:
            continue
        converted = _coerce(value, allowed)
        if converted is _INVALID:
            problems.append(f"[ERROR] expected {' or '.join(allowed)} [json-pointer:/{key}]")
        else:
            args[key] = converted
    if problems:
        raise SlackError("invalid_arguments", messages=problems)
    return args


def _check_required(spec: MethodSpec, args: Mapping[str, Any]) -> None:
    for key in spec.required:
        if key == "token" or args.get(key) not in (None, ""):
            continue
        if key == "channel":
            raise SlackError("channel_not_found")
        raise SlackError("missing_argument", messages=[f"[ERROR] missing required field: {key}"])


class _Invalid:
    """Sentinel for a value that fits none of the allowed types."""


_INVALID: Any = _Invalid()


def _coerce(value: Any, allowed: tuple[str, ...]) -> Any:
    for type_name in allowed:
        converted = _COERCERS.get(type_name, _as_is)(value)
        if converted is not _INVALID:
            return converted
    return _INVALID


def _as_is(value: Any) -> Any:
    return value


def _to_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.lower() in _TRUE | _FALSE:
        return value.lower() in _TRUE
    return _INVALID


def _to_int(value: Any) -> Any:
    if isinstance(value, bool):
        return _INVALID
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _INT_RE.fullmatch(value.strip()):
        return int(value)
    return _INVALID


def _to_number(value: Any) -> Any:
    if isinstance(value, bool):
        return _INVALID
    if isinstance(value, int | float):
        return value
    if isinstance(value, str) and _NUMBER_RE.fullmatch(value.strip()):
        text = value.strip()
        return int(text) if _INT_RE.fullmatch(text) else float(text)
    return _INVALID


def _to_string(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return value if isinstance(value, str) else str(value)
    return _INVALID


def _to_array(value: Any) -> Any:
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        try:
            decoded = json.loads(value)
        except ValueError:
            return _INVALID
        return decoded if isinstance(decoded, list) else _INVALID
    return _INVALID


def _to_object(value: Any) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        try:
            decoded = json.loads(value)
        except ValueError:
            return _INVALID
        return decoded if isinstance(decoded, dict) else _INVALID
    return _INVALID


def _to_null(value: Any) -> Any:
    return None if value is None else _INVALID


_COERCERS = {
    "boolean": _to_bool,
    "integer": _to_int,
    "number": _to_number,
    "string": _to_string,
    "array": _to_array,
    "object": _to_object,
    "null": _to_null,
}
