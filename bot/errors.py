"""Domain errors. Each carries a catalog key; the Slack edge turns it into a localized reply.

BotError
├── InvalidInput   the person typed or chose something we cannot use (show an example)
├── NotAllowed     the person may not do this here
├── NotFound       the thing they named does not exist (or is not visible to them)
└── Conflict       it already happened (acknowledged twice, resolved already)
"""

from __future__ import annotations

from typing import Any


class BotError(Exception):
    key = "error.generic"

    def __init__(self, key: str | None = None, /, **params: Any) -> None:
        self.key = key or type(self).key
        self.params = params
        super().__init__(self.key)


class InvalidInput(BotError):
    key = "error.invalid_input"


class NotAllowed(BotError):
    key = "error.not_allowed"


class NotFound(BotError):
    key = "error.not_found"


class Conflict(BotError):
    key = "error.conflict"
