"""Demo contact persons: two fictional people for every demo organisation, named in
the organisation's language with an English name, with a position, e-mail, phone,
the languages they speak and their consent per purpose (PDPA / APPI).

Consent is not given by everyone, so that its enforcement shows: every person
agrees to programme communication, but the first person of every fifth
organisation and the second of every third did not agree to being shown to matched
partners (ConsentPurpose.MATCHING), so a partner sees one person, both or none,
while officers see everyone with those the partner does not see marked.
`demo_contacts_create` is called by `kizuna demo` (programmes/demo.py) and for the
Vietnamese company of the mentoring demo; organisations that already have contact
persons are left as they are, so running it again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from kizuna.organisations.enums import ConsentPurpose
from kizuna.organisations.models import Consent, ContactPerson, Organisation

SOURCE = "demo data"

# (own-language given name, family name) pairs with their romanisation; all fictional
THAI_GIVEN = (("สมชาย", "Somchai"), ("สุภาพร", "Supaporn"), ("วิชัย", "Wichai"), ("นภา", "Napa"),
              ("ธนพล", "Thanaphon"), ("กมลวรรณ", "Kamonwan"), ("ประเสริฐ", "Prasert"), ("อรุณี", "Arunee"),
              ("ชัยวัฒน์", "Chaiwat"), ("พิมพ์ชนก", "Phimchanok"), ("อนุชา", "Anucha"), ("ศิริพร", "Siriporn"),
              ("ณัฐพล", "Natthaphon"), ("วราภรณ์", "Waraporn"), ("สุรเชษฐ์", "Surachet"), ("จันทร์เพ็ญ", "Chanphen"))
THAI_FAMILY = (("วงศ์ใหญ่", "Wongyai"), ("แสงทอง", "Saengthong"), ("บุญมา", "Boonma"), ("ทองดี", "Thongdee"),
               ("เจริญผล", "Charoenphon"), ("สุขเจริญ", "Sukcharoen"), ("พงษ์ไพบูลย์", "Phongphaibun"),
               ("รัตนวงศ์", "Rattanawong"), ("มณีรัตน์", "Manirat"), ("กิตติวงศ์", "Kittiwong"),
               ("อินทร์แก้ว", "Inkaew"), ("ศรีวิไล", "Sriwilai"), ("ปัญญาดี", "Panyadee"))
JAPANESE_FAMILY = (("佐藤", "Sato"), ("鈴木", "Suzuki"), ("高橋", "Takahashi"), ("伊藤", "Ito"),
                   ("渡辺", "Watanabe"), ("中村", "Nakamura"), ("小林", "Kobayashi"), ("加藤", "Kato"),
                   ("吉田", "Yoshida"), ("山口", "Yamaguchi"), ("松本", "Matsumoto"), ("井上", "Inoue"),
                   ("木村", "Kimura"), ("清水", "Shimizu"), ("森", "Mori"), ("池田", "Ikeda"), ("橋本", "Hashimoto"))
JAPANESE_GIVEN = (("健一", "Kenichi"), ("美咲", "Misaki"), ("大輔", "Daisuke"), ("陽子", "Yoko"), ("翔太", "Shota"),
                  ("由美", "Yumi"), ("誠", "Makoto"), ("直子", "Naoko"), ("拓也", "Takuya"), ("恵", "Megumi"),
                  ("浩二", "Koji"), ("彩", "Aya"), ("隆", "Takashi"))
OTHER_NAMES = {  # country -> two (name, English name) pairs
    "VN": (("Nguyễn Văn Minh", "Nguyen Van Minh"), ("Trần Thị Lan", "Tran Thi Lan")),
    "SG": (("Rachel Lim", ""), ("Marcus Tan", "")),
    "KR": (("박지우", "Park Ji-woo"), ("김민준", "Kim Min-jun")),
    "IL": (("Noa Levi", ""), ("Eitan Cohen", "")),
    "DE": (("Jonas Weber", ""), ("Lena Fischer", "")),
    "US": (("Sam Carter", ""), ("Maria Lopez", "")),
    "TW": (("陳威廷", "Chen Wei-ting"), ("林怡君", "Lin Yi-chun")),
    "FR": (("Claire Martin", ""), ("Hugo Bernard", "")),
    "IN": (("Arjun Mehta", ""), ("Priya Nair", "")),
}
DEFAULT_OTHER = (("Alex Morgan-Lee", ""), ("Jordan Reyes", ""))

# positions by organisation kind and language: (first person, second person)
POSITIONS = {
    "th": {"company": ("กรรมการผู้จัดการ", "ผู้จัดการฝ่ายวิศวกรรมและซ่อมบำรุง"),
           "startup": ("ผู้ก่อตั้งและประธานเจ้าหน้าที่บริหาร", "ผู้จัดการฝ่ายพัฒนาธุรกิจ"),
           "agency": ("ผู้อำนวยการกอง", "นักวิชาการอุตสาหกรรมชำนาญการ"),
           "investor": ("ผู้อำนวยการฝ่ายลงทุน", "นักวิเคราะห์การลงทุน"),
           "university": ("คณบดี", "ผู้ประสานงานโครงการ")},
    "ja": {"company": ("海外事業部 部長", "生産技術部 課長"),
           "startup": ("代表取締役CEO", "事業開発マネージャー"),
           "agency": ("アジア課 課長", "アジア課 係長"),
           "investor": ("投資部 部長", "アナリスト"),
           "university": ("工学部 教授", "国際連携室 コーディネーター")},
    "en": {"company": ("Managing Director", "Head of Engineering"),
           "startup": ("Founder and CEO", "Head of Business Development"),
           "agency": ("Director", "Programme Officer"),
           "investor": ("Investment Director", "Investment Analyst"),
           "university": ("Dean", "Programme Coordinator")},
}
SPOKEN = {  # language -> languages spoken by the first and the second person, by organisation index parity
    "th": ((["th", "en"], ["th"]), (["th", "en", "ja"], ["th", "en"])),
    "ja": ((["ja", "en"], ["ja"]), (["ja", "en", "th"], ["ja", "en"])),
    "en": ((["en"], ["en"]), (["en"], ["en"])),
}


def _language_of(org: Organisation) -> str:
    return {"TH": "th", "JP": "ja"}.get(org.country_id, "en")


def _domain_of(org: Organisation) -> str:
    host = urlsplit(org.website or "").hostname or ""
    return host.removeprefix("www.") or f"{org.external_id.lower()}.example"


def _phone(country: str, index: int, person: int) -> str:
    n = 1000 + (index * 37 + person * 613) % 9000
    if country == "TH":
        return f"+66 2 555 {n}" if person == 0 else f"+66 81 555 {n}"
    if country == "JP":
        return f"+81 3-5555-{n}" if person == 0 else f"+81 90-5555-{n}"
    return f"+{ {'VN': 84, 'SG': 65, 'KR': 82, 'IL': 972, 'DE': 49, 'US': 1, 'TW': 886, 'FR': 33, 'IN': 91}.get(country, 44) } 555 {n}"


def demo_people(org: Organisation, index: int) -> list[dict]:
    """The two demo contact persons of `org` (the index-th demo organisation), as
    ContactPerson fields plus "consents" ({purpose: granted})."""
    lang = _language_of(org)
    domain = _domain_of(org)
    people = []
    for person in (0, 1):
        k = index * 2 + person
        if lang == "th":
            (given, given_en), (family, family_en) = THAI_GIVEN[k % len(THAI_GIVEN)], THAI_FAMILY[(k * 5) % len(THAI_FAMILY)]
            name, name_en, local = f"{given} {family}", f"{given_en} {family_en}", given_en.lower()
        elif lang == "ja":
            (family, family_en), (given, given_en) = JAPANESE_FAMILY[k % len(JAPANESE_FAMILY)], \
                JAPANESE_GIVEN[(k * 5) % len(JAPANESE_GIVEN)]
            name, name_en, local = f"{family} {given}", f"{family_en} {given_en}", family_en.lower()
        else:
            name, name_en = OTHER_NAMES.get(org.country_id, DEFAULT_OTHER)[person]
            local = (name_en or name).split()[0].lower()
        positions = POSITIONS[lang].get(org.kind, POSITIONS[lang]["company"])
        people.append({
            "name": name, "name_en": name_en, "title": positions[person],
            "email": f"{local}.{k % 97:02d}@{domain}", "phone": _phone(org.country_id, index, person),
            "language": lang, "languages": SPOKEN[lang][index % 2][person],
            "consents": {
                ConsentPurpose.PROGRAMME: True,
                ConsentPurpose.MATCHING: not (index % 5 == 2 if person == 0 else index % 3 == 0),
                ConsentPurpose.NEWSLETTER: (index + person) % 2 == 0,
            },
        })
    return people


def demo_contacts_create(organisations: Iterable[Organisation]) -> int:
    """Give each organisation without contact persons its two demo people (see the
    module's docstring), in the order given; the number of persons created."""
    orgs = sorted(organisations, key=lambda o: o.external_id)
    with_contacts = set(ContactPerson.objects.filter(organisation__in=orgs).values_list("organisation_id", flat=True))
    created = 0
    for index, org in enumerate(orgs):
        if org.pk in with_contacts:
            continue
        for spec in demo_people(org, index):
            consents = spec.pop("consents")
            person = ContactPerson.objects.create(organisation=org, **spec)
            Consent.objects.bulk_create(Consent(contact=person, purpose=purpose, granted=granted, source=SOURCE)
                                        for purpose, granted in consents.items())
            created += 1
    return created
