"""Writes industry_groups.json, provinces.json and countries.json (src/kizuna/data/).

Run: PYTHONPATH=src .venv/bin/python src/kizuna/data/_build/build_reference.py [groups|provinces|countries]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1]


def _write(name: str, payload: dict) -> None:
    path = DATA / name
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    key = next(k for k in payload if k != "version")
    print(f"{path}: {len(payload[key])} {key}")


# --------------------------------------------------------------------------- FTI industry groups
# Thai names are the FTI industry groups (กลุ่มอุตสาหกรรม) as FTI writes them; English follows
# FTI's own "... Industry Club"; Japanese follows the usual JETRO/JCC rendering "…部会".
GROUPS = [
    ("auto_parts", "Auto Parts Industry Club", "กลุ่มอุตสาหกรรมชิ้นส่วนและอะไหล่ยานยนต์", "自動車部品部会",
     "metal_stamping mold_and_die precision_machining robotic_welding surface_treatment heat_treatment die_casting forging "
     "machine_monitoring predictive_maintenance kaizen_tps smed quality_management spc visual_inspection mes traceability "
     "plc_retrofit ev_components automotive_electronics"),
    ("electrical_electronics", "Electrical and Electronics Industry Club", "กลุ่มอุตสาหกรรมไฟฟ้าและอิเล็กทรอนิกส์", "電気電子部会",
     "pcb_assembly embedded_systems automotive_electronics machine_vision visual_inspection cleanroom mes traceability spc "
     "robotics cobots industrial_sensors inverter_motors energy_management ot_cybersecurity"),
    ("food", "Food Processing Industry Club", "กลุ่มอุตสาหกรรมอาหาร", "食品部会",
     "food_processing_automation food_safety_haccp food_preservation traceability cold_chain packaging_automation "
     "machine_vision energy_management waste_heat_recovery water_treatment biomass_biogas halal demand_forecasting rfid"),
    ("plastics", "Plastic Industry Club", "กลุ่มอุตสาหกรรมพลาสติก", "プラスチック部会",
     "injection_moulding extrusion_blow_moulding mold_and_die polymer_materials cae_simulation machine_monitoring "
     "energy_management compressed_air_efficiency robotics visual_inspection quality_management recycling_circular "
     "sustainable_packaging"),
    ("rubber", "Rubber Industry Club", "กลุ่มอุตสาหกรรมยาง", "ゴム部会",
     "rubber_processing mold_and_die process_control quality_management spc traceability energy_management "
     "waste_heat_recovery biomass_biogas water_treatment machine_monitoring"),
    ("machinery", "Machinery Industry Club", "กลุ่มอุตสาหกรรมเครื่องจักรกล", "機械部会",
     "precision_machining cad_cam cae_simulation plc_control plc_retrofit factory_automation robotics additive_manufacturing "
     "metrology industrial_sensors condition_monitoring embedded_systems digital_twin"),
    ("petrochemical", "Petrochemical Industry Club", "กลุ่มอุตสาหกรรมปิโตรเคมี", "石油化学部会",
     "process_control process_safety scada condition_monitoring predictive_maintenance ot_cybersecurity energy_management "
     "cogeneration water_treatment carbon_accounting polymer_materials digital_twin"),
    ("medical_devices", "Medical Device Industry Club", "กลุ่มอุตสาหกรรมผู้ผลิตเครื่องมือแพทย์", "医療機器部会",
     "medical_devices cleanroom sterilisation quality_management traceability injection_moulding pharma_gmp "
     "lab_automation embedded_systems metrology rfid"),
    ("textiles", "Textile Industry Club", "กลุ่มอุตสาหกรรมสิ่งทอ", "繊維部会",
     "textile_production machine_monitoring production_scheduling visual_inspection energy_management waste_heat_recovery "
     "water_treatment erp recycling_circular ecommerce"),
    ("furniture", "Furniture Industry Club", "กลุ่มอุตสาหกรรมเฟอร์นิเจอร์", "家具部会",
     "woodworking cad_cam production_management production_scheduling lean_automation five_s surface_treatment "
     "inventory_management erp ecommerce recycling_circular"),
    ("printing_packaging", "Printing and Packaging Industry Club", "กลุ่มอุตสาหกรรมการพิมพ์และบรรจุภัณฑ์", "印刷・包装部会",
     "printing_technology packaging_automation sustainable_packaging extrusion_blow_moulding machine_vision visual_inspection "
     "mes production_scheduling erp energy_management traceability rfid"),
]


def groups() -> dict:
    return {"version": 1, "groups": [
        {"code": code, "labels": {"en": en, "th": th, "ja": ja}, "related_concepts": rel.split()}
        for code, en, th, ja, rel in GROUPS
    ]}


# --------------------------------------------------------------------------- provinces
# Regions: the six geographical regions of the Royal Society of Thailand (north, northeast,
# central, east, west, south), with Bangkok on its own.
PROVINCES = """
TH-10|Bangkok|กรุงเทพมหานคร|バンコク都|bangkok
TH-11|Samut Prakan|สมุทรปราการ|サムットプラーカーン県|central
TH-12|Nonthaburi|นนทบุรี|ノンタブリー県|central
TH-13|Pathum Thani|ปทุมธานี|パトゥムターニー県|central
TH-14|Phra Nakhon Si Ayutthaya|พระนครศรีอยุธยา|アユタヤ県|central
TH-15|Ang Thong|อ่างทอง|アーントーン県|central
TH-16|Lopburi|ลพบุรี|ロッブリー県|central
TH-17|Sing Buri|สิงห์บุรี|シンブリー県|central
TH-18|Chai Nat|ชัยนาท|チャイナート県|central
TH-19|Saraburi|สระบุรี|サラブリー県|central
TH-20|Chonburi|ชลบุรี|チョンブリー県|east
TH-21|Rayong|ระยอง|ラヨーン県|east
TH-22|Chanthaburi|จันทบุรี|チャンタブリー県|east
TH-23|Trat|ตราด|トラート県|east
TH-24|Chachoengsao|ฉะเชิงเทรา|チャチューンサオ県|east
TH-25|Prachinburi|ปราจีนบุรี|プラーチーンブリー県|east
TH-26|Nakhon Nayok|นครนายก|ナコーンナーヨック県|central
TH-27|Sa Kaeo|สระแก้ว|サケーオ県|east
TH-30|Nakhon Ratchasima|นครราชสีมา|ナコーンラーチャシーマー県|northeast
TH-31|Buriram|บุรีรัมย์|ブリーラム県|northeast
TH-32|Surin|สุรินทร์|スリン県|northeast
TH-33|Sisaket|ศรีสะเกษ|シーサケート県|northeast
TH-34|Ubon Ratchathani|อุบลราชธานี|ウボンラーチャターニー県|northeast
TH-35|Yasothon|ยโสธร|ヤソートーン県|northeast
TH-36|Chaiyaphum|ชัยภูมิ|チャイヤプーム県|northeast
TH-37|Amnat Charoen|อำนาจเจริญ|アムナートチャルーン県|northeast
TH-38|Bueng Kan|บึงกาฬ|ブンカーン県|northeast
TH-39|Nong Bua Lamphu|หนองบัวลำภู|ノーンブアラムプー県|northeast
TH-40|Khon Kaen|ขอนแก่น|コーンケン県|northeast
TH-41|Udon Thani|อุดรธานี|ウドーンターニー県|northeast
TH-42|Loei|เลย|ルーイ県|northeast
TH-43|Nong Khai|หนองคาย|ノーンカーイ県|northeast
TH-44|Maha Sarakham|มหาสารคาม|マハーサーラカーム県|northeast
TH-45|Roi Et|ร้อยเอ็ด|ローイエット県|northeast
TH-46|Kalasin|กาฬสินธุ์|カーラシン県|northeast
TH-47|Sakon Nakhon|สกลนคร|サコンナコーン県|northeast
TH-48|Nakhon Phanom|นครพนม|ナコーンパノム県|northeast
TH-49|Mukdahan|มุกดาหาร|ムクダーハーン県|northeast
TH-50|Chiang Mai|เชียงใหม่|チェンマイ県|north
TH-51|Lamphun|ลำพูน|ランプーン県|north
TH-52|Lampang|ลำปาง|ランパーン県|north
TH-53|Uttaradit|อุตรดิตถ์|ウッタラディット県|north
TH-54|Phrae|แพร่|プレー県|north
TH-55|Nan|น่าน|ナーン県|north
TH-56|Phayao|พะเยา|パヤオ県|north
TH-57|Chiang Rai|เชียงราย|チェンライ県|north
TH-58|Mae Hong Son|แม่ฮ่องสอน|メーホンソーン県|north
TH-60|Nakhon Sawan|นครสวรรค์|ナコーンサワン県|central
TH-61|Uthai Thani|อุทัยธานี|ウタイターニー県|central
TH-62|Kamphaeng Phet|กำแพงเพชร|カムペーンペット県|central
TH-63|Tak|ตาก|ターク県|west
TH-64|Sukhothai|สุโขทัย|スコータイ県|central
TH-65|Phitsanulok|พิษณุโลก|ピッサヌローク県|central
TH-66|Phichit|พิจิตร|ピチット県|central
TH-67|Phetchabun|เพชรบูรณ์|ペッチャブーン県|central
TH-70|Ratchaburi|ราชบุรี|ラーチャブリー県|west
TH-71|Kanchanaburi|กาญจนบุรี|カーンチャナブリー県|west
TH-72|Suphanburi|สุพรรณบุรี|スパンブリー県|central
TH-73|Nakhon Pathom|นครปฐม|ナコーンパトム県|central
TH-74|Samut Sakhon|สมุทรสาคร|サムットサーコーン県|central
TH-75|Samut Songkhram|สมุทรสงคราม|サムットソンクラーム県|central
TH-76|Phetchaburi|เพชรบุรี|ペッチャブリー県|west
TH-77|Prachuap Khiri Khan|ประจวบคีรีขันธ์|プラチュワップキーリーカン県|west
TH-80|Nakhon Si Thammarat|นครศรีธรรมราช|ナコーンシータンマラート県|south
TH-81|Krabi|กระบี่|クラビー県|south
TH-82|Phang Nga|พังงา|パンガー県|south
TH-83|Phuket|ภูเก็ต|プーケット県|south
TH-84|Surat Thani|สุราษฎร์ธานี|スラートターニー県|south
TH-85|Ranong|ระนอง|ラノーン県|south
TH-86|Chumphon|ชุมพร|チュムポーン県|south
TH-90|Songkhla|สงขลา|ソンクラー県|south
TH-91|Satun|สตูล|サトゥーン県|south
TH-92|Trang|ตรัง|トラン県|south
TH-93|Phatthalung|พัทลุง|パッタルン県|south
TH-94|Pattani|ปัตตานี|パッターニー県|south
TH-95|Yala|ยะลา|ヤラー県|south
TH-96|Narathiwat|นราธิวาส|ナラーティワート県|south
"""
EEC = {"TH-20", "TH-21", "TH-24"}
# Other spellings people write for a province (the labels above are the official ones).
SYNONYMS = {"TH-20": ["Chon Buri", "チョンブリ"]}


def provinces() -> dict:
    rows = []
    for line in PROVINCES.strip().splitlines():
        code, en, th, ja, region = line.split("|")
        row = {"code": code, "labels": {"en": en, "th": th, "ja": ja}, "region": region, "eec": code in EEC}
        if code in SYNONYMS:
            row["synonyms"] = SYNONYMS[code]
        rows.append(row)
    return {"version": 1, "provinces": rows}


# --------------------------------------------------------------------------- countries
COUNTRIES = """
BN|Brunei|บรูไนดารุสซาลาม|ブルネイ|asean
KH|Cambodia|กัมพูชา|カンボジア|asean clmv
ID|Indonesia|อินโดนีเซีย|インドネシア|asean
LA|Laos|ลาว|ラオス|asean clmv
MY|Malaysia|มาเลเซีย|マレーシア|asean
MM|Myanmar|เมียนมา|ミャンマー|asean clmv
PH|Philippines|ฟิลิปปินส์|フィリピン|asean
SG|Singapore|สิงคโปร์|シンガポール|asean
TH|Thailand|ไทย|タイ|asean
VN|Vietnam|เวียดนาม|ベトナム|asean clmv
JP|Japan|ญี่ปุ่น|日本|
CN|China|จีน|中国|
KR|South Korea|เกาหลีใต้|韓国|
TW|Taiwan|ไต้หวัน|台湾|
HK|Hong Kong|ฮ่องกง|香港|
IN|India|อินเดีย|インド|
US|United States|สหรัฐอเมริกา|米国|
CA|Canada|แคนาดา|カナダ|
MX|Mexico|เม็กซิโก|メキシコ|
BR|Brazil|บราซิล|ブラジル|
GB|United Kingdom|สหราชอาณาจักร|英国|
DE|Germany|เยอรมนี|ドイツ|
FR|France|ฝรั่งเศส|フランス|
NL|Netherlands|เนเธอร์แลนด์|オランダ|
CH|Switzerland|สวิตเซอร์แลนด์|スイス|
SE|Sweden|สวีเดน|スウェーデン|
FI|Finland|ฟินแลนด์|フィンランド|
DK|Denmark|เดนมาร์ก|デンマーク|
NO|Norway|นอร์เวย์|ノルウェー|
IT|Italy|อิตาลี|イタリア|
ES|Spain|สเปน|スペイン|
BE|Belgium|เบลเยียม|ベルギー|
AT|Austria|ออสเตรีย|オーストリア|
EE|Estonia|เอสโตเนีย|エストニア|
IE|Ireland|ไอร์แลนด์|アイルランド|
IL|Israel|อิสราเอล|イスラエル|
AE|United Arab Emirates|สหรัฐอาหรับเอมิเรตส์|アラブ首長国連邦|
SA|Saudi Arabia|ซาอุดีอาระเบีย|サウジアラビア|
AU|Australia|ออสเตรเลีย|オーストラリア|
NZ|New Zealand|นิวซีแลนด์|ニュージーランド|
"""


def countries() -> dict:
    rows = []
    for line in COUNTRIES.strip().splitlines():
        code, en, th, ja, flags = line.split("|")
        flags = flags.split()
        rows.append({"code": code, "labels": {"en": en, "th": th, "ja": ja},
                     "clmv": "clmv" in flags, "asean": "asean" in flags})
    return {"version": 1, "countries": rows}


if __name__ == "__main__":
    which = sys.argv[1:] or ["groups", "provinces", "countries"]
    if "groups" in which:
        taxonomy = {c["code"] for c in json.loads((DATA / "taxonomy.json").read_text("utf-8"))["concepts"]}
        g = groups()
        bad = [(x["code"], c) for x in g["groups"] for c in x["related_concepts"] if c not in taxonomy]
        if bad:
            sys.exit(f"unknown concepts: {bad}")
        _write("industry_groups.json", g)
    if "provinces" in which:
        p = provinces()
        assert len(p["provinces"]) == 77 and len({x["code"] for x in p["provinces"]}) == 77
        _write("provinces.json", p)
    if "countries" in which:
        _write("countries.json", countries())
