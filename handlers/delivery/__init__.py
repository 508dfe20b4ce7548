"""Delivery of the outbox to Slack."""
