"""Text vectors in the database: reused across runs and processes, missed when the
text changes, read and written in bulk."""

from __future__ import annotations

import math
import threading

import numpy as np
import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from kizuna.engine.encoder import TextEncoder
from kizuna.engine.text import normalise
from kizuna.vectors.models import TextVector
from kizuna.vectors.store import READ_BATCH, WRITE_BATCH, DatabaseVectorStore


def fake_model(calls: list[str]):
    """A stand-in for USE: a deterministic 512-d vector per text, recording each call."""

    def encode(texts):
        calls.extend(texts)
        return np.stack([np.random.default_rng(sum(map(ord, t))).normal(size=512) for t in texts])

    return encode


def encoder(store, calls):
    enc = TextEncoder("use", store=store)
    enc._fn = fake_model(calls)
    return enc


@pytest.mark.django_db
def test_a_second_run_reads_every_vector_from_the_database():
    store = DatabaseVectorStore()
    texts = ["ระบบบำรุงรักษาเชิงพยากรณ์", "予知保全の導入支援", "Cold chain for seafood"]
    calls: list[str] = []
    first = encoder(store, calls).encode(texts)
    assert TextVector.objects.filter(encoder="use").count() == 3
    again: list[str] = []
    second = encoder(store, again).encode(texts)  # a new process: empty LRU
    assert again == []
    np.testing.assert_array_equal(first, second)
    row = TextVector.objects.get(text_hash=TextEncoder.key(normalise(texts[1])))
    assert row.dim == 512 and len(bytes(row.vector)) == 512 * 4


@pytest.mark.django_db
def test_an_edited_text_is_encoded_again_and_the_old_vector_stays_for_the_old_text():
    store = DatabaseVectorStore()
    encoder(store, []).encode(["We make auto parts."])
    calls: list[str] = []
    encoder(store, calls).encode(["We  make auto parts.", "We make auto parts and moulds."])
    assert calls == ["We make auto parts and moulds."]
    assert TextVector.objects.count() == 2


@pytest.mark.django_db
def test_vectors_are_read_and_written_in_batches_not_per_text():
    store = DatabaseVectorStore()
    n = READ_BATCH + 10
    keys = [f"{i:032x}" for i in range(n)]
    vectors = {k: np.full(4, i, dtype=np.float32) for i, k in enumerate(keys)}
    with CaptureQueriesContext(connection) as writes:
        store.put_many("use", vectors)
    fields = [f for f in TextVector._meta.concrete_fields if not f.primary_key]
    per_insert = min(WRITE_BATCH, connection.ops.bulk_batch_size(fields, list(vectors)))  # SQLite: 199
    inserts = [q for q in writes.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == math.ceil(n / per_insert)
    with CaptureQueriesContext(connection) as reads:
        got = store.get_many("use", keys)
    assert len(reads.captured_queries) == 2
    assert len(got) == n
    np.testing.assert_array_equal(got[keys[-1]], np.full(4, n - 1, dtype=np.float32))


@pytest.mark.django_db(transaction=True)
def test_a_second_connection_writing_the_same_texts_keeps_one_row_each():
    store = DatabaseVectorStore()
    vec = {f"{i:032x}": np.full(8, i, dtype=np.float32) for i in range(50)}
    errors: list[BaseException] = []

    def write():
        try:
            store.put_many("use", vec)  # this thread's own connection
            assert len(store.get_many("use", list(vec))) == 50
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    # one after the other (SQLite's shared in-memory test database locks a table
    # against a second writer); each thread has its own connection, and the second
    # writes the same keys again
    for _ in range(2):
        thread = threading.Thread(target=write)
        thread.start()
        thread.join()
    assert errors == []
    assert TextVector.objects.filter(encoder="use").count() == 50
    np.testing.assert_array_equal(store.get_many("use", [f"{7:032x}"])[f"{7:032x}"], np.full(8, 7))
