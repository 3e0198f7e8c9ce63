"""The database as the encoder's VectorStore (see engine.encoder): bulk reads of the
keys an encode call misses, bulk inserts of what the model encoded. Two processes
that encode the same text both insert it; the unique constraint keeps the first row
and the second insert is skipped (`ignore_conflicts`), so workers need no lock."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from kizuna.vectors.models import TextVector

READ_BATCH = 2_000  # keys per query (well under every database's parameter limit)
WRITE_BATCH = 1_000


class DatabaseVectorStore:
    def get_many(self, encoder: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        keys = list(dict.fromkeys(keys))
        for start in range(0, len(keys), READ_BATCH):
            rows = TextVector.objects.filter(encoder=encoder, text_hash__in=keys[start:start + READ_BATCH])
            for row in rows.only("text_hash", "dim", "vector"):
                out[row.text_hash] = row.as_array()
        return out

    def put_many(self, encoder: str, items: Mapping[str, np.ndarray]) -> None:
        rows = []
        for key, vec in items.items():
            v = np.ascontiguousarray(vec, dtype="<f4").ravel()
            rows.append(TextVector(encoder=encoder, text_hash=key, dim=len(v), vector=v.tobytes()))
        TextVector.objects.bulk_create(rows, batch_size=WRITE_BATCH, ignore_conflicts=True)


vector_store = DatabaseVectorStore()
