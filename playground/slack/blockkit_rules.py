"""Block Kit limits Slack enforces on messages and views.

Each problem is reported the way Slack does in ``response_metadata.messages``, e.g.
``"[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"``.
Only documented hard limits are checked; anything unknown about an *element* is accepted
(Slack adds element types often), but an unknown *block* type is rejected.
"""

from __future__ import annotations

from typing import Any

MAX_MESSAGE_TEXT = 40_000
MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_ID = 255

BLOCK_TYPES = frozenset(
    {
        "actions",
        "call",
        "context",
        "divider",
        "file",
        "header",
        "image",
        "input",
        "markdown",
        "rich_text",
        "section",
        "table",
        "video",
    }
)
TEXT_TYPES = ("plain_text", "mrkdwn")
SELECT_TYPES = frozenset({"static_select", "multi_static_select"})
OPTION_LIST_LIMITS = {"checkboxes": 10, "radio_buttons": 10, "overflow": 5}


class _Walker:
    """Collects problems while walking one message's or one view's blocks."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.block_ids: set[str] = set()

    def error(self, text: str, pointer: str) -> None:
        self.errors.append(f"[ERROR] {text} [json-pointer:{pointer}]")

    # -- primitives ---------------------------------------------------------------------------
    def max_len(self, value: Any, limit: int, pointer: str) -> None:
        if isinstance(value, str) and len(value) > limit:
            self.error(f"must be less than {limit + 1} characters", pointer)

    def identifier(self, value: Any, pointer: str) -> None:
        if value is None:
            return
        if not isinstance(value, str) or not value:
            self.error("must be a non-empty string", pointer)
            return
        self.max_len(value, MAX_ID, pointer)

    def text_object(
        self, obj: Any, pointer: str, *, limit: int, plain_only: bool = False, required: bool = True
    ) -> None:
        if obj is None:
            if required:
                self.error("missing required field: text", pointer)
            return
        if not isinstance(obj, dict):
            self.error("must be a text object", pointer)
            return
        allowed = ("plain_text",) if plain_only else TEXT_TYPES
        if obj.get("type") not in allowed:
            self.error(f"must be one of {', '.join(allowed)}", f"{pointer}/type")
        text = obj.get("text")
        if not isinstance(text, str):
            self.error("missing required field: text", f"{pointer}/text")
        elif not text:
            self.error("must be more than 0 characters", f"{pointer}/text")
        else:
            self.max_len(text, limit, f"{pointer}/text")

    def items(self, value: Any, pointer: str, *, limit: int, minimum: int = 0) -> list[Any]:
        if not isinstance(value, list):
            self.error("must be an array", pointer)
            return []
        if len(value) > limit:
            self.error(f"no more than {limit} items allowed", pointer)
        if len(value) < minimum:
            self.error(f"must provide at least {minimum} items", pointer)
        return value

    # -- blocks -------------------------------------------------------------------------------
    def blocks(self, blocks: Any, pointer: str, *, limit: int) -> None:
        for index, block in enumerate(self.items(blocks, pointer, limit=limit)):
            self.block(block, f"{pointer}/{index}")

    def block(self, block: Any, pointer: str) -> None:
        if not isinstance(block, dict):
            self.error("must be an object", pointer)
            return
        kind = block.get("type")
        if kind not in BLOCK_TYPES:
            self.error(f"unsupported block type: {kind}", f"{pointer}/type")
            return
        block_id = block.get("block_id")
        self.identifier(block_id, f"{pointer}/block_id")
        if isinstance(block_id, str):
            if block_id in self.block_ids:
                self.error(f"duplicate block_id: {block_id}", f"{pointer}/block_id")
            self.block_ids.add(block_id)
        checker = getattr(self, f"_block_{kind}", None)
        if checker is not None:
            checker(block, pointer)

    def _block_section(self, block: dict[str, Any], pointer: str) -> None:
        has_text = block.get("text") is not None
        fields = block.get("fields")
        if not has_text and fields is None:
            self.error("must provide either text or fields", pointer)
        self.text_object(block.get("text"), f"{pointer}/text", limit=3000, required=False)
        if fields is not None:
            for index, item in enumerate(self.items(fields, f"{pointer}/fields", limit=10)):
                self.text_object(item, f"{pointer}/fields/{index}", limit=2000)
        if block.get("accessory") is not None:
            self.element(block["accessory"], f"{pointer}/accessory", set())

    def _block_header(self, block: dict[str, Any], pointer: str) -> None:
        self.text_object(block.get("text"), f"{pointer}/text", limit=150, plain_only=True)

    def _block_context(self, block: dict[str, Any], pointer: str) -> None:
        elements = self.items(block.get("elements"), f"{pointer}/elements", limit=10, minimum=1)
        for index, item in enumerate(elements):
            item_pointer = f"{pointer}/elements/{index}"
            if isinstance(item, dict) and item.get("type") == "image":
                self.image(item, item_pointer)
            else:
                self.text_object(item, item_pointer, limit=3000)

    def _block_actions(self, block: dict[str, Any], pointer: str) -> None:
        elements = self.items(block.get("elements"), f"{pointer}/elements", limit=25, minimum=1)
        action_ids: set[str] = set()
        for index, item in enumerate(elements):
            self.element(item, f"{pointer}/elements/{index}", action_ids)

    def _block_input(self, block: dict[str, Any], pointer: str) -> None:
        if "label" not in block:
            self.error("missing required field: label", pointer)
        else:
            self.text_object(block["label"], f"{pointer}/label", limit=2000, plain_only=True)
        if "element" not in block:
            self.error("missing required field: element", pointer)
        else:
            self.element(block["element"], f"{pointer}/element", set())
        self.text_object(block.get("hint"), f"{pointer}/hint", limit=2000, plain_only=True, required=False)

    def _block_image(self, block: dict[str, Any], pointer: str) -> None:
        self.image(block, pointer)
        self.text_object(block.get("title"), f"{pointer}/title", limit=2000, plain_only=True, required=False)

    def _block_markdown(self, block: dict[str, Any], pointer: str) -> None:
        text = block.get("text")
        if not isinstance(text, str) or not text:
            self.error("missing required field: text", f"{pointer}/text")
        else:
            self.max_len(text, 12_000, f"{pointer}/text")

    def image(self, item: dict[str, Any], pointer: str) -> None:
        if not item.get("image_url") and not item.get("slack_file"):
            self.error("missing required field: image_url", pointer)
        alt = item.get("alt_text")
        if not isinstance(alt, str) or not alt:
            self.error("missing required field: alt_text", f"{pointer}/alt_text")
        else:
            self.max_len(alt, 2000, f"{pointer}/alt_text")

    # -- elements -----------------------------------------------------------------------------
    def element(self, element: Any, pointer: str, action_ids: set[str]) -> None:
        if not isinstance(element, dict):
            self.error("must be an object", pointer)
            return
        action_id = element.get("action_id")
        self.identifier(action_id, f"{pointer}/action_id")
        if isinstance(action_id, str):
            if action_id in action_ids:
                self.error(f"duplicate action_id: {action_id}", f"{pointer}/action_id")
            action_ids.add(action_id)
        kind = element.get("type")
        if kind == "button":
            self.button(element, pointer)
        elif kind == "image":
            self.image(element, pointer)
        elif kind in SELECT_TYPES:
            self.select(element, pointer)
        elif kind in OPTION_LIST_LIMITS:
            self.options(element.get("options"), f"{pointer}/options", limit=OPTION_LIST_LIMITS[kind])
        elif kind == "plain_text_input":
            self.text_object(
                element.get("placeholder"),
                f"{pointer}/placeholder",
                limit=150,
                plain_only=True,
                required=False,
            )
        if element.get("confirm") is not None:
            self.confirm(element["confirm"], f"{pointer}/confirm")

    def button(self, element: dict[str, Any], pointer: str) -> None:
        self.text_object(element.get("text"), f"{pointer}/text", limit=75, plain_only=True)
        self.max_len(element.get("value"), 2000, f"{pointer}/value")
        self.max_len(element.get("url"), 3000, f"{pointer}/url")
        style = element.get("style")
        if style is not None and style not in ("primary", "danger"):
            self.error("must be one of primary, danger", f"{pointer}/style")

    def select(self, element: dict[str, Any], pointer: str) -> None:
        self.text_object(
            element.get("placeholder"), f"{pointer}/placeholder", limit=150, plain_only=True, required=False
        )
        if element.get("options") is not None:
            self.options(element["options"], f"{pointer}/options", limit=100)
        groups = element.get("option_groups")
        if groups is not None:
            for index, group in enumerate(self.items(groups, f"{pointer}/option_groups", limit=100)):
                group_pointer = f"{pointer}/option_groups/{index}"
                if isinstance(group, dict):
                    self.text_object(group.get("label"), f"{group_pointer}/label", limit=75, plain_only=True)
                    self.options(group.get("options"), f"{group_pointer}/options", limit=100)

    def options(self, options: Any, pointer: str, *, limit: int) -> None:
        for index, option in enumerate(self.items(options, pointer, limit=limit, minimum=1)):
            option_pointer = f"{pointer}/{index}"
            if not isinstance(option, dict):
                self.error("must be an object", option_pointer)
                continue
            self.text_object(option.get("text"), f"{option_pointer}/text", limit=75)
            self.max_len(option.get("value"), 150, f"{option_pointer}/value")
            self.text_object(
                option.get("description"), f"{option_pointer}/description", limit=75, required=False
            )

    def confirm(self, confirm: Any, pointer: str) -> None:
        if not isinstance(confirm, dict):
            self.error("must be an object", pointer)
            return
        self.text_object(confirm.get("title"), f"{pointer}/title", limit=100, plain_only=True)
        self.text_object(confirm.get("text"), f"{pointer}/text", limit=300)
        self.text_object(confirm.get("confirm"), f"{pointer}/confirm", limit=30, plain_only=True)
        self.text_object(confirm.get("deny"), f"{pointer}/deny", limit=30, plain_only=True)


def message_block_errors(blocks: Any) -> list[str]:
    """Problems with a message's ``blocks`` (at most 50 of them)."""
    walker = _Walker()
    walker.blocks(blocks, "/blocks", limit=MAX_MESSAGE_BLOCKS)
    return walker.errors


