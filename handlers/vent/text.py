"""What people type, turned into plain text (what the domain keeps) and back into safe mrkdwn.

Slash-command text arrives Slack-encoded (`&lt;`, `<!here>`, `<@U…|name>`); modal text arrives as
typed. Either way the domain keeps plain text, and everything posted is escaped again, so nobody can
smuggle a broadcast (`<!channel>`), a user-group ping or a disguised link into an anonymous post.
Person and channel mentions and plain links are kept: they notify nobody beyond the person named.
"""

from __future__ import annotations

import html
import re

from handlers.blockkit import escape, neutralize_broadcasts

_NAMED = re.compile(r"<([@#][UWC][A-Z0-9]+)\|[^>]*>")
_KEEP = re.compile(r"&lt;([@#][UWC][A-Z0-9]+|https?://[^\s|&]+)&gt;")


def plain_from_slash(text: str) -> str:
    """Slash-command text (sent with should_escape) as the person typed it, broadcasts made words."""
    return html.unescape(_NAMED.sub(r"<\1>", neutralize_broadcasts(text)))


def mrkdwn_from_plain(text: str) -> str:
    """Plain text ready to post: escaped, with mentions of people and channels and bare links kept."""
    return _KEEP.sub(r"<\1>", escape(neutralize_broadcasts(text)))
