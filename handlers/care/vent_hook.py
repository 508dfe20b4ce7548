"""The seam between check-ins and anonymous posting (`/vent`), which is built as its own feature.

When `handlers.vent` provides `open_vent_modal(req: Req) -> bool` (open the `/vent` form with
`req.trigger_id` right away; return False when it cannot, e.g. peer support is off), a check-in's
"Post anonymously" opens that form. Until then, or when it returns False, the person gets a polite
note instead. Nothing about the click is stored: the form is the vent feature's own.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

from handlers.edge import Req

log = logging.getLogger(__name__)
VENT_MODULE = "handlers.vent"
VENT_OPENER = "open_vent_modal"


def vent_opener() -> Callable[[Req], Any] | None:
    try:
        module = importlib.import_module(VENT_MODULE)
    except ModuleNotFoundError:
        return None
    except ImportError:
        # installed but broken: the person still gets the note, and the logs say why
        log.exception("peer support is installed but cannot be imported; showing the note instead")
        return None
    opener = getattr(module, VENT_OPENER, None)
    return opener if callable(opener) else None


def open_vent(req: Req) -> None:
    opener = vent_opener()
    if opener is not None and opener(req):
        return
    req.reply(req.t("care.vent.unavailable"))
