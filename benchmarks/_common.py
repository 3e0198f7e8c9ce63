"""Small helpers shared by the benchmarks: timing, peak memory, whole-process time, tables.

Benchmarks run as plain scripts (`python benchmarks/bench_x.py`); importing this module
puts the checkout's `src/` first on the path so the code under test is this tree's.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

_PROC_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def rss_mb(field: str = "VmRSS") -> float | None:
    """The process's resident memory (VmRSS) or its peak since the last reset (VmHWM), MB."""
    try:
        for line in _PROC_STATUS.read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (Linux ≥ 4.0); False where that is unavailable."""
    try:
        _CLEAR_REFS.write_text("5")
        return True
    except OSError:
        return False


@dataclass
class Measured:
    value: Any
    seconds: float  # best wall time over the repeats
    peak_mb: float | None  # peak resident memory of the whole process during the calls
    how: str  # "rss" (kernel peak RSS, includes C++ allocations) or "tracemalloc"


def measure(fn: Callable[..., Any], *args: Any, repeat: int = 1, **kwargs: Any) -> Measured:
    """Call ``fn`` ``repeat`` times; best wall time, and the peak memory of the process
    while it ran (kernel peak RSS, so memory allocated by C++ solvers counts too;
    Python-level tracemalloc where /proc is unavailable)."""
    use_rss = _reset_peak()
    if not use_rss:
        tracemalloc.start()
    best, value = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - started)
    if use_rss:
        peak = rss_mb("VmHWM")
    else:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return Measured(value, best, peak, "rss" if use_rss else "tracemalloc")


def whole_process_seconds(
    code: str, *, repeat: int = 5, env: dict[str, str] | None = None
) -> float:
    """Median wall time of ``python -c code`` in a fresh interpreter (startup, imports,
    work and exit), with this checkout's src/ on PYTHONPATH."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = os.pathsep.join([str(SRC), full_env.get("PYTHONPATH", "")]).rstrip(
        os.pathsep
    )
    full_env.update(env or {})
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code], check=True, env=full_env, stdout=subprocess.DEVNULL
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def whole_process_compare(
    programs: dict[str, str], *, repeat: int = 7, env: dict[str, str] | None = None
) -> dict[str, tuple[float, float]]:
    """Wall time of several ``python -c`` programs, run interleaved (A B C A B C …) so
    that load from other processes falls on all alike; name -> (best, median)."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = os.pathsep.join([str(SRC), full_env.get("PYTHONPATH", "")]).rstrip(
        os.pathsep
    )
    full_env.update(env or {})
    times: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(repeat):
        for name, code in programs.items():
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", code], check=True, env=full_env, stdout=subprocess.DEVNULL
            )
            times[name].append(time.perf_counter() - started)
    return {name: (min(t), statistics.median(t)) for name, t in times.items()}


def fmt_seconds(s: float | None) -> str:
    if s is None:
        return "—"
    if s < 1e-3:
        return f"{s * 1e6:.0f} µs"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def fmt_mb(mb: float | None) -> str:
    return "—" if mb is None else f"{mb:,.0f} MB"


def fmt_number(x: float | None, digits: int = 6) -> str:
    if x is None:
        return "—"
    return f"{x:,.{digits}f}".rstrip("0").rstrip(".") if isinstance(x, float) else f"{x:,}"


def print_table(
    title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, note: str = ""
) -> None:
    """Print a Markdown table (readable as text, pastes into an issue)."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(str(col)), *(len(r[i]) for r in cells)) for i, col in enumerate(columns)]
    print(f"\n### {title}\n")
    print("| " + " | ".join(str(c).ljust(w) for c, w in zip(columns, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in cells:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    if note:
        print(f"\n{note}")
    sys.stdout.flush()
