"""Check-ins, the blameless review, export, retention and the weekly digest."""
