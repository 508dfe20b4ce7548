"""HTTP-level request parsing and reply building for the fake Slack server.

Slack accepts arguments as a query string, as an ``application/x-www-form-urlencoded`` body,
as ``multipart/form-data`` (legacy uploads) or, for most write methods, as an ``application/json``
body; the token may be a ``token`` argument or an ``Authorization: Bearer`` header.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .slack_models import SlackError

JSON_TYPE = "application/json; charset=utf-8"
EDGE_ERROR_PAGE = (
    "<html>\r\n<head><title>{status} {reason}</title></head>\r\n"
    "<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
REASONS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass(frozen=True)
class RawRequest:
    verb: str
    target: str
    headers: dict[str, str]
    body: bytes

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> str:
        return urlsplit(self.target).query

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


@dataclass
class ApiRequest:
    """The arguments of one API call, before validation."""

    query_args: dict[str, Any]
    body_args: dict[str, Any]
    token: str | None
    json_body: bool

    def args(self, *, accept_json: bool = True) -> dict[str, Any]:
        merged = dict(self.query_args)
        if accept_json or not self.json_body:
            merged.update(self.body_args)
        merged.pop("token", None)
        return merged


@dataclass
class HttpReply:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(
        cls, payload: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None
    ) -> HttpReply:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return cls(status, data, {"Content-Type": JSON_TYPE, **(headers or {})})

    @classmethod
    def text(cls, status: int, text: str, content_type: str = "text/plain; charset=utf-8") -> HttpReply:
        return cls(status, text.encode("utf-8"), {"Content-Type": content_type})

    @classmethod
    def edge_error(cls, status: int) -> HttpReply:
        page = EDGE_ERROR_PAGE.format(status=status, reason=REASONS.get(status, "Error"))
        return cls.text(status, page, "text/html")


def _form_args(data: str) -> dict[str, Any]:
    return dict(parse_qsl(data, keep_blank_values=True))


def _multipart_args(content_type: str, body: bytes) -> dict[str, Any]:
    envelope = f"Content-Type: {content_type}\r\n\r\n".encode() + body
    message = BytesParser(policy=policy.HTTP).parsebytes(envelope)
    out: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if not isinstance(name, str) or not isinstance(payload, bytes):
            continue
        out[name] = payload if part.get_filename() else payload.decode("utf-8")
    return out


def _json_args(body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    try:
        decoded = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise SlackError("invalid_json") from None
    if not isinstance(decoded, dict):
        raise SlackError("invalid_json")
    return {key: value for key, value in decoded.items() if value is not None}


def parse_api_request(request: RawRequest) -> ApiRequest:
    query_args = _form_args(request.query)
    content_type = request.header("content-type")
    media_type = content_type.split(";", 1)[0].strip().lower()
    body_args: dict[str, Any] = {}
    is_json = media_type == "application/json"
    if request.verb == "POST" and request.body:
        if is_json:
            body_args = _json_args(request.body)
        elif media_type == "multipart/form-data":
            body_args = _multipart_args(content_type, request.body)
        else:
            body_args = _form_args(request.body.decode("utf-8", errors="replace"))
    return ApiRequest(
        query_args, body_args, _token(request, query_args, body_args), is_json and bool(body_args)
    )


def _token(request: RawRequest, query_args: dict[str, Any], body_args: dict[str, Any]) -> str | None:
    auth = request.header("authorization")
    if auth.lower().startswith("bearer "):
        token = auth[7:].strip()
        if token:
            return token
    for source in (body_args, query_args):
        value = source.get("token")
        if isinstance(value, str) and value:
            return value
    return None


def read_json_object(body: bytes) -> dict[str, Any] | None:
    """A JSON object body, or ``None`` if the body is not one."""
    try:
        decoded = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return decoded if isinstance(decoded, dict) else None
