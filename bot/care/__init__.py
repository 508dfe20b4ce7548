"""Care for the person in the middle: check-ins, the blameless review, the App Home's data, export,
retention and the weekly digest for managers. Slack-free, like the rest of the domain.

Check-in answers belong to the person who gave them. Only `bot/care/checkins.py` reads or writes what
they reveal (`CareState`, `CheckinStop`), and nothing there is ever shown to anyone else or counted in
any report (a test checks the import boundary).
"""
