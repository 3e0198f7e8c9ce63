"""The columns of the organisation spreadsheet and how a file's header row maps onto them.

The column table serves the import (headers in Thai, Japanese or English, or the
English keys), the export (headers in the reader's language) and docs/import.md.
Headers and value names are data here, not gettext messages, so that a file
written in Thai is read the same whatever language the importing officer uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from kizuna.common.tables import Table, synonym_index
from kizuna.organisations.imports.files import Problem


@dataclass(frozen=True)
class Column:
    key: str
    headers: dict[str, str]  # lang -> header written on export
    aliases: tuple[str, ...] = ()
    required: bool = False
    multiple: bool = False  # a `;`-separated list

    def accepted(self) -> list[str]:
        return list(
            dict.fromkeys(
                [
                    self.key,
                    self.headers["en"],
                    self.headers["th"],
                    self.headers["ja"],
                    *self.aliases,
                ]
            )
        )


def _c(key, en, th, ja, *aliases, required=False, multiple=False) -> Column:
    return Column(key, {"en": en, "th": th, "ja": ja}, tuple(aliases), required, multiple)


COLUMNS: tuple[Column, ...] = (
    _c(
        "external_id",
        "External ID",
        "รหัสอ้างอิง",
        "外部ID",
        "รหัสภายนอก",
        "外部コード",
        "External identifier",
        required=True,
    ),
    _c("kind", "Kind", "ประเภท", "種別", "Type", "ประเภทองค์กร", "組織種別", "区分", required=True),
    _c(
        "name",
        "Name",
        "ชื่อ",
        "名称",
        "ชื่อองค์กร",
        "組織名",
        "Organisation name",
        "Organization name",
        required=True,
    ),
    _c("name_th", "Name in Thai", "ชื่อภาษาไทย", "名称（タイ語）", "Thai name", "タイ語名"),
    _c("name_ja", "Name in Japanese", "ชื่อภาษาญี่ปุ่น", "名称（日本語）", "Japanese name", "日本語名"),
    _c("name_en", "Name in English", "ชื่อภาษาอังกฤษ", "名称（英語）", "English name", "英語名"),
    _c("country", "Country", "ประเทศ", "国", "国名", "所在国", required=True),
    _c(
        "languages",
        "Languages spoken",
        "ภาษาที่ใช้",
        "使用言語",
        "Languages",
        "ภาษา",
        "言語",
        multiple=True,
    ),
    _c(
        "industry_group",
        "Industry group",
        "กลุ่มอุตสาหกรรม",
        "業種グループ",
        "業種",
        "Industry",
        "FTI industry group",
    ),
    _c(
        "technologies_offered",
        "Technologies offered",
        "เทคโนโลยีที่เสนอ",
        "提供技術",
        "เทคโนโลยีที่มี",
        "提供できる技術",
        multiple=True,
    ),
    _c(
        "technologies_needed",
        "Technologies needed",
        "เทคโนโลยีที่ต้องการ",
        "必要技術",
        "求める技術",
        multiple=True,
    ),
    _c("province", "Province", "จังหวัด", "県（タイ）", "タイの県", "Province in Thailand"),
    _c("region", "Region", "ภูมิภาค", "地域", "City or prefecture", "都道府県", "所在地", "เมือง"),
    _c(
        "countries_served",
        "Countries served",
        "ประเทศที่ให้บริการ",
        "対象国",
        "Markets",
        "ตลาดต่างประเทศ",
        "進出国",
        multiple=True,
    ),
    _c("size", "Size", "ขนาดองค์กร", "規模", "ขนาด", "企業規模"),
    _c("website", "Website", "เว็บไซต์", "ウェブサイト", "URL", "Web site", "ホームページ"),
    _c("description", "Description", "รายละเอียด", "概要", "คำอธิบาย", "説明", "事業内容"),
    _c(
        "description_language",
        "Language of the description",
        "ภาษาของรายละเอียด",
        "概要の言語",
        "説明の言語",
        "Description language",
    ),
    _c(
        "registration_number",
        "Registration number",
        "เลขทะเบียนนิติบุคคล",
        "法人番号",
        "เลขทะเบียน",
        "เลขประจำตัวผู้เสียภาษี",
        "Corporate number",
        "Juristic person ID",
        "登記番号",
    ),
    _c("founded", "Year founded", "ปีที่ก่อตั้ง", "設立年", "Founded", "ปีก่อตั้ง", "設立"),
    _c("contact_name", "Contact name", "ชื่อผู้ติดต่อ", "担当者名", "Contact", "ผู้ติดต่อ", "担当者"),
    _c("contact_title", "Contact position", "ตำแหน่งผู้ติดต่อ", "担当者役職", "Contact title"),
    _c(
        "contact_email",
        "Contact e-mail",
        "อีเมลผู้ติดต่อ",
        "担当者メール",
        "Contact email",
        "担当者メールアドレス",
    ),
    _c(
        "contact_phone",
        "Contact phone",
        "โทรศัพท์ผู้ติดต่อ",
        "担当者電話番号",
        "担当者電話",
        "เบอร์โทรผู้ติดต่อ",
    ),
    _c("contact_language", "Contact language", "ภาษาของผู้ติดต่อ", "担当者の言語"),
    _c(
        "consent_programme",
        "Consent: programme communication",
        "ยินยอมรับข่าวสารโครงการ",
        "同意：事業連絡",
        "consent programme",
    ),
    _c(
        "consent_matching",
        "Consent: contact shown to matched partners",
        "ยินยอมเปิดเผยข้อมูลติดต่อแก่คู่ที่จับคู่",
        "同意：マッチング相手への連絡先開示",
        "consent matching",
    ),
)
COLUMNS_BY_KEY = {c.key: c for c in COLUMNS}
REQUIRED = tuple(c.key for c in COLUMNS if c.required)
CONTACT_KEYS = (
    "contact_name",
    "contact_title",
    "contact_email",
    "contact_phone",
    "contact_language",
    "consent_programme",
    "consent_matching",
)
ORGANISATION_KEYS = tuple(c.key for c in COLUMNS if c.key not in CONTACT_KEYS)


HEADER_ALIASES: dict[str, str] = synonym_index({c.key: c.accepted() for c in COLUMNS})


# Names of coded values in the three languages (first one is written on export),
# followed by further accepted words.
KIND_NAMES = {
    "company": {"en": "Company", "th": "บริษัท", "ja": "企業", "more": ("会社", "บริษัทเอกชน", "SME")},
    "startup": {
        "en": "Startup",
        "th": "สตาร์ทอัพ",
        "ja": "スタートアップ",
        "more": ("start-up", "สตาร์ตอัป", "สตาร์ตอัพ", "ベンチャー"),
    },
    "university": {"en": "University", "th": "มหาวิทยาลัย", "ja": "大学", "more": ("สถาบันการศึกษา",)},
    "investor": {"en": "Investor", "th": "นักลงทุน", "ja": "投資家", "more": ("ผู้ลงทุน", "投資会社")},
    "agency": {
        "en": "Agency",
        "th": "หน่วยงาน",
        "ja": "機関",
        "more": ("หน่วยงานรัฐ", "政府機関", "Government agency"),
    },
}
SIZE_NAMES = {
    "micro": {"en": "Micro", "th": "วิสาหกิจรายย่อย", "ja": "零細", "more": ("รายย่อย", "零細企業")},
    "small": {"en": "Small", "th": "ขนาดเล็ก", "ja": "小規模", "more": ("小企業",)},
    "medium": {"en": "Medium", "th": "ขนาดกลาง", "ja": "中規模", "more": ("中企業", "中堅")},
    "large": {"en": "Large", "th": "ขนาดใหญ่", "ja": "大規模", "more": ("大企業",)},
}
LANGUAGE_NAMES = {
    "th": {"en": "Thai", "th": "ไทย", "ja": "タイ語", "more": ("ภาษาไทย", "tha")},
    "ja": {"en": "Japanese", "th": "ญี่ปุ่น", "ja": "日本語", "more": ("ภาษาญี่ปุ่น", "jpn")},
    "en": {"en": "English", "th": "อังกฤษ", "ja": "英語", "more": ("ภาษาอังกฤษ", "eng")},
}
YES_WORDS = ("yes", "y", "true", "1", "ใช่", "ยินยอม", "はい", "同意", "同意する", "✓", "○", "x")
NO_WORDS = ("no", "n", "false", "0", "ไม่", "ไม่ใช่", "ไม่ยินยอม", "いいえ", "不同意", "同意しない", "×")
YES_NO_NAMES = {
    True: {"en": "yes", "th": "ใช่", "ja": "はい"},
    False: {"en": "no", "th": "ไม่", "ja": "いいえ"},
}


# ---------------------------------------------------------------------------
# The header row


def headers_map(table: Table) -> tuple[dict[str, int], list[Problem]]:
    """Column key -> index in the table, and the problems of the header row."""
    columns = table.columns(HEADER_ALIASES)
    row = table.header_row
    problems: list[Problem] = []
    for issue in columns.issues:
        if issue.kind == "unnamed":
            message = _(
                "Column %(letter)s has values (first in row %(row)d) but no header. Write its header in row %(header_row)d or delete the column."
            ) % {"letter": _column_letter(issue.index), "row": issue.first_row, "header_row": row}
        elif issue.kind == "unknown":
            message = _(
                "The column “%(header)s” is not known. Accepted columns are %(accepted)s, or their Thai, Japanese or English headers (see docs/import.md)."
            ) % {
                "header": table.headers[issue.index],
                "accepted": ", ".join(c.key for c in COLUMNS),
            }
        else:
            message = _(
                "The columns “%(first)s” and “%(second)s” both mean %(key)s; keep only one of them."
            ) % {
                "first": table.headers[columns.found[issue.key]],
                "second": table.headers[issue.index],
                "key": issue.key,
            }
        problems.append(Problem(row, "", "", message))
    for key in REQUIRED:
        if key in columns.found:
            continue
        accepted = ", ".join(f"“{h}”" for h in COLUMNS_BY_KEY[key].accepted())
        if key == "external_id":
            message = _(
                "The required column external_id is missing. It holds a stable identifier of each organisation, "
                "so that importing the file again updates the organisations instead of adding them twice. "
                "Its header can be written as %(accepted)s."
            ) % {"accepted": accepted}
        else:
            message = _(
                "The required column %(key)s is missing. Its header can be written as %(accepted)s."
            ) % {
                "key": key,
                "accepted": accepted,
            }
        problems.append(Problem(row, "", "", message))
    return columns.found, problems


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
