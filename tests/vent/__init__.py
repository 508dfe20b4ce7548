"""Peer support tests."""
