"""`kizuna demo`: the three programmes of the 2018 round with their organisations,
one account per role, and optionally N synthetic organisations for load tests."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from importlib import resources

from django.db import transaction
from django.test.utils import override_settings

from kizuna.accounts.enums import Role
from kizuna.accounts.models import User
from kizuna.mentoring.demo import mentoring_demo_load
from kizuna.organisations.demo import demo_contacts_create
from kizuna.organisations.domain import organisations_index
from kizuna.organisations.imports.apply import import_records
from kizuna.organisations.models import Concept, Country, IndustryGroup, Organisation, Province
from kizuna.programmes.demo_data import ACCOUNTS, DEMO_PASSWORD_SUFFIX, PROGRAMME_OF, PROGRAMMES
from kizuna.programmes.models import Participation, Phase, Programme


@dataclass
class DemoResult:
    organisations: int = 0
    programmes: int = 0
    participations: int = 0
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # username, password, role label
    synthetic: int = 0
    contacts: int = 0  # contact persons created
    mentoring: object = None  # kizuna.mentoring.demo.MentoringDemoResult


def demo_organisations() -> list[dict]:
    """The demo organisations: every JSON list in kizuna/data/demo/organisations/, in file order."""
    folder = resources.files("kizuna.data").joinpath("demo", "organisations")
    records: list[dict] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            records.extend(json.loads(entry.read_text(encoding="utf-8")))
    return records


def demo_load(*, scale: int = 0, seed: int = 2018, encoder: str = "use") -> DemoResult:
    """Create or refresh the demo; running it twice changes nothing the second time.

    Big Brother's 2018 round and a current round are matched for real by the engine
    (with `encoder` for the text part: "use", or "none" for taxonomy and structure
    only), published, answered, and followed by plans, milestones and one onward
    CLMV link (mentoring/demo.py). One transaction; no e-mail is sent to the demo's
    fictional contact persons, also not by the notices sent once it is committed."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
        return _demo_load(scale=scale, seed=seed, encoder=encoder)


def _demo_load(*, scale: int, seed: int, encoder: str) -> DemoResult:
    result = DemoResult()
    records = demo_organisations()
    import_records(records, source="demo/organisations")
    by_external = {o.external_id: o for o in Organisation.objects.filter(external_id__in=[r["external_id"] for r in records])}
    result.organisations = len(by_external)
    result.contacts = demo_contacts_create(by_external.values())

    for spec in PROGRAMMES:
        programme, _ = Programme.objects.update_or_create(
            code=spec["code"],
            defaults={k: spec[k] for k in ("kind", "year", "name_th", "name_ja", "name_en", "summary_th", "summary_ja", "summary_en")},
        )
        programme.agencies.set([by_external[a] for a in spec["agencies"] if a in by_external])
        for order, (th, ja, en, starts, ends) in enumerate(spec["phases"], start=1):
            Phase.objects.update_or_create(
                programme=programme, order=order,
                defaults={"name_th": th, "name_ja": ja, "name_en": en, "starts": starts, "ends": ends},
            )
        result.programmes += 1
    programmes = {p.code: p for p in Programme.objects.filter(code__in=PROGRAMME_OF.values())}
    for record in records:
        code = PROGRAMME_OF.get(record.get("programme", ""))
        if code and record.get("role"):
            _, created = Participation.objects.get_or_create(
                programme=programmes[code], organisation=by_external[record["external_id"]], role=record["role"]
            )
    result.participations = Participation.objects.filter(programme__in=programmes.values()).count()

    first_of = {
        "sme": next(r["external_id"] for r in records if r.get("role") == "mentee"),
        "mentor": next(r["external_id"] for r in records if r.get("role") == "mentor"),
    }
    for username, role, language, org_external, full_name in ACCOUNTS:
        org = by_external.get(org_external or first_of.get(username, ""))
        first, _, last = full_name.partition(" ")
        user, created = User.objects.get_or_create(username=username)
        user.role, user.language, user.organisation = role, language, org
        user.first_name, user.last_name = first, last
        user.email = f"{username}@kizuna.example"
        user.is_staff = role == Role.OFFICER
        password = username + DEMO_PASSWORD_SUFFIX
        user.set_password(password)
        user.save()
        result.accounts.append((username, password, str(Role(role).label)))

    result.mentoring = mentoring_demo_load(encoder=encoder)
    if scale:
        result.synthetic = synthetic_organisations_create(scale, seed=seed)
    return result


