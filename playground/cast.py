"""Who is in the playground's workspace, its channels, and what was said before you arrived.

A small office of a Tokyo law firm with an American lawyer: the people of ../shared/USERS.md.
Every text here was written for the playground.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    id: str
    handle: str
    real_name: str
    locale: str
    tz: str
    role_ja: str
    role_en: str
    is_admin: bool = False


PARALEGAL = Person("U0SATO", "sato", "佐藤 由美", "ja-JP", "Asia/Tokyo", "パラリーガル", "Paralegal")
LAWYER = Person(
    "U0JORDAN", "jordan", "Jordan Miller", "en-US", "America/Los_Angeles", "担当弁護士", "Responsible lawyer"
)
HEAD = Person("U0YAMADA", "yamada", "山田 健一", "ja-JP", "Asia/Tokyo", "所長", "Office head")
COLLEAGUE_JA = Person("U0SUZUKI", "suzuki", "鈴木 花", "ja-JP", "Asia/Tokyo", "同僚", "Colleague")
COLLEAGUE_EN = Person(
    "U0EMMA", "emma", "Emma Clark", "en-US", "America/New_York", "同僚", "Colleague (New York)"
)
DESK = Person("U0DESK", "soudan", "相談窓口 (田中)", "ja-JP", "Asia/Tokyo", "相談窓口", "Consultation desk")
MANAGER = Person(
    "U0KIMURA", "kimura", "木村 彩", "ja-JP", "Asia/Tokyo", "事務長（管理者）", "Office manager (admin)", True
)
CLIENT = Person("U0KOBAYASHI", "kobayashi", "小林 誠（小林商事）", "ja-JP", "Asia/Tokyo", "顧客", "Client")

# The people you can be, in the order the switch lists them.
PEOPLE = (PARALEGAL, LAWYER, HEAD, COLLEAGUE_JA, COLLEAGUE_EN, DESK, MANAGER)
STAFF_IDS = tuple(person.id for person in PEOPLE)


@dataclass(frozen=True)
class Room:
    id: str
    name: str
    members: tuple[str, ...]
    is_private: bool = False


ESCALATIONS = Room("C0ESCALATE", "escalations", STAFF_IDS)
PEER_SUPPORT = Room("C0PEER", "peer-support", STAFF_IDS)
CLIENT_ROOM = Room("C0KOBAYASHI", "client-kobayashi", (*STAFF_IDS, CLIENT.id))
ADMIN_ROOM = Room("C0ADMIN", "itabasami-admin", (MANAGER.id,), is_private=True)
ROOMS = (ESCALATIONS, CLIENT_ROOM, PEER_SUPPORT, ADMIN_ROOM)

# Who is above whom (ESCALATION_CHAIN_FILE): the lawyer's manager is the office head.
CHAIN = {LAWYER.id: HEAD.id}

# The client channel, before you arrive: (who, text), oldest first.
CLIENT_HISTORY = (
    (
        CLIENT.id,
        "お世話になっております。先週お願いした売買契約書の修正版ですが、今週中にいただけると伺っていました。"
        "まだ届いておらず、金曜の取締役会に間に合うか心配しています。",
    ),
    (
        PARALEGAL.id,
        "小林様、ご連絡ありがとうございます。担当弁護士に状況を確認し、本日中にご連絡いたします。",
    ),
    (
        CLIENT.id,
        "前回も同じように待たされました。今回の遅れで取締役会の日程を変えることになれば、"
        "その費用は御社で持っていただけるのでしょうか。責任者の方からお返事をください。",
    ),
)
