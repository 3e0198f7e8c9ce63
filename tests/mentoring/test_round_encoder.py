"""One run with the real multilingual encoder (the other tests use the hashing one)."""

from __future__ import annotations

import numpy as np
import pytest

from kizuna.engine.encoder import HashingEncoder
from kizuna.mentoring.adapters import encoder_for
from kizuna.mentoring.domain import rounds as rounds_domain
from kizuna.mentoring.domain import runs as runs_domain
from kizuna.mentoring.enums import RunStatus
from kizuna.vectors.models import TextVector

from .conftest import pairs_of

pytestmark = pytest.mark.django_db


def test_hashing_encoder_is_deterministic_unit_length_and_zero_for_empty_text():
    enc = HashingEncoder(dim=64)
    a = enc.encode(["predictive maintenance", "", "predictive maintenance"])
    assert a.shape == (3, 64)
    assert np.allclose(np.linalg.norm(a[0]), 1.0)
    assert not a[1].any()
    assert np.array_equal(a[0], a[2])


@pytest.mark.slow
def test_run_with_the_multilingual_encoder_relates_thai_and_japanese_descriptions(
    world, settings, django_capture_on_commit_callbacks
):
    settings.KIZUNA_ROUND_WARM_VECTORS = True
    encoder_for("use")._lru.clear()  # as a fresh process: the database is the only store
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer,
                                settings={"lo": 1, "hi": 1, "capacity": 1, "encoder": "use"})
    assert len(callbacks) == 1
    assert TextVector.objects.filter(encoder="use").count() == 6  # opening the round encoded each description once
    assert rounds_domain.round_vectors_warm(rnd.pk) == 0  # nothing left to encode
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert pairs_of(run) == {("SME 1", "Mentor 1"), ("SME 2", "Mentor 2"), ("SME 3", "Mentor 3")}
    # Thai needs and Japanese offers about robots and traceability are close in meaning
    assert run.proposals.get(mentee=world.mentees[1]).breakdown["text"] > 0
    assert run.proposals.get(mentee=world.mentees[2]).breakdown["text"] > 0
