"""Check-ins for the person who raised an escalation.

Everything a check-in answer reveals stays in this package: the streak of rough answers and the kind
of support asked for (`CareState`), and which escalations someone asked not to be checked on about
(`CheckinStop`). Nothing outside it reads them (a test checks), no report counts them, and a person
who does not answer gets at most one gentle reminder, never a note to anyone else.
"""