# Sentences for synthetic profiles, one whole sentence per language.
_TEMPLATES = {
    "th": [
        "บริษัทของเราผลิตชิ้นส่วนสำหรับอุตสาหกรรม{group} และต้องการนำ{need}มาใช้ในสายการผลิต",
        "เราให้บริการด้าน{offer}แก่โรงงานในภูมิภาค และกำลังมองหาพันธมิตรด้าน{need}",
        "โรงงานในจังหวัด{province}ต้องการลดของเสียด้วย{need}",
    ],
    "ja": [
        "当社は{group}向けの部品を製造しており、{offer}の導入支援を行っています。",
        "{offer}と{need}を組み合わせたソリューションを中小企業に提供しています。",
        "タイの工場で{need}の実証を計画しており、現地パートナーを探しています。",
    ],
    "en": [
        "We build {offer} solutions for {group} manufacturers and look for partners in {need}.",
        "Our team deploys {offer} in factories across Southeast Asia.",
        "A {group} supplier that wants to adopt {need} on its production lines.",
    ],
}


def synthetic_organisations_create(n: int, *, seed: int = 2018) -> int:
    """N clearly synthetic organisations (external ids syn-…) with profiles written
    from the taxonomy in Thai, Japanese or English, for load and benchmark work."""
    rng = random.Random(seed)
    concepts = list(Concept.objects.all())
    groups = list(IndustryGroup.objects.all())
    provinces = list(Province.objects.all())
    countries = {c.code: c for c in Country.objects.all()}
    existing = set(Organisation.objects.filter(external_id__startswith="syn-").values_list("external_id", flat=True))
    new = []
    plans = []
    for i in range(n):
        external_id = f"syn-{i:06d}"
        if external_id in existing:
            continue
        lang = rng.choices(["th", "ja", "en"], weights=[5, 3, 2])[0]
        country = {"th": "TH", "ja": "JP"}.get(lang) or rng.choice(["SG", "VN", "US", "DE", "KR"])
        group = rng.choice(groups)
        offered = rng.sample(concepts, 3)
        needed = rng.sample(concepts, 2)
        province = rng.choice(provinces) if country == "TH" else None
        text = rng.choice(_TEMPLATES[lang]).format(
            group=group.label(lang), offer=offered[0].label(lang), need=needed[0].label(lang),
            province=province.label(lang) if province else "",
        )
        kind = rng.choice(["company", "company", "startup", "investor", "university"])
        name = {"th": f"บริษัท สังเคราะห์ {i} จำกัด", "ja": f"合成テスト工業{i}株式会社", "en": f"Synthetic Works {i}"}[lang]
        new.append(
            Organisation(
                external_id=external_id, kind=kind, name=name, country=countries[country],
                languages=[lang], industry_group=group, province=province,
                size=rng.choice(["micro", "small", "medium", "large"]), description=text,
                description_language=lang, founded=rng.randint(1960, 2018),
            )
        )
        plans.append((offered, needed))
    Organisation.objects.bulk_create(new, batch_size=1000)
    created = {o.external_id: o for o in Organisation.objects.filter(external_id__in=[o.external_id for o in new])}
    Offered = Organisation.technologies_offered.through
    Needed = Organisation.technologies_needed.through
    offered_rows, needed_rows = [], []
    for org, (offered, needed) in zip(new, plans, strict=True):
        pk = created[org.external_id].pk
        offered_rows += [Offered(organisation_id=pk, concept_id=c.pk) for c in offered]
        needed_rows += [Needed(organisation_id=pk, concept_id=c.pk) for c in needed]
    Offered.objects.bulk_create(offered_rows, batch_size=5000)
    Needed.objects.bulk_create(needed_rows, batch_size=5000)
    batch = []
    for org in Organisation.objects.filter(pk__in=[o.pk for o in created.values()]).select_related(
        "industry_group", "province"
    ).prefetch_related("technologies_offered", "technologies_needed"):
        batch.append(org)
        if len(batch) == 500:
            organisations_index(batch)
            batch = []
    if batch:
        organisations_index(batch)
    return len(new)