def view_errors(view: Any, *, allowed_types: tuple[str, ...] = ("modal", "home")) -> list[str]:
    """Problems with a modal or home-tab view payload."""
    walker = _Walker()
    if not isinstance(view, dict):
        walker.error("must be an object", "/view")
        return walker.errors
    kind = view.get("type")
    if kind not in allowed_types:
        walker.error(f"must be one of {', '.join(allowed_types)}", "/view/type")
        return walker.errors
    _view_chrome(walker, view, kind)
    walker.blocks(view.get("blocks"), "/view/blocks", limit=MAX_VIEW_BLOCKS)
    return walker.errors


def _view_chrome(walker: _Walker, view: dict[str, Any], kind: str) -> None:
    title_required = kind == "modal"
    walker.text_object(view.get("title"), "/view/title", limit=24, plain_only=True, required=title_required)
    for key in ("submit", "close"):
        walker.text_object(view.get(key), f"/view/{key}", limit=24, plain_only=True, required=False)
    walker.max_len(view.get("callback_id"), MAX_ID, "/view/callback_id")
    walker.max_len(view.get("external_id"), MAX_ID, "/view/external_id")
    walker.max_len(view.get("private_metadata"), 3000, "/view/private_metadata")
    blocks = view.get("blocks")
    has_input = isinstance(blocks, list) and any(
        isinstance(block, dict) and block.get("type") == "input" for block in blocks
    )
    if kind == "modal" and has_input and view.get("submit") is None:
        walker.error("submit is required when an input block is within the blocks array", "/view/submit")
