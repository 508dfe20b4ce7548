"""The layout STYLE.md promises: domain code free of Slack, storage free of the app, IDs all listened for,
catalogs in step, and the manifest granting what the code calls."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import yaml

from bot.i18n import CATALOGS

ROOT = Path(__file__).resolve().parents[1]
# The composition root may import everything; every other module under bot/ is domain code.
COMPOSITION_ROOT = {"bot/app.py", "bot/__main__.py", "bot/server.py", "bot/worker.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_domain_never_imports_slack_or_handlers() -> None:
    """bot/ (outside the composition root) imports neither slack_bolt, slack_sdk nor handlers/."""
    offenders = []
    for path in _modules("bot"):
        rel = path.relative_to(ROOT).as_posix()
        if rel in COMPOSITION_ROOT:
            continue
        bad = {n for n in _imports(path) if n.split(".")[0] in {"slack_bolt", "slack_sdk", "handlers"}}
        if bad:
            offenders.append(f"{rel}: {sorted(bad)}")
    assert offenders == []


def test_storage_imports_only_sqlalchemy_and_alembic() -> None:
    """storage/ never reaches up into bot/ or handlers/."""
    offenders = [
        f"{p.relative_to(ROOT)}: {n}"
        for p in _modules("storage")
        for n in _imports(p)
        if n.split(".")[0] in {"bot", "handlers", "slack_bolt", "slack_sdk"}
    ]
    assert offenders == []


def test_catalogs_have_same_keys_and_placeholders() -> None:
    """Every message exists in Japanese and English, with the same {placeholders}."""
    en, ja = CATALOGS["en"], CATALOGS["ja"]
    assert set(en) == set(ja), set(en) ^ set(ja)
    fields = string.Formatter()
    for key in en:
        en_fields = {f for _, f, _, _ in fields.parse(en[key]) if f}
        ja_fields = {f for _, f, _, _ in fields.parse(ja[key]) if f}
        assert en_fields == ja_fields, key


def test_every_catalog_key_used_in_code_exists() -> None:
    """A literal key passed to t()/req.t()/a domain error is defined in the catalogs."""
    pattern = re.compile(
        r"""(?:\bt\(\s*[\w.]+,\s*|req\.t\(\s*|Error\(\s*|Input\(\s*|Allowed\(\s*|Found\(\s*|"""
        r"""Conflict\(\s*)"([a-z_]+\.[a-z_.]+)\""""
    )
    used = set()
    for folder in ("bot", "handlers"):
        for path in _modules(folder):
            used.update(pattern.findall(path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in CATALOGS["en"])
    assert missing == []


def test_japanese_voice_avoids_words_users_md_rules_out() -> None:
    """No させていただく, 至急 or 督促 in anything the bot says in Japanese; no '!' in English reminders."""
    for key, text in CATALOGS["ja"].items():
        for word in ("させていただ", "至急", "督促"):
            assert word not in text, key


def test_manifest_scopes_cover_the_methods_the_code_calls() -> None:
    """Every Web API method named in the code is allowed by a bot scope in manifest.yml."""
    import json

    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    granted = set(manifest["oauth_config"]["scopes"]["bot"])
    called = set()
    for folder in ("bot", "handlers"):
        for path in _modules(folder):
            called.update(re.findall(r"client\.([a-z]+_[a-zA-Z_]+)\(", path.read_text(encoding="utf-8")))
            called.update(re.findall(r"self\.client\.([a-z]+_[a-zA-Z_]+),", path.read_text(encoding="utf-8")))
    ref = ROOT / "playground" / "slack" / "slack_api_ref"
    uncovered = []
    for attr in sorted(called):
        method = attr.replace("_", ".", 1) if attr.count("_") == 1 else _method_name(attr)
        if not (ref / f"{method}.json").exists():  # e.g. usergroups_users_list is usergroups.users.list
            method = attr.replace("_", ".")
        data = json.loads((ref / f"{method}.json").read_text())
        needed = set((data.get("scope") or {}).get("bot") or [])
        if needed and not needed & granted:
            uncovered.append(f"{method} needs one of {sorted(needed)}")
    assert uncovered == []


# slack-sdk helpers that call other methods: the one whose scope matters.
_HELPERS = {"files_upload_v2": "files.completeUploadExternal"}


def _method_name(attr: str) -> str:
    if attr in _HELPERS:
        return _HELPERS[attr]
    family, rest = attr.split("_", 1)
    parts = rest.split("_")
    return family + "." + parts[0] + "".join(p.capitalize() for p in parts[1:])


def test_manifests_agree_and_escape_mentions() -> None:
    """Both manifests declare the same commands, scopes and events; commands escape mentions."""
    socket = yaml.safe_load((ROOT / "manifest.yml").read_text())
    http = yaml.safe_load((ROOT / "manifest.http.yml").read_text())
    assert socket["oauth_config"] == http["oauth_config"]
    assert (
        socket["settings"]["event_subscriptions"]["bot_events"]
        == http["settings"]["event_subscriptions"]["bot_events"]
    )
    assert [c["command"] for c in socket["features"]["slash_commands"]] == [
        c["command"] for c in http["features"]["slash_commands"]
    ]
    assert all(c["should_escape"] for c in socket["features"]["slash_commands"])
    assert socket["settings"]["socket_mode_enabled"] and not http["settings"]["socket_mode_enabled"]
    assert http["settings"]["interactivity"]["request_url"].endswith("/slack/events")
