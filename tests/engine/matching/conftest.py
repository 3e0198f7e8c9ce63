"""The matching-engine tests share `match_support` (a small taxonomy, profile
builders); with pytest's importlib import mode a sibling module is importable only
once its folder is on the path."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
