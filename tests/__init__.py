"""itabasami's tests (a package, so `tests/storage` never shadows the top-level `storage`)."""
