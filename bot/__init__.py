"""itabasami: escalation to a named owner, anonymous peer support and check-ins, for Slack."""
