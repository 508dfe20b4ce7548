"""Routes HTTP requests to API handlers, response_urls and upload URLs; records every API call.

Order of checks for an API call (as Slack does it): injected fault, unknown method, token,
rate limit, method scope, required arguments and types, then the handler's own rules.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from typing import Any

from . import methods_chat, methods_conversations, methods_users, methods_views  # noqa: F401 (registers)
from .blockkit_rules import message_block_errors
from .method_catalog import MethodSpec, decode_json_args, drop_empty, load_catalog, normalise_args
from .method_context import HANDLERS, Ctx, missing_scope
from .methods_files import receive_upload
from .rate_limits import RateLimiter, RateLimits
from .slack_faults import Fault, FaultMix
from .slack_models import Call, ResponsePost, SlackError
from .slack_state import SlackState
from .slack_wire import ApiRequest, HttpReply, RawRequest, parse_api_request, read_json_object
from .workspace_side import apply_response


class Dispatcher:
    """The fake's request handling; every state access happens under ``lock``."""

    def __init__(
        self,
        state: SlackState,
        lock: threading.RLock,
        *,
        rate_limits: RateLimits | None,
        now: Callable[[], float],
        stopping: threading.Event,
    ) -> None:
        self.state = state
        self.lock = lock
        self.catalog = load_catalog()
        self.calls: list[Call] = []
        self.faults: list[Fault] = []
        self.fault_mixes: list[FaultMix] = []
        self.server_errors: list[str] = []
        self.rate_limited = 0
        self._limiter = RateLimiter(rate_limits, now) if rate_limits is not None else None
        self._now = now
        self._stopping = stopping

    # ----------------------------------------------------------------------------- entry points
    def route(self, request: RawRequest) -> HttpReply:
        path = request.path
        if path.startswith("/api/"):
            return self._api(path.removeprefix("/api/"), request)
        if path.startswith("/response/") and request.verb == "POST":
            return self._response_url(path.removeprefix("/response/"), request)
        if path.startswith("/upload/") and request.verb == "POST":
            return self._upload(path.removeprefix("/upload/"), request)
        return HttpReply.text(404, "not found")

    def note_server_error(self, details: str) -> None:
        with self.lock:
            self.server_errors.append(details)

    def resolve(self, channel: str) -> str:
        """A conversation reference (ID, name, or user ID with an open DM) as a conversation ID."""
        with self.lock:
            found = self.state.find_channel(self.state.canonical_channel(channel))
            return found.id if found is not None else channel

    # ----------------------------------------------------------------------------- faults
    def _take_fault(self, method: str, args: dict[str, Any]) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.method == method and self._fault_matches(fault, args):
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                    return fault
            for mix in self.fault_mixes:
                if mix.method == method:
                    drawn = mix.draw()
                    if drawn is not None:
                        return drawn
        return None

    def _fault_matches(self, fault: Fault, args: dict[str, Any]) -> bool:
        if fault.channel is None:
            return True
        target = args.get("channel") or args.get("channel_id")
        return target is not None and self.resolve(str(target)) == self.resolve(fault.channel)

    # ----------------------------------------------------------------------------- API calls
    def _record(self, method: str, args: dict[str, Any], response: dict[str, Any], status: int) -> None:
        call = Call(method, copy.deepcopy(args), copy.deepcopy(response), self._now(), status)
        with self.lock:
            self.calls.append(call)

    def _api(self, method: str, request: RawRequest) -> HttpReply:
        try:
            parsed = parse_api_request(request)
        except SlackError as exc:
            self._record(method, {}, exc.body(), 200)
            return HttpReply.json(exc.body())
        loose_args = decode_json_args(drop_empty(parsed.args()), strict=False)
        fault = self._take_fault(method, loose_args)
        if fault is not None:
            if fault.delay > 0:
                self._stopping.wait(fault.delay)
            if not fault.passes_through:
                reply, body = fault.reply()
                self._record(method, loose_args, body, reply.status)
                return reply
        with self.lock:
            try:
                args, response, status, headers = self._process(method, parsed, loose_args)
            except Exception as exc:  # a bug in the fake: record it, then let the server answer 500
                self._record(method, loose_args, {"ok": False, "error": f"fake_bug: {exc!r}"}, 500)
                raise
            self._record(method, args, response, status)
        return HttpReply.json(response, status=status, headers=headers)

    def _process(
        self, method: str, parsed: ApiRequest, loose_args: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, Any], int, dict[str, str]]:
        """Run one call under the lock: ``(recorded args, response, status, extra headers)``."""
        spec = self.catalog.get(method)
        headers = {"x-oauth-scopes": ",".join(sorted(self.state.settings.scopes))}
        args = loose_args
        try:
            if spec is None:
                raise SlackError("unknown_method")
            headers["x-accepted-oauth-scopes"] = ",".join(spec.bot_scopes)
            self._authenticate(parsed.token)
            retry_after = self._rate_limit(spec, loose_args)
            if retry_after is not None:
                headers["Retry-After"] = str(retry_after)
                return args, {"ok": False, "error": "ratelimited"}, 429, headers
            self._check_method_scope(spec)
            args = normalise_args(spec, self._accepted_args(spec, parsed))
            handler = HANDLERS.get(method)
            if handler is None:
                raise SlackError(
                    "fake_not_implemented", messages=[f"[ERROR] FakeSlack does not implement {method}"]
                )
            response = {"ok": True, **handler(Ctx(self.state, spec, args))}
        except SlackError as exc:
            response = exc.body()
        return args, response, 200, headers

    @staticmethod
    def _accepted_args(spec: MethodSpec, parsed: ApiRequest) -> dict[str, Any]:
        # Slack ignores a JSON body for read methods that only take query/form arguments.
        accept_json = spec.json_input or spec.http_method != "GET"
        return parsed.args(accept_json=accept_json)

    def _authenticate(self, token: str | None) -> None:
        if not token:
            raise SlackError("not_authed")
        if token != self.state.identity.token:
            raise SlackError("invalid_auth")

    def _rate_limit(self, spec: MethodSpec, args: dict[str, Any]) -> int | None:
        if self._limiter is None:
            return None
        channel = self.resolve(str(args["channel"])) if "channel" in args else None
        retry_after = self._limiter.check(spec.name, spec.tier, channel)
        if retry_after is not None:
            self.rate_limited += 1
        return retry_after

    def _check_method_scope(self, spec: MethodSpec) -> None:
        granted = self.state.settings.scopes
        if spec.bot_scopes and not granted.intersection(spec.bot_scopes):
            raise missing_scope(spec.bot_scopes, granted)

    # ----------------------------------------------------------------------------- other endpoints
    def _response_url(self, url_id: str, request: RawRequest) -> HttpReply:
        body = read_json_object(request.body)
        if body is None:
            return HttpReply.text(400, "invalid_payload")
        with self.lock:
            try:
                record = self.state.check_response_url(url_id)
            except SlackError as exc:
                return HttpReply.text(404, exc.error)
            blocks = body.get("blocks")
            if blocks is not None and (not isinstance(blocks, list) or message_block_errors(blocks)):
                return HttpReply.text(400, "invalid_blocks")
            record.uses += 1
            self.state.response_posts.append(ResponsePost(record.url, copy.deepcopy(body), self._now()))
            apply_response(self.state, record, body)
        return HttpReply.text(200, "ok")

    def _upload(self, file_id: str, request: RawRequest) -> HttpReply:
        with self.lock:
            try:
                upload = receive_upload(self.state, file_id, request.body)
            except SlackError as exc:
                return HttpReply.text(404, exc.error)
        return HttpReply.text(200, f"OK - {len(upload.content or b'')}")
