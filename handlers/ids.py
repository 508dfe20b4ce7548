"""Every Slack ID the app emits or listens for, shared by the builders and the `register()` calls.

A test walks every builder's output and checks each action_id and callback_id here has a listener.
"""

from __future__ import annotations

from enum import StrEnum


class Command(StrEnum):
    ESCALATE = "/escalate"
    VENT = "/vent"


class Shortcut(StrEnum):
    ESCALATE_MESSAGE = "escalate_message"
    VENT_REPORT_MESSAGE = "vent_report_message"


class Action(StrEnum):
    ACKNOWLEDGE = "esc_acknowledge"
    POST_UPDATE = "esc_post_update"
    REASSIGN = "esc_reassign"
    RESOLVE = "esc_resolve"
    BRING_IN = "esc_bring_in"
    KIND_CHANGED = "esc_kind_changed"
    # The forms' people selects dispatch on pick (their action IDs are their input blocks' IDs).
    OWNER_PICKED = "owner"
    NEW_OWNER_PICKED = "new_owner"
    PEOPLE_PICKED = "people"
    OPEN_THREAD = "esc_open_thread"  # a link button; Slack still sends an action we must ack
    SNOOZE_30M = "esc_snooze_30m"
    SNOOZE_1H = "esc_snooze_1h"
    SNOOZE_2H = "esc_snooze_2h"
    SNOOZE_MORNING = "esc_snooze_morning"
    ASK_ENCOURAGEMENT = "peer_ask_encouragement"
    VENT_PREVIEW = "vent_preview"  # typing in the /vent form refreshes its preview
    VENT_REPLY = "vent_reply"
    VENT_MENU = "vent_menu"  # the overflow on anonymous messages: report, delete my own
    VENT_NOTIFY = "vent_notify"
    VENT_DELETE = "vent_delete"
    MOD_OPEN = "vent_mod_open"  # a link button
    MOD_HIDE = "vent_mod_hide"
    MOD_MUTE = "vent_mod_mute"
    MOD_KEEP = "vent_mod_keep"
    # --- care (issue 5): check-ins, review, thanks ---
    CARE_MOOD_1 = "care_mood_1"
    CARE_MOOD_2 = "care_mood_2"
    CARE_MOOD_3 = "care_mood_3"
    CARE_MOOD_4 = "care_mood_4"
    CARE_MOOD_5 = "care_mood_5"
    CARE_VENT = "care_vent"
    CARE_PEER = "care_peer"
    CARE_DESK = "care_desk"
    CARE_SNOOZE = "care_snooze"
    CARE_STOP = "care_stop"
    CARE_STOP_ALL = "care_stop_all"
    CARE_LISTEN = "care_support_listen"
    CARE_THINK = "care_support_think"
    CARE_HELP = "care_support_help"
    CARE_MEETING = "care_meeting"
    REVIEW_OPEN = "care_review_open"
    THANK_OPEN = "care_thank_open"
    # --- App Home (issue 5) ---
    HOME_PREV = "home_page_prev"
    HOME_NEXT = "home_page_next"
    HOME_LANGUAGE = "home_language"
    HOME_TOGGLES = "home_toggles"
    HOME_OOO = "home_ooo"
    HOME_OOO_CLEAR = "home_ooo_clear"
    HOME_HOURS = "home_hours"


class View(StrEnum):
    NEW_ESCALATION = "esc_new"
    POST_UPDATE = "esc_update"
    REASSIGN = "esc_reassign_view"
    RESOLVE = "esc_resolve_view"
    BRING_IN = "esc_bring_in_view"
    VENT = "vent_new"
    VENT_RECEIPT = "vent_receipt"
    VENT_REPLY = "vent_reply_view"
    VENT_REPORT = "vent_report_view"
    VENT_DELETE = "vent_delete_view"
    VENT_MUTE = "vent_mute_view"
    # --- care and App Home (issue 5) ---
    REVIEW = "care_review"
    THANKS = "care_thanks"
    MEETING = "care_meeting_view"
    HOME_HOURS = "home_hours_view"


class Block(StrEnum):
    """block_id / action_id pairs inside modals, read back from view.state.values."""

    OWNER = "owner"
    CLIENT = "client"
    SUMMARY = "summary"
    KIND = "kind"
    SEVERITY = "severity"
    PROMISED = "promised"
    OPTIONS = "options"
    HR_WHEN = "hr_when"
    HR_WHERE = "hr_where"
    HR_WHAT = "hr_what"
    HR_BY_WHOM = "hr_by_whom"
    HR_WITNESSES = "hr_witnesses"
    UPDATE_TEXT = "update_text"
    NEW_OWNER = "new_owner"
    REASON = "reason"
    RESOLUTION = "resolution"
    PEOPLE = "people"
    CADENCE = "cadence"
    VENT_TEXT = "vent_text"
    VENT_OPTIONS = "vent_options"
    VENT_PREVIEW = "vent_preview_block"
    VENT_REASON = "vent_reason"
    MUTE_FOR = "mute_for"
    # --- care and App Home (issue 5) ---
    REVIEW_CLIENT = "review_client"
    REVIEW_WE_DID = "review_we_did"
    REVIEW_WHERE = "review_where"
    REVIEW_CHANGE = "review_change"
    REVIEW_WHO = "review_who"
    REVIEW_SHARE = "review_share"
    THANKS_TEXT = "thanks_text"
    THANKS_WHERE = "thanks_where"
    MEETING_AT = "meeting_at"
    HOURS_START = "hours_start"
    HOURS_END = "hours_end"
    HOURS_DAYS = "hours_days"
    HOURS_TZ = "hours_tz"
