"""The three programmes of the 2018 round and the demo accounts, as data."""

from __future__ import annotations

import datetime as dt

PROGRAMMES = [
    {
        "code": "big-brother-2018",
        "kind": "mentoring",
        "year": 2018,
        "name_th": "โครงการพี่ช่วยน้อง (Big Brother) 2561",
        "name_ja": "ビッグブラザー・プログラム（先輩企業による技術支援）2018",
        "name_en": "Big Brother mentoring programme 2018",
        # no counts in the summaries: the cards and pages count the participants from the data
        "summary_th": "บริษัทญี่ปุ่นถ่ายทอดเทคโนโลยี โดยเฉพาะ IoT ให้ SMEs ไทยจากกลุ่มอุตสาหกรรมต่าง ๆ ของ ส.อ.ท. และเชื่อมต่อสู่กลุ่มประเทศ CLMV",
        "summary_ja": "日本企業がIoTを中心とする技術を、タイ工業連盟（FTI）の各業種のタイ中小企業に移転し、CLMV諸国へとつなげます。",
        "summary_en": "Japanese companies transfer technology, IoT first, to Thai SMEs from the industry groups of the Federation of Thai Industries, and on to CLMV.",
        "agencies": ["ag-moi", "ag-dip", "ag-fti", "ag-meti"],
        "phases": [
            ("รับสมัครและคัดเลือก", "募集・選考", "Call and selection", dt.date(2018, 4, 1), dt.date(2018, 5, 31)),
            ("จับคู่", "マッチング", "Matching", dt.date(2018, 6, 1), dt.date(2018, 7, 15)),
            ("ถ่ายทอดเทคโนโลยี", "技術移転", "Technology transfer", dt.date(2018, 7, 16), dt.date(2019, 3, 31)),
            ("ขยายสู่ CLMV", "CLMVへの展開", "Onward to CLMV", dt.date(2019, 4, 1), dt.date(2019, 12, 31)),
        ],
    },
    {
        "code": "columbus-2018",
        "kind": "startup_matching",
        "year": 2018,
        "name_th": "โครงการ Open Innovation Columbus 2561",
        "name_ja": "オープンイノベーション・コロンバス 2018",
        "name_en": "Open Innovation Columbus 2018",
        "summary_th": "คณะกรรมการคัดเลือกสตาร์ทอัพไทย เพื่อจับคู่ธุรกิจกับสตาร์ทอัพญี่ปุ่นและต่างประเทศ โดยมี EECi เป็นศูนย์กลางนวัตกรรม",
        "summary_ja": "委員会がタイのスタートアップを選定し、EECiを拠点に日本および海外のスタートアップとのビジネスマッチングを行います。",
        "summary_en": "A committee selects Thai startups for business matching with Japanese and other foreign startups around the EECi innovation hub.",
        "agencies": ["ag-moi", "ag-boi", "ag-eeci", "ag-meti"],
        "phases": [
            ("รับสมัคร", "募集", "Applications", dt.date(2018, 5, 1), dt.date(2018, 6, 30)),
            ("คัดเลือกโดยคณะกรรมการ", "委員会による選考", "Committee selection", dt.date(2018, 7, 1), dt.date(2018, 7, 31)),
            ("จับคู่ธุรกิจ", "ビジネスマッチング", "Business matching", dt.date(2018, 8, 1), dt.date(2018, 11, 30)),
        ],
    },
    {
        "code": "flex-campus-2018",
        "kind": "training",
        "year": 2018,
        "name_th": "โครงการ Flex Campus 2561",
        "name_ja": "フレックス・キャンパス 2018",
        "name_en": "Flex Campus 2018",
        "summary_th": "มหาวิทยาลัยญี่ปุ่นร่วมกับนักลงทุนไทยพัฒนาวิศวกรและนักศึกษาอาชีวะเพื่อรองรับอุตสาหกรรม 4.0 เริ่มในพื้นที่ EEC",
        "summary_ja": "日本の大学とタイの投資家が、EECを起点にインダストリー4.0に対応するエンジニアと職業訓練生を育成します。",
        "summary_en": "Japanese universities and Thai investors develop engineers and vocational students for Industry 4.0, starting in the Eastern Economic Corridor.",
        "agencies": ["ag-dip", "ag-emb-jp"],
        "phases": [
            ("ออกแบบหลักสูตร", "カリキュラム設計", "Curriculum design", dt.date(2018, 6, 1), dt.date(2018, 9, 30)),
            ("รุ่นที่ 1", "第1期", "First cohort", dt.date(2018, 10, 1), dt.date(2019, 9, 30)),
        ],
    },
]



def current_programme_spec(published: dt.date) -> dict:
    """This year's Big Brother programme, as the mentoring demo makes it
    (mentoring/demo.py): its round was published on `published`, at the end of the
    matching phase; the year is that day's."""
    year = published.year
    day = dt.timedelta(days=1)
    return {
        "code": f"big-brother-{year}",
        "kind": "mentoring",
        "year": year,
        "name_th": f"โครงการพี่ช่วยน้อง (Big Brother) {year + 543}",
        "name_ja": f"ビッグブラザー・プログラム {year}",
        "name_en": f"Big Brother mentoring programme {year}",
        "summary_th": "บริษัทญี่ปุ่นถ่ายทอดเทคโนโลยีการผลิตอัจฉริยะและ IoT ให้ SMEs ไทยกลุ่มใหม่ ต่อยอดจากผลของรุ่นปี 2561",
        "summary_ja": "日本企業が、スマート製造とIoTの技術を新たなタイ中小企業に移転します。2018年度の成果を引き継ぐプログラムです。",
        "summary_en": "Japanese companies transfer smart-manufacturing and IoT technology to a new group of Thai SMEs, building on the 2018 round.",
        "phases": [
            ("รับสมัครและคัดเลือก", "募集・選考", "Call and selection", published - 100 * day, published - 46 * day),
            ("จับคู่", "マッチング", "Matching", published - 45 * day, published + 20 * day),
            ("ถ่ายทอดเทคโนโลยี", "技術移転", "Technology transfer", published + 21 * day, published + 300 * day),
            ("ขยายสู่ CLMV", "CLMVへの展開", "Onward to CLMV", published + 301 * day, published + 480 * day),
        ],
    }


# the "programme" key of a demo organisation -> the programme it takes part in
PROGRAMME_OF = {"big_brother": "big-brother-2018", "columbus": "columbus-2018", "flex_campus": "flex-campus-2018"}

# username, role, language, organisation external id (or None), full name
ACCOUNTS = [
    ("officer", "officer", "th", "ag-dip", "Somchai Srisuk"),
    ("viewer", "ministry_viewer", "ja", "ag-meti", "Sato Haruka"),
    ("sme", "company_rep", "th", None, "Nattaya Chaiyaporn"),
    ("mentor", "company_rep", "ja", None, "Tanaka Kenji"),
    ("reviewer", "reviewer", "en", None, "Alex Morgan"),
    ("coordinator", "training_coordinator", "ja", None, "Yamamoto Aiko"),
    ("trainee", "trainee", "th", None, "Kittipong Wongsa"),
]
DEMO_PASSWORD_SUFFIX = "-kizuna-2561"
