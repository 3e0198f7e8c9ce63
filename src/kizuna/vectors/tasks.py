"""Chunk tasks (django-tasks; the worker is `kizuna db_worker`): start as many workers
as there are cores or machines, and each takes the next chunk from the queue."""

from __future__ import annotations

from django_tasks import task


@task()
def text_vectors_encode_task(encoder: str, organisation_ids: list[int]) -> int:
    """Encode these organisations' descriptions into the vector store (see
    domain.text_vectors_encode); returns how many went through the model."""
    from kizuna.vectors.domain import text_vectors_encode

    return text_vectors_encode(encoder=encoder, organisation_ids=organisation_ids)


@task()
def candidate_chunk_task(encoder: str, seeker_ids: list[int], provider_ids: list[int], method: str, k: int,
                         seekers: list[int], providers: list[int]) -> dict:
    """One chunk of a candidate graph (see domain.candidate_chunk_compute)."""
    from kizuna.vectors.domain import candidate_chunk_compute

    return candidate_chunk_compute(encoder=encoder, seeker_ids=seeker_ids, provider_ids=provider_ids, method=method,
                                   k=k, seekers=(seekers[0], seekers[1]), providers=(providers[0], providers[1]))
