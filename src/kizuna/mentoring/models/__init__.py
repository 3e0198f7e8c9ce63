"""Big Brother: matching rounds and their pairs (rounds.py), the runs that compute
them (runs.py), technology-transfer plans, milestones, outcomes and onward CLMV
links (plans.py)."""

from kizuna.mentoring.models.plans import *  # noqa: F401,F403
from kizuna.mentoring.models.rounds import *  # noqa: F401,F403
from kizuna.mentoring.models.runs import *  # noqa: F401,F403
