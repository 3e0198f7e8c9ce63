"""Work that any number of workers share: encoding organisations' descriptions into
the database's vector store, and making chunks of the candidate graph.

Each function takes ids and chunk bounds only (what a task can carry), reads what it
needs from the database, and gives the same result in whichever process runs it, so
the chunks of one job may run on as many worker processes and machines as there are.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from kizuna.engine.affinity import AffinityModel
from kizuna.engine.candidates import CandidateChunk, CandidateGraph, candidates_chunk
from kizuna.engine.encoder import encoder_get
from kizuna.engine.taxonomy import countries_load, industry_groups_load, taxonomy_load
from kizuna.organisations.models import Organisation
from kizuna.organisations.queries import organisation_engine_profiles
from kizuna.vectors.store import vector_store


def text_vectors_encode(*, encoder: str, organisation_ids: Sequence[int]) -> int:
    """Put the vectors of the organisations' descriptions in the vector store;
    returns how many texts went through the model (the others were stored already)."""
    enc = encoder_get(encoder, store=vector_store)
    texts = list(Organisation.objects.filter(pk__in=organisation_ids).values_list("description", flat=True))
    before = enc.encoded
    enc.encode(texts)
    return enc.encoded - before


def chunks_plan(n: int, chunks: int) -> list[tuple[int, int]]:
    """`chunks` contiguous [lo, hi) ranges that cover range(n), sizes differing by at most one."""
    edges = np.linspace(0, n, max(1, min(chunks, n)) + 1).round().astype(int)
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:], strict=True)]


_MODELS: dict[str, AffinityModel] = {}


def _ids_key(encoder: str, seeker_ids: Sequence[int], provider_ids: Sequence[int]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(encoder.encode())
    for ids in (seeker_ids, provider_ids):
        digest.update(np.asarray(ids, dtype=np.int64).tobytes())
        digest.update(b"|")
    return digest.hexdigest()


def matching_model(*, encoder: str, seeker_ids: Sequence[int], provider_ids: Sequence[int]) -> AffinityModel:
    """The affinity model of seekers (their needed technologies) × providers (their
    offered ones) with the default weights; text vectors come from the vector store.
    A worker process keeps the last model it built, so its next chunk of the same
    job starts at once."""
    key = _ids_key(encoder, seeker_ids, provider_ids)
    model = _MODELS.get(key)
    if model is None:
        _MODELS.clear()
        model = AffinityModel(
            organisation_engine_profiles(seeker_ids, technologies="technologies_needed"),
            organisation_engine_profiles(provider_ids, technologies="technologies_offered"),
            taxonomy=taxonomy_load(), groups=industry_groups_load(), countries=countries_load(),
            encoder=None if encoder == "none" else encoder_get(encoder, store=vector_store),
        )
        _MODELS[key] = model
    return model


def _graph_json(graph: CandidateGraph) -> list[list]:
    return [graph.seeker.tolist(), graph.provider.tolist(), graph.score.tolist()]


def candidate_chunk_compute(*, encoder: str, seeker_ids: Sequence[int], provider_ids: Sequence[int], method: str,
                            k: int, seekers: tuple[int, int], providers: tuple[int, int]) -> dict:
    """One chunk of the top-`k` candidate graph (both sides) as plain lists (what a
    task returns): seekers [lo, hi) and providers [lo, hi) are positions in the id
    lists. Edges name positions too; `candidate_chunk_load` reads the result back."""
    model = matching_model(encoder=encoder, seeker_ids=seeker_ids, provider_ids=provider_ids)
    chunk = candidates_chunk(model, method=method, k_seeker=k, k_provider=k,
                             seekers=slice(*seekers), providers=slice(*providers))
    return {"n": [model.n_seekers, model.n_providers], "for_seekers": _graph_json(chunk.for_seekers),
            "for_providers": _graph_json(chunk.for_providers)}


def candidate_chunk_load(data: dict) -> CandidateChunk:
    """The CandidateChunk of `candidate_chunk_compute`'s result."""
    n_s, n_p = data["n"]

    def graph(lists: list[list]) -> CandidateGraph:
        s, p, v = lists
        return CandidateGraph(n_s, n_p, np.asarray(s, dtype=np.int32), np.asarray(p, dtype=np.int32),
                              np.asarray(v, dtype=np.float64))

    return CandidateChunk(graph(data["for_seekers"]), graph(data["for_providers"]))
