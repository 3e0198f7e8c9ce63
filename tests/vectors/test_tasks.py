"""Chunk tasks: what workers make from ids and chunk bounds equals one process's result."""

from __future__ import annotations

import numpy as np
import pytest

from kizuna.engine.candidates import candidates_build, candidates_merge
from kizuna.engine.encoder import TextEncoder, encoder_get
from kizuna.engine.text import normalise
from kizuna.organisations.models import Concept
from kizuna.organisations.queries import organisation_engine_profiles
from kizuna.vectors import domain
from kizuna.vectors.models import TextVector
from kizuna.vectors.store import vector_store
from kizuna.vectors.tasks import candidate_chunk_task, text_vectors_encode_task

SEEKER_TEXTS = [
    "โรงงานของเราผลิตชิ้นส่วนยานยนต์ และต้องการระบบบำรุงรักษาเชิงพยากรณ์",
    "เราแปรรูปอาหารทะเลแช่แข็งและต้องการปรับปรุงห้องเย็น",
    "บริษัทผลิตแม่พิมพ์พลาสติกที่อยากใช้หุ่นยนต์ในสายการผลิต",
    "โรงงานสิ่งทอที่ต้องการลดการใช้พลังงาน",
    "ผู้ผลิตชิ้นส่วนอิเล็กทรอนิกส์ที่ต้องการระบบตรวจสอบย้อนกลับ",
    "",
]
PROVIDER_TEXTS = [
    "工場設備の予知保全とIoTを提供しています。",
    "冷凍食品のコールドチェーンを支援します。",
    "産業用ロボットの導入を支援します。",
    "省エネルギー診断を行っています。",
]
TECHS = ["predictive_maintenance", "cold_chain", "robotics", "energy_efficiency", "traceability"]


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def world(organisation_factory):
    known = set(Concept.objects.filter(code__in=TECHS).values_list("code", flat=True))
    techs = [c for c in TECHS if c in known]
    seekers = []
    for i, text in enumerate(SEEKER_TEXTS):
        org = organisation_factory(country_id="TH", description=text, languages=["th"])
        org.technologies_needed.set(Concept.objects.filter(code=techs[i % len(techs)]))
        seekers.append(org.pk)
    providers = [organisation_factory(country_id="JP", description=text, languages=["ja"],
                                      technologies=[techs[i % len(techs)]]).pk
                 for i, text in enumerate(PROVIDER_TEXTS)]
    return seekers, providers


def test_encode_tasks_store_each_text_once_and_a_second_run_encodes_nothing(world):
    seekers, providers = world
    ids = seekers + providers
    encoder_get("use", store=vector_store)._lru.clear()  # as a fresh worker process
    first = [text_vectors_encode_task.enqueue("use", ids[a:b]).return_value for a, b in domain.chunks_plan(len(ids), 3)]
    stored = TextVector.objects.filter(encoder="use")
    assert stored.count() == len(ids) - 1  # the empty description has no vector
    key = TextEncoder.key(normalise(PROVIDER_TEXTS[2]))
    assert stored.filter(text_hash=key).exists()
    assert sum(first) == len(ids) - 1
    assert text_vectors_encode_task.enqueue("use", ids).return_value == 0


def test_candidate_chunk_tasks_merge_into_the_one_process_graph(world):
    seekers, providers = world
    text_vectors_encode_task.enqueue("use", seekers + providers)
    domain._MODELS.clear()
    for method in ("exact", "indexed"):
        results = [candidate_chunk_task.enqueue("use", seekers, providers, method, 3, [s0, s1], [p0, p1]).return_value
                   for (s0, s1), (p0, p1) in zip(domain.chunks_plan(len(seekers), 3),
                                                 domain.chunks_plan(len(providers), 3), strict=True)]
        got = candidates_merge([domain.candidate_chunk_load(r) for r in results], k_provider=3)
        model = domain.matching_model(encoder="use", seeker_ids=seekers, provider_ids=providers)
        ref = candidates_build(model.score_block, len(seekers), len(providers), k_seeker=3, k_provider=3,
                               rescore=model.score_edges)
        # tiny sides: both methods score every pair, so both give the exact graph — up to
        # which of several seekers tied at a provider's k-th place is kept (with the
        # default weights, seekers whose only part is the same feedback score tie exactly)
        full = model.score_block(slice(0, len(seekers)), dtype=np.float64)
        np.testing.assert_allclose(got.score, full[got.seeker, got.provider], atol=1e-6)
        np.testing.assert_allclose(np.sort(got.score), np.sort(ref.score), atol=1e-12)
        untied = [(s, p) for s, p, v in zip(ref.seeker.tolist(), ref.provider.tolist(), ref.score.tolist(), strict=True)
                  if np.sum(np.isclose(full[:, p], v, atol=1e-12)) == 1]
        assert set(untied) <= set(zip(got.seeker.tolist(), got.provider.tolist(), strict=True)), method


def test_profiles_follow_the_order_of_the_ids(world):
    seekers, _ = world
    profiles = organisation_engine_profiles(seekers[::-1], technologies="technologies_needed")
    assert [p.id for p in profiles] == [str(pk) for pk in seekers[::-1]]
    assert profiles[-1].description == SEEKER_TEXTS[0]


def test_chunks_plan_covers_every_position_once():
    assert domain.chunks_plan(10, 3) == [(0, 3), (3, 7), (7, 10)]
    assert domain.chunks_plan(2, 5) == [(0, 1), (1, 2)]
