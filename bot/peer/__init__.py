"""Peer support: anonymous posts (`/vent`), anonymous replies, encouragement threads and moderation.

Nothing here stores who wrote what. Whatever must be compared later (rate limits, mutes, "is this
my post") is a keyed hash made with ANON_SECRET, which never enters the database; whatever must be
read back (where to send a reply notice) is sealed with authenticated encryption and erased when
it is no longer needed. See README.md, "The anonymity promise".
"""
