"""Writes src/kizuna/data/taxonomy.json from the table below.

Run: PYTHONPATH=src .venv/bin/python src/kizuna/data/_build/build_taxonomy.py

Each row: code, domain, broader, (en, th, ja labels), then synonyms per language
separated by "|". Synonyms are the words practitioners write (loanwords, short
forms, common misspellings in Thai); a synonym belongs to one concept only.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "taxonomy.json"
DOMAINS = ("cross", "manufacturing", "agro_food", "logistics", "energy", "health")

ROWS: list[tuple] = []


def C(code, domain, broader, en, th, ja, en_syn="", th_syn="", ja_syn=""):
    ROWS.append((code, domain, broader, en, th, ja, en_syn, th_syn, ja_syn))


# ---------------------------------------------------------------- cross-cutting digital
C("iot", "cross", None,
  "Internet of Things (IoT)", "อินเทอร์เน็ตของสรรพสิ่ง (IoT)", "IoT（モノのインターネット）",
  "internet of things|IoT|IIoT|industrial IoT|connected devices|connected machines",
  "ไอโอที|อินเทอร์เน็ตในทุกสิ่ง|IoT อุตสาหกรรม|อุปกรณ์เชื่อมต่ออินเทอร์เน็ต",
  "モノのインターネット|産業用IoT|インダストリアルIoT|IoT化|つながる工場")
C("industrial_sensors", "cross", "iot",
  "Industrial sensors", "เซนเซอร์อุตสาหกรรม", "産業用センサー",
  "sensor|sensors|sensor network|vibration sensor|temperature sensor|current sensor",
  "เซนเซอร์|เซ็นเซอร์|ติดตั้งเซนเซอร์|เซนเซอร์วัดอุณหภูมิ|เซนเซอร์วัดการสั่นสะเทือน",
  "センサー|センサ|センシング|振動センサー|温度センサー|電流センサー")
C("edge_computing", "cross", None,
  "Edge computing", "เอดจ์คอมพิวติ้ง (Edge Computing)", "エッジコンピューティング",
  "edge computing|edge gateway|IoT gateway|edge AI|fog computing",
  "ประมวลผลที่ปลายทาง|เกตเวย์ IoT|อุปกรณ์เอดจ์",
  "エッジ|エッジAI|IoTゲートウェイ|エッジ処理|エッジデバイス")
C("cloud_computing", "cross", None,
  "Cloud computing", "คลาวด์คอมพิวติ้ง", "クラウドコンピューティング",
  "cloud|cloud computing|SaaS|IaaS|PaaS|cloud migration",
  "คลาวด์|ระบบคลาวด์|บริการคลาวด์|ย้ายระบบขึ้นคลาวด์",
  "クラウド|クラウドサービス|クラウド化|クラウド基盤")
C("big_data_analytics", "cross", None,
  "Big data analytics", "การวิเคราะห์ข้อมูลขนาดใหญ่ (Big Data)", "ビッグデータ解析",
  "big data|data analytics|data analysis|data lake|data platform|data science",
  "บิ๊กดาต้า|วิเคราะห์ข้อมูล|การวิเคราะห์ข้อมูล|ดาต้าอนาไลติกส์|ข้อมูลขนาดใหญ่",
  "ビッグデータ|データ分析|データ活用|データ解析|データサイエンス")
C("data_visualisation", "cross", "big_data_analytics",
  "Dashboards and data visualisation", "แดชบอร์ดและการแสดงผลข้อมูล", "見える化・ダッシュボード",
  "dashboard|dashboards|data visualisation|data visualization|BI|business intelligence|KPI dashboard",
  "แดชบอร์ด|แสดงผลข้อมูล|แสดงผลแบบเรียลไทม์|รายงานผู้บริหาร",
  "見える化|可視化|ダッシュボード|BIツール|KPI管理")
C("ai_ml", "cross", None,
  "Artificial intelligence and machine learning", "ปัญญาประดิษฐ์และการเรียนรู้ของเครื่อง (AI/ML)", "AI・機械学習",
  "AI|artificial intelligence|machine learning|deep learning|ML|neural network",
  "ปัญญาประดิษฐ์|เอไอ|แมชชีนเลิร์นนิง|การเรียนรู้ของเครื่อง|ดีปเลิร์นนิง",
  "人工知能|機械学習|ディープラーニング|深層学習")
C("digital_twin", "cross", None,
  "Digital twin", "ดิจิทัลทวิน (Digital Twin)", "デジタルツイン",
  "digital twin|virtual factory|virtual commissioning|3D factory simulation",
  "ดิจิทัลทวิน|ดิจิตอลทวิน|โรงงานเสมือน|แบบจำลองเสมือนจริง",
  "バーチャル工場|仮想立ち上げ|工場シミュレーション|サイバーフィジカルシステム")
C("industrial_networks", "cross", None,
  "Industrial networks and connectivity", "เครือข่ายสื่อสารในโรงงานอุตสาหกรรม", "産業用ネットワーク",
  "industrial network|industrial ethernet|fieldbus|OPC UA|MQTT|Modbus",
  "เครือข่ายอุตสาหกรรม|ระบบเครือข่ายในโรงงาน|ฟิลด์บัส|การสื่อสารไร้สายในโรงงาน",
  "産業用イーサネット|フィールドネットワーク|工場ネットワーク|無線LAN")
C("private_5g", "cross", "industrial_networks",
  "5G and private mobile networks", "เครือข่าย 5G สำหรับอุตสาหกรรม", "5G・ローカル5G",
  "5G|private 5G|local 5G|private LTE",
  "ไฟว์จี|5G ภาคอุตสาหกรรม|เครือข่าย 5G ส่วนตัว",
  "ローカル5G|プライベートLTE|自営網|sXGP")
C("lpwan", "cross", "industrial_networks",
  "LPWAN (LoRaWAN, NB-IoT, Sigfox)", "เครือข่าย LPWAN (LoRaWAN, NB-IoT)", "LPWA（LoRaWAN・NB-IoT等）",
  "LPWAN|LPWA|LoRa|LoRaWAN|NB-IoT|Sigfox|LTE-M",
  "ลอร่าแวน|โลร่า|เอ็นบีไอโอที",
  "省電力広域無線|省電力広域ネットワーク")
C("scada", "cross", None,
  "SCADA and remote monitoring", "ระบบ SCADA และการตรวจวัดระยะไกล", "SCADA・遠隔監視",
  "SCADA|supervisory control|remote monitoring|telemetry|RTU",
  "สกาด้า|ระบบ SCADA|ตรวจวัดระยะไกล|มอนิเตอร์ระยะไกล|ระบบควบคุมระยะไกล",
  "遠隔監視|監視制御システム|テレメータ|遠隔監視システム")
C("cybersecurity", "cross", None,
  "Cybersecurity", "ความมั่นคงปลอดภัยไซเบอร์", "サイバーセキュリティ",
  "cybersecurity|cyber security|information security|ISO 27001|penetration testing|ISMS",
  "ไซเบอร์ซีเคียวริตี้|ความปลอดภัยไซเบอร์|ความปลอดภัยสารสนเทศ|ความมั่นคงปลอดภัยสารสนเทศ",
  "情報セキュリティ|サイバー攻撃対策|セキュリティ診断|ISO27001")
C("ot_cybersecurity", "cross", "cybersecurity",
  "OT and ICS cybersecurity", "ความมั่นคงปลอดภัยไซเบอร์ของระบบ OT", "OT・制御システムセキュリティ",
  "OT security|OT cybersecurity|ICS security|IEC 62443|industrial control system security|factory network security",
  "ความปลอดภัยระบบ OT|ความปลอดภัยระบบควบคุมอุตสาหกรรม|ความปลอดภัยไซเบอร์ในโรงงาน",
  "OTセキュリティ|制御システムセキュリティ|工場セキュリティ|IEC62443|ICSセキュリティ")
C("erp", "cross", None,
  "Enterprise resource planning (ERP)", "ระบบวางแผนทรัพยากรองค์กร (ERP)", "ERP（統合基幹業務システム）",
  "ERP|enterprise resource planning|back-office system|accounting system",
  "ระบบ ERP|อีอาร์พี|ระบบบัญชีและสต็อก|ระบบหลังบ้าน",
  "基幹システム|統合基幹業務システム|販売管理|会計システム")
C("traceability", "cross", None,
  "Traceability", "ระบบตรวจสอบย้อนกลับ (Traceability)", "トレーサビリティ",
  "traceability|track and trace|lot tracking|serialisation|product genealogy",
  "ตรวจสอบย้อนกลับ|การสอบย้อนกลับ|ติดตามล็อตสินค้า|เทรเซบิลิตี้",
  "トレーサビリティー|追跡可能性|ロット管理|ロット追跡|個体識別")
C("rfid", "cross", None,
  "RFID and barcodes", "RFID และบาร์โค้ด", "RFID・バーコード",
  "RFID|barcode|QR code|auto-ID|NFC|RFID tag",
  "อาร์เอฟไอดี|บาร์โค้ด|คิวอาร์โค้ด|แท็ก RFID|ป้าย RFID",
  "ICタグ|バーコード|QRコード|電子タグ|二次元コード")
C("blockchain", "cross", None,
  "Blockchain", "บล็อกเชน (Blockchain)", "ブロックチェーン",
  "blockchain|distributed ledger|smart contract|DLT",
  "บล็อกเชน|บล็อคเชน|สมาร์ทคอนแทรกต์",
  "分散型台帳|スマートコントラクト")
C("rpa", "cross", None,
  "Robotic process automation (RPA)", "ระบบอัตโนมัติสำหรับงานสำนักงาน (RPA)", "RPA（業務自動化）",
  "RPA|robotic process automation|office automation|workflow automation|OCR",
  "อาร์พีเอ|ลดงานเอกสาร|ระบบเอกสารอัตโนมัติ|ระบบอนุมัติออนไลน์",
  "業務自動化|ペーパーレス|ワークフロー|帳票電子化")
C("ar_vr", "cross", None,
  "AR/VR and smart glasses", "เทคโนโลยี AR/VR และแว่นอัจฉริยะ", "AR・VR・スマートグラス",
  "AR|VR|augmented reality|virtual reality|mixed reality|smart glasses|remote assistance",
  "ความจริงเสริม|ความจริงเสมือน|เออาร์|วีอาร์|แว่นอัจฉริยะ|ช่วยเหลือทางไกล",
  "拡張現実|仮想現実|MR|スマートグラス|遠隔作業支援|VR研修")
C("digital_transformation", "cross", None,
  "Digital transformation (DX) and smart factory roadmap", "การปรับเปลี่ยนสู่ดิจิทัลและโรงงานอัจฉริยะ", "DX（デジタルトランスフォーメーション）推進",
  "digital transformation|DX|smart factory|Industry 4.0|Industry 4.0 roadmap|Industry 4.0 readiness",
  "ดิจิทัลทรานส์ฟอร์เมชัน|ทรานส์ฟอร์มองค์กร|อุตสาหกรรม 4.0|โรงงานอัจฉริยะ|สมาร์ทแฟคทอรี่|ไทยแลนด์ 4.0",
  "デジタル変革|スマートファクトリー|スマート工場|インダストリー4.0|第4次産業革命")
C("system_integration", "cross", None,
  "System integration and software development", "การพัฒนาซอฟต์แวร์และบูรณาการระบบ", "システムインテグレーション・ソフトウェア開発",
  "system integration|software development|custom software|API integration|IT outsourcing",
  "พัฒนาซอฟต์แวร์|เชื่อมต่อระบบ|ซอฟต์แวร์เฮาส์|บูรณาการระบบ|พัฒนาระบบ",
  "SI|システム開発|ソフトウェア開発|受託開発|システム連携")
C("ecommerce", "cross", None,
  "E-commerce and digital marketing", "อีคอมเมิร์ซและการตลาดดิจิทัล", "EC・デジタルマーケティング",
  "e-commerce|ecommerce|online marketplace|digital marketing|online store|cross-border e-commerce",
  "อีคอมเมิร์ซ|ขายออนไลน์|การตลาดออนไลน์|ตลาดออนไลน์|การตลาดดิจิทัล|มาร์เก็ตเพลส",
  "ネット通販|越境EC|デジタルマーケティング|ECサイト|オンライン販売")
C("fintech", "cross", None,
  "Fintech and digital payments", "ฟินเทคและการชำระเงินดิจิทัล", "フィンテック・キャッシュレス決済",
  "fintech|digital payment|e-payment|QR payment|supply chain finance|insurtech",
  "ฟินเทค|ชำระเงินดิจิทัล|พร้อมเพย์|จ่ายเงินด้วย QR|สินเชื่อออนไลน์|อีเพย์เมนต์",
  "キャッシュレス|QR決済|電子決済|サプライチェーンファイナンス")
C("drones", "cross", None,
  "Drones (UAV)", "โดรน (UAV)", "ドローン",
  "drone|drones|UAV|agricultural drone|drone inspection|drone spraying",
  "โดรน|โดรนการเกษตร|โดรนพ่นยา|อากาศยานไร้คนขับ|โดรนสำรวจ",
  "農業用ドローン|無人航空機|ドローン点検|ドローン散布")
C("recycling_circular", "cross", None,
  "Recycling and circular economy", "การรีไซเคิลและเศรษฐกิจหมุนเวียน", "リサイクル・循環経済",
  "recycling|circular economy|waste reduction|scrap recycling|zero waste|BCG economy",
  "รีไซเคิล|เศรษฐกิจหมุนเวียน|เศรษฐกิจ BCG|ลดขยะ|กากอุตสาหกรรม|ขยะอุตสาหกรรม",
  "リサイクル|サーキュラーエコノミー|循環型|廃棄物削減|廃棄物処理|ゼロエミッション")
C("skills_training", "cross", None,
  "Industry 4.0 skills training", "การพัฒนาทักษะบุคลากรด้านอุตสาหกรรม 4.0", "インダストリー4.0人材育成",
  "skills training|workforce training|upskilling|reskilling|engineer training|vocational training|Industry 4.0 skills",
  "พัฒนาบุคลากร|ฝึกอบรม|อบรมพนักงาน|พัฒนาทักษะ|อัปสกิล|รีสกิล|อาชีวศึกษา",
  "人材育成|技能訓練|研修|リスキリング|技術者教育|OJT|社員教育")
C("e_learning", "cross", "skills_training",
  "E-learning and training platforms", "อีเลิร์นนิงและแพลตฟอร์มฝึกอบรมออนไลน์", "eラーニング",
  "e-learning|elearning|online training|LMS|learning management system|edtech",
  "อีเลิร์นนิ่ง|อีเลิร์นนิง|เรียนออนไลน์|อบรมออนไลน์|ระบบ LMS|เอ็ดเทค",
  "オンライン研修|学習管理システム|エドテック")

# ---------------------------------------------------------------- manufacturing
C("machine_monitoring", "manufacturing", "iot",
  "Machine monitoring and OEE", "ระบบติดตามสถานะการทำงานของเครื่องจักร (OEE)", "設備稼働監視（OEE）",
  "machine monitoring|OEE|overall equipment effectiveness|downtime tracking|andon|production monitoring",
  "ติดตามการทำงานของเครื่องจักร|ประสิทธิผลโดยรวมของเครื่องจักร|มอนิเตอร์เครื่องจักร|ค่า OEE|เก็บข้อมูลเครื่องจักร|ดาวน์ไทม์",
  "稼働監視|稼働率|設備総合効率|稼働状況の見える化|アンドン|チョコ停|ダウンタイム")
C("maintenance_management", "manufacturing", None,
  "Maintenance management (CMMS)", "การบริหารงานซ่อมบำรุง", "設備保全管理",
  "maintenance management|CMMS|equipment maintenance|plant maintenance|asset management",
  "ซ่อมบำรุง|งานซ่อมบำรุง|ระบบ CMMS|บำรุงรักษาเครื่องจักร|การบำรุงรักษา",
  "設備保全|保全管理|メンテナンス管理|設備管理")
C("condition_monitoring", "manufacturing", "maintenance_management",
  "Condition monitoring", "การตรวจติดตามสภาพเครื่องจักร", "状態監視",
  "condition monitoring|CBM|condition-based maintenance|vibration monitoring|vibration analysis|thermography",
  "ตรวจวัดการสั่นสะเทือน|วิเคราะห์การสั่นสะเทือน|การบำรุงรักษาตามสภาพ|ตรวจสภาพเครื่องจักร|เทอร์โมสแกน",
  "状態基準保全|振動解析|振動監視|設備診断|サーモグラフィ")
C("predictive_maintenance", "manufacturing", "maintenance_management",
  "Predictive maintenance", "การบำรุงรักษาเชิงพยากรณ์", "予知保全",
  "predictive maintenance|PdM|failure prediction|equipment anomaly detection|remaining useful life",
  "ซ่อมบำรุงเชิงคาดการณ์|บำรุงรักษาเชิงพยากรณ์|ซ่อมบำรุงเชิงพยากรณ์|พยากรณ์ความเสียหายของเครื่องจักร|ทำนายการเสียของเครื่องจักร",
  "予兆保全|故障予知|予兆検知|異常予兆検知|故障予測")
C("preventive_maintenance", "manufacturing", "maintenance_management",
  "Preventive maintenance", "การบำรุงรักษาเชิงป้องกัน", "予防保全",
  "preventive maintenance|preventative maintenance|time-based maintenance|planned maintenance|PM schedule",
  "ซ่อมบำรุงเชิงป้องกัน|บำรุงรักษาเชิงป้องกัน|แผนซ่อมบำรุง|บำรุงรักษาตามแผน|PM เครื่องจักร",
  "時間基準保全|TBM|定期保全|計画保全|定期点検")
C("tpm", "manufacturing", "maintenance_management",
  "Total productive maintenance (TPM)", "การบำรุงรักษาทวีผลที่ทุกคนมีส่วนร่วม (TPM)", "TPM（全員参加の生産保全）",
  "TPM|total productive maintenance|autonomous maintenance",
  "ทีพีเอ็ม|การบำรุงรักษาด้วยตนเอง",
  "全員参加の生産保全|自主保全|TPM活動")
C("factory_automation", "manufacturing", None,
  "Factory automation (FA)", "ระบบอัตโนมัติในโรงงาน (Factory Automation)", "ファクトリーオートメーション（FA）",
  "factory automation|FA|automation|automated line|line automation",
  "ระบบอัตโนมัติ|ออโตเมชั่น|ไลน์ผลิตอัตโนมัติ|ปรับไลน์ผลิตเป็นอัตโนมัติ",
  "自動化|省人化|自動化ライン|工場自動化")
C("plc_control", "manufacturing", "factory_automation",
  "PLC and control systems", "ระบบควบคุม PLC", "PLC・制御システム",
  "PLC|programmable logic controller|control panel|ladder programming|HMI",
  "พีแอลซี|ตู้คอนโทรล|เขียนโปรแกรม PLC|ระบบควบคุมเครื่องจักร|หน้าจอ HMI",
  "シーケンサ|シーケンサー|シーケンス制御|制御盤|ラダー|タッチパネル")
C("plc_retrofit", "manufacturing", "plc_control",
  "PLC retrofit of existing machines", "การปรับปรุงเครื่องจักรเก่าด้วย PLC (Retrofit)", "既存設備のPLCレトロフィット",
  "retrofit|PLC retrofit|machine retrofit|legacy machine upgrade|brownfield IoT",
  "เรโทรฟิต|รีโทรฟิต|อัปเกรดเครื่องจักรเก่า|ปรับปรุงเครื่องจักรเก่า|เครื่องจักรเก่า",
  "レトロフィット|既存設備のIoT化|古い設備|後付けIoT|老朽設備更新")
C("lean_automation", "manufacturing", "factory_automation",
  "Lean and low-cost automation (karakuri)", "ระบบอัตโนมัติต้นทุนต่ำแบบลีน (คาราคุริ)", "からくり改善・ローコストオートメーション",
  "lean automation|low-cost automation|LCA|karakuri|karakuri kaizen",
  "คาราคุริ|คาราคุริไคเซ็น|ออโตเมชั่นต้นทุนต่ำ|ระบบอัตโนมัติต้นทุนต่ำ",
  "からくり|からくり改善|ローコストオートメーション|簡易自動化")
C("robotics", "manufacturing", None,
  "Industrial robots", "หุ่นยนต์อุตสาหกรรม", "産業用ロボット",
  "robot|robotics|industrial robot|robot arm|robot integration|pick and place",
  "หุ่นยนต์|แขนกล|หุ่นยนต์แขนกล|ระบบหุ่นยนต์|โรบอท",
  "ロボット|ロボットアーム|ロボットSI|ロボット導入|垂直多関節ロボット")
C("cobots", "manufacturing", "robotics",
  "Collaborative robots (cobots)", "หุ่นยนต์ทำงานร่วมกับมนุษย์ (โคบอท)", "協働ロボット",
  "cobot|cobots|collaborative robot|human-robot collaboration",
  "โคบอท|หุ่นยนต์โคบอท|หุ่นยนต์ร่วมปฏิบัติงาน",
  "協働ロボ|コボット|人協働ロボット")
C("robotic_welding", "manufacturing", "robotics",
  "Robotic welding", "หุ่นยนต์เชื่อม", "溶接ロボット",
  "welding robot|robotic welding|automated welding|arc welding|spot welding",
  "งานเชื่อมอัตโนมัติ|เชื่อมด้วยหุ่นยนต์|เชื่อมสปอต|งานเชื่อม",
  "ロボット溶接|自動溶接|アーク溶接|スポット溶接|溶接")
C("machine_vision", "manufacturing", None,
  "Machine vision", "ระบบแมชชีนวิชัน (Machine Vision)", "マシンビジョン・画像処理",
  "machine vision|industrial camera|image processing|vision system|image recognition",
  "แมชชีนวิชั่น|แมชชีนวิชัน|กล้องอุตสาหกรรม|ประมวลผลภาพ|ระบบกล้องตรวจจับ",
  "マシンビジョン|画像処理|画像認識|産業用カメラ|ビジョンシステム")
C("visual_inspection", "manufacturing", "machine_vision",
  "Automated visual inspection", "การตรวจสอบชิ้นงานด้วยภาพอัตโนมัติ", "外観検査の自動化",
  "visual inspection|automated optical inspection|AOI|defect detection|surface defect inspection",
  "ตรวจสอบด้วยกล้อง|ตรวจจับชิ้นงานเสีย|ตรวจสอบชิ้นงานด้วยภาพ|ตรวจสอบรอยตำหนิ|ตรวจสอบด้วยสายตา",
  "外観検査|自動外観検査|キズ検査|不良品検出|AI外観検査")
C("mes", "manufacturing", None,
  "Manufacturing execution system (MES)", "ระบบบริหารการผลิตหน้างาน (MES)", "MES（製造実行システム）",
  "MES|manufacturing execution system|shop floor system|production tracking|work order tracking",
  "ระบบ MES|ระบบติดตามการผลิต|ติดตามงานระหว่างผลิต|ระบบควบคุมการผลิตหน้างาน",
  "製造実行システム|工程管理|実績収集|作業実績|製造実績管理")
C("production_management", "manufacturing", None,
  "Production planning and control", "การวางแผนและควบคุมการผลิต", "生産管理",
  "production management|production control|production planning|MRP|material requirements planning",
  "วางแผนการผลิต|ควบคุมการผลิต|ระบบวางแผนการผลิต|ระบบ MRP",
  "生産管理システム|生産計画|所要量計画|MRP")
C("production_scheduling", "manufacturing", "production_management",
  "Production scheduling (APS)", "การจัดตารางการผลิต", "生産スケジューリング",
  "production scheduling|APS|advanced planning and scheduling|finite capacity scheduling|scheduler",
  "จัดตารางการผลิต|ตารางการผลิต|แผนการผลิตรายวัน|จัดลำดับงานผลิต",
  "生産スケジューラ|スケジューラー|日程計画|小日程計画|段取り計画")
C("quality_management", "manufacturing", None,
  "Quality management (QMS)", "ระบบบริหารคุณภาพ", "品質管理",
  "quality management|QMS|quality control|QC|quality assurance|ISO 9001|IATF 16949",
  "ควบคุมคุณภาพ|ประกันคุณภาพ|ระบบคุณภาพ|ลดของเสีย|ของเสีย|งาน NG",
  "品質保証|品質マネジメント|不良削減|不良率低減|QC七つ道具")
C("spc", "manufacturing", "quality_management",
  "Statistical process control (SPC)", "การควบคุมกระบวนการเชิงสถิติ (SPC)", "SPC（統計的工程管理）",
  "SPC|statistical process control|control chart|Cpk|process capability",
  "แผนภูมิควบคุม|ค่า Cpk|ความสามารถของกระบวนการ|สถิติควบคุมคุณภาพ",
  "統計的工程管理|管理図|工程能力|SQC")
C("metrology", "manufacturing", None,
  "Precision measurement and metrology", "การวัดละเอียดและมาตรวิทยา", "精密測定",
  "metrology|CMM|coordinate measuring machine|3D scanning|calibration|gauge",
  "เครื่องมือวัด|สอบเทียบ|การสอบเทียบเครื่องมือวัด|เครื่องวัด 3 มิติ",
  "三次元測定|三次元測定機|校正|計測|3Dスキャナ")
C("kaizen_tps", "manufacturing", None,
  "Kaizen and Toyota Production System (TPS)", "ไคเซ็นและระบบการผลิตแบบโตโยต้า (TPS)", "カイゼン・トヨタ生産方式（TPS）",
  "kaizen|TPS|Toyota Production System|lean manufacturing|lean|just in time|JIT|continuous improvement",
  "ไคเซ็น|ไคเซน|ลีน|การผลิตแบบลีน|ระบบการผลิตแบบโตโยต้า|ลดความสูญเปล่า|จัสต์อินไทม์",
  "カイゼン|改善活動|トヨタ生産方式|リーン生産|ジャストインタイム|ムダ取り|かんばん")
C("five_s", "manufacturing", "kaizen_tps",
  "5S and visual management", "กิจกรรม 5ส และการควบคุมด้วยสายตา", "5S活動・目で見る管理",
  "5S|visual management|workplace organisation|standard work",
  "5ส|5 ส|สะสาง สะดวก สะอาด|การบริหารด้วยสายตา|มาตรฐานการทำงาน",
  "整理整頓|目で見る管理|標準作業|5S活動")
C("smed", "manufacturing", "kaizen_tps",
  "Quick changeover (SMED)", "การลดเวลาเปลี่ยนรุ่นการผลิต (SMED)", "段取り替え時間短縮（SMED）",
  "SMED|quick changeover|setup reduction|changeover time|die change",
  "ลดเวลาการตั้งเครื่อง|เปลี่ยนแม่พิมพ์เร็ว|ลดเวลาเปลี่ยนรุ่น|เปลี่ยนรุ่นการผลิต",
  "段取り替え|段取り時間短縮|シングル段取り|金型交換|外段取り")
C("additive_manufacturing", "manufacturing", None,
  "Additive manufacturing (3D printing)", "การผลิตแบบเติมเนื้อวัสดุ (3D Printing)", "積層造形（3Dプリンティング）",
  "3D printing|additive manufacturing|3D printer|rapid prototyping|metal 3D printing",
  "พิมพ์ 3 มิติ|เครื่องพิมพ์ 3 มิติ|ทำต้นแบบรวดเร็ว|งานพิมพ์สามมิติ|พิมพ์สามมิติ",
  "3Dプリンター|3Dプリンタ|金属3Dプリンター|ラピッドプロトタイピング|積層造形")
C("cad_cam", "manufacturing", None,
  "CAD/CAM", "ระบบ CAD/CAM", "CAD/CAM",
  "CAD|CAM|3D CAD|computer-aided design|CNC programming",
  "ออกแบบด้วยคอมพิวเตอร์|เขียนแบบ 3 มิติ|แคด แคม|เขียนโปรแกรม CNC",
  "3次元CAD|3DCAD|NCプログラム|CAD/CAMソフト")
C("cae_simulation", "manufacturing", None,
  "CAE and simulation", "การจำลองทางวิศวกรรม (CAE)", "CAE・シミュレーション",
  "CAE|simulation|FEA|finite element analysis|CFD|mould flow analysis",
  "ซิมูเลชัน|จำลองการไหลของพลาสติก|วิเคราะห์ไฟไนต์เอลิเมนต์|จำลองการขึ้นรูป",
  "シミュレーション|構造解析|流動解析|FEM解析")
C("plm", "manufacturing", None,
  "Product lifecycle management (PLM)", "ระบบบริหารวงจรชีวิตผลิตภัณฑ์ (PLM)", "PLM（製品ライフサイクル管理）",
  "PLM|product lifecycle management|product data management|BOM management|engineering change",
  "บริหารข้อมูลผลิตภัณฑ์|จัดการ BOM|ระบบ PLM|ควบคุมการเปลี่ยนแปลงแบบ",
  "製品ライフサイクル管理|部品表管理|設計変更管理|BOM")
C("mold_and_die", "manufacturing", None,
  "Mould and die", "แม่พิมพ์", "金型",
  "mold and die|mould and die|die making|tooling|press die|injection mould",
  "งานแม่พิมพ์|ทำแม่พิมพ์|ซ่อมแม่พิมพ์|แม่พิมพ์ปั๊ม|แม่พิมพ์ฉีดพลาสติก",
  "金型製作|プレス金型|射出成形金型|金型メンテナンス")
C("precision_machining", "manufacturing", None,
  "Precision machining (CNC)", "งานกลึงกัดชิ้นส่วนความเที่ยงตรงสูง (CNC)", "精密機械加工",
  "precision machining|CNC machining|machining centre|machining center|turning|milling|grinding",
  "งานกลึง|งานกัด|งาน CNC|เครื่อง CNC|งานเจียร|กลึง CNC|แมชชีนนิ่ง",
  "切削加工|NC旋盤|マシニングセンタ|研削|精密加工|CNC加工")
C("metal_stamping", "manufacturing", None,
  "Metal stamping (press work)", "งานปั๊มขึ้นรูปโลหะ", "金属プレス加工",
  "metal stamping|press work|stamping|pressed parts|progressive die|sheet metal",
  "งานปั๊มโลหะ|ปั๊มขึ้นรูป|เครื่องปั๊ม|งานเพรส|ชิ้นส่วนปั๊ม|งานโลหะแผ่น",
  "プレス加工|プレス部品|順送プレス|板金|プレス機")
C("injection_moulding", "manufacturing", None,
  "Plastic injection moulding", "งานฉีดขึ้นรูปพลาสติก", "射出成形",
  "injection molding|injection moulding|plastic moulding|injection machine|plastic parts",
  "ฉีดพลาสติก|งานฉีดพลาสติก|เครื่องฉีดพลาสติก|ชิ้นส่วนพลาสติก|ขึ้นรูปพลาสติก",
  "射出成型|樹脂成形|成形機|プラスチック成形|樹脂部品")
C("extrusion_blow_moulding", "manufacturing", None,
  "Extrusion and blow moulding", "งานอัดรีดและเป่าขึ้นรูปพลาสติก", "押出成形・ブロー成形",
  "extrusion|blow moulding|blow molding|film extrusion|PET bottle",
  "เป่าขวด|อัดรีด|เป่าฟิล์ม|ขวด PET|เอ็กซ์ทรูชัน",
  "押出成形|ブロー成形|フィルム成形|押出機")
C("polymer_materials", "manufacturing", None,
  "Polymer compounding and materials", "การผสมเม็ดพลาสติกและวัสดุพอลิเมอร์", "樹脂コンパウンド・高分子材料",
  "compounding|polymer materials|masterbatch|resin|engineering plastics",
  "เม็ดพลาสติก|คอมปาวด์พลาสติก|มาสเตอร์แบตช์|พอลิเมอร์|เรซิน",
  "樹脂コンパウンド|マスターバッチ|エンジニアリングプラスチック|高分子材料|樹脂材料")
C("rubber_processing", "manufacturing", None,
  "Rubber compounding and moulding", "การผสมยางและขึ้นรูปผลิตภัณฑ์ยาง", "ゴム配合・成形",
  "rubber compounding|rubber moulding|rubber products|vulcanisation|latex|natural rubber",
  "ยางพารา|ผสมยาง|คอมปาวด์ยาง|อบยาง|น้ำยางข้น|ยางแผ่นรมควัน|ผลิตภัณฑ์ยาง",
  "ゴム成形|ゴム配合|加硫|天然ゴム|ラテックス|ゴム製品")
C("surface_treatment", "manufacturing", None,
  "Surface treatment and coating", "การชุบและเคลือบผิวโลหะ", "表面処理",
  "surface treatment|plating|electroplating|coating|painting line|anodising|powder coating",
  "ชุบโลหะ|ชุบผิว|ชุบซิงค์|พ่นสี|เคลือบผิว|พ่นสีฝุ่น",
  "めっき|メッキ|塗装|電着塗装|アルマイト")
C("heat_treatment", "manufacturing", None,
  "Heat treatment", "การอบชุบด้วยความร้อน", "熱処理",
  "heat treatment|hardening|carburising|induction hardening|annealing",
  "อบชุบ|ชุบแข็ง|เตาอบชุบ|อบชุบโลหะ|ชุบแข็งด้วยความถี่สูง",
  "焼入れ|浸炭|高周波焼入れ|焼きなまし|熱処理炉")
C("die_casting", "manufacturing", None,
  "Die casting and foundry", "งานหล่อโลหะและไดคาสติ้ง", "ダイカスト・鋳造",
  "die casting|casting|foundry|aluminium casting|sand casting",
  "ไดคาสติ้ง|หล่อโลหะ|งานหล่อ|หล่ออลูมิเนียม|โรงหล่อ",
  "ダイカスト|鋳造|アルミダイカスト|鋳物|砂型鋳造")
C("forging", "manufacturing", None,
  "Forging", "งานตีขึ้นรูปโลหะ", "鍛造",
  "forging|hot forging|cold forging|forged parts",
  "ตีขึ้นรูป|ฟอร์จจิ้ง|ตีขึ้นรูปร้อน|ตีขึ้นรูปเย็น",
  "熱間鍛造|冷間鍛造|鍛造品")
C("pcb_assembly", "manufacturing", None,
  "Electronics assembly (SMT/PCBA)", "การประกอบแผงวงจรอิเล็กทรอนิกส์ (SMT/PCBA)", "電子基板実装（SMT）",
  "SMT|PCB assembly|PCBA|surface mount|reflow soldering|PCB",
  "ประกอบแผงวงจร|แผงวงจรพิมพ์|งาน SMT|บัดกรี|แผ่นปริ้นท์",
  "基板実装|表面実装|リフロー|はんだ付け|プリント基板")
C("embedded_systems", "manufacturing", None,
  "Embedded systems and firmware", "ระบบสมองกลฝังตัว (Embedded Systems)", "組込みシステム",
  "embedded systems|embedded software|firmware|microcontroller|MCU|RTOS",
  "สมองกลฝังตัว|เฟิร์มแวร์|ไมโครคอนโทรลเลอร์|บอร์ดควบคุม|ระบบฝังตัว",
  "組込み|組み込みソフト|組込みソフトウェア|ファームウェア|マイコン")
C("automotive_electronics", "manufacturing", None,
  "Automotive electronics", "อิเล็กทรอนิกส์ยานยนต์", "車載電子機器",
  "automotive electronics|ECU|wire harness|ADAS|in-vehicle electronics|CAN bus",
  "อิเล็กทรอนิกส์ในรถยนต์|ชุดสายไฟรถยนต์|กล่อง ECU|ไวร์ฮาร์เนส|ระบบช่วยขับขี่",
  "車載電装品|車載ECU|ワイヤーハーネス|車載電子|CAN通信")
C("ev_components", "manufacturing", None,
  "EV components", "ชิ้นส่วนยานยนต์ไฟฟ้า (EV)", "EV部品（電動車部品）",
  "EV parts|EV components|electric vehicle components|e-axle|traction motor|battery pack",
  "ชิ้นส่วนรถยนต์ไฟฟ้า|ชิ้นส่วน EV|รถยนต์ไฟฟ้า|มอเตอร์ขับเคลื่อน|แพ็กแบตเตอรี่",
  "電動車部品|電気自動車部品|モーターコア|電動化|xEV部品")
C("process_control", "manufacturing", None,
  "Process control (DCS)", "ระบบควบคุมกระบวนการผลิต (DCS)", "プロセス制御（DCS）",
  "process control|DCS|distributed control system|process automation|advanced process control|APC",
  "ควบคุมกระบวนการ|ระบบ DCS|ควบคุมกระบวนการผลิตต่อเนื่อง|ออโตเมชั่นกระบวนการ",
  "分散制御システム|プロセスオートメーション|高度制御|プロセス制御")
C("process_safety", "manufacturing", None,
  "Process and plant safety", "ความปลอดภัยในกระบวนการผลิตและโรงงาน", "プロセス安全・保安",
  "process safety|PSM|HAZOP|functional safety|plant safety|gas leak detection",
  "ความปลอดภัยในโรงงาน|ความปลอดภัยในกระบวนการ|ตรวจจับแก๊สรั่ว|ความปลอดภัยอาชีวอนามัย|จป.",
  "保安|プラント保安|機能安全|ガス漏れ検知|労働安全")
C("cleanroom", "manufacturing", None,
  "Cleanroom and contamination control", "ห้องสะอาด (คลีนรูม)", "クリーンルーム",
  "cleanroom|clean room|contamination control|ISO 14644",
  "คลีนรูม|ห้องคลีนรูม|ควบคุมฝุ่น|ควบคุมการปนเปื้อน",
  "防塵|清浄度管理|コンタミ対策")
C("textile_production", "manufacturing", None,
  "Textile and garment production technology", "เทคโนโลยีการผลิตสิ่งทอและเครื่องนุ่งห่ม", "繊維・縫製の生産技術",
  "textile|textiles|garment|dyeing|weaving|knitting|sewing line|technical textiles",
  "สิ่งทอ|ย้อมผ้า|ทอผ้า|ถักผ้า|ตัดเย็บ|เครื่องนุ่งห่ม|โรงย้อม",
  "繊維|縫製|染色|織物|ニット|機能性繊維")
C("woodworking", "manufacturing", None,
  "Woodworking and furniture production", "เทคโนโลยีการผลิตเฟอร์นิเจอร์และงานไม้", "木工・家具製造",
  "woodworking|furniture production|CNC router|wood processing|panel saw|rubberwood",
  "งานไม้|เฟอร์นิเจอร์ไม้|ไม้ยางพารา|เครื่องจักรงานไม้|ซีเอ็นซีเราเตอร์|แปรรูปไม้",
  "木工|木工機械|家具製造|NCルーター|木材加工")
C("printing_technology", "manufacturing", None,
  "Printing technology", "เทคโนโลยีการพิมพ์", "印刷技術",
  "printing|digital printing|offset printing|flexographic printing|label printing|colour management",
  "งานพิมพ์|ระบบพิมพ์ดิจิทัล|พิมพ์ออฟเซ็ท|พิมพ์ฉลาก|โรงพิมพ์|เฟล็กโซ",
  "印刷|デジタル印刷|オフセット印刷|フレキソ印刷|ラベル印刷|カラーマネジメント")
C("packaging_automation", "manufacturing", "factory_automation",
  "Packaging automation", "ระบบบรรจุภัณฑ์อัตโนมัติ", "包装の自動化",
  "packaging automation|packing machine|filling machine|case packer|palletising|end-of-line packaging",
  "เครื่องบรรจุ|เครื่องแพ็ค|แพ็คกิ้งอัตโนมัติ|เครื่องบรรจุหีบห่อ|เครื่องซีล|เครื่องบรรจุขวด",
  "包装機|充填機|箱詰め|パレタイジング|自動包装|包装ライン")
C("sustainable_packaging", "manufacturing", None,
  "Sustainable packaging", "บรรจุภัณฑ์ที่เป็นมิตรต่อสิ่งแวดล้อม", "環境配慮型包装",
  "sustainable packaging|eco packaging|biodegradable packaging|bioplastic|recyclable packaging|PLA",
  "บรรจุภัณฑ์รักษ์โลก|ไบโอพลาสติก|บรรจุภัณฑ์ย่อยสลายได้|พลาสติกชีวภาพ|บรรจุภัณฑ์ชีวภาพ",
  "エコ包装|バイオプラスチック|生分解性|生分解性プラスチック|脱プラスチック")

# ---------------------------------------------------------------- agro-food
C("smart_farming", "agro_food", None,
  "Smart farming (precision agriculture)", "เกษตรอัจฉริยะ (Smart Farming)", "スマート農業",
  "smart farming|precision agriculture|agritech|smart agriculture|farm sensors",
  "สมาร์ทฟาร์ม|เกษตรแม่นยำ|ฟาร์มอัจฉริยะ|อะกริเทค|เกษตรกรรมแม่นยำ",
  "精密農業|アグリテック|農業IoT|スマートアグリ")
C("plant_factory", "agro_food", "smart_farming",
  "Plant factory and smart greenhouse", "โรงงานผลิตพืชและโรงเรือนอัจฉริยะ", "植物工場・スマート温室",
  "plant factory|vertical farming|smart greenhouse|hydroponics|controlled environment agriculture",
  "โรงเรือนอัจฉริยะ|ไฮโดรโปนิกส์|ปลูกผักไฮโดรโปนิกส์|โรงเรือนระบบปิด|ฟาร์มแนวตั้ง",
  "植物工場|水耕栽培|施設園芸|環境制御型農業|ハウス栽培")
C("smart_irrigation", "agro_food", "smart_farming",
  "Smart irrigation", "ระบบให้น้ำอัจฉริยะ", "スマート灌漑",
  "smart irrigation|drip irrigation|soil moisture sensor|fertigation",
  "ระบบให้น้ำอัตโนมัติ|ระบบน้ำหยด|น้ำหยด|เซนเซอร์ความชื้นในดิน|ให้น้ำให้ปุ๋ย",
  "自動灌水|点滴灌漑|土壌水分センサー|養液土耕|かん水制御")
C("smart_aquaculture", "agro_food", None,
  "Smart aquaculture", "การเพาะเลี้ยงสัตว์น้ำอัจฉริยะ", "スマート養殖",
  "aquaculture|shrimp farming|fish farming|dissolved oxygen monitoring|aerator control",
  "เลี้ยงกุ้ง|ฟาร์มกุ้ง|บ่อกุ้ง|เพาะเลี้ยงสัตว์น้ำ|วัดออกซิเจนในน้ำ|เครื่องตีน้ำ",
  "養殖|エビ養殖|陸上養殖|溶存酸素|水産養殖")
C("smart_livestock", "agro_food", None,
  "Smart livestock farming", "ปศุสัตว์อัจฉริยะ", "スマート畜産",
  "livestock|smart livestock|poultry farm automation|dairy farm|animal health monitoring",
  "ปศุสัตว์|ฟาร์มไก่|ฟาร์มสุกร|ฟาร์มหมู|ฟาร์มโคนม|โรงเรือนไก่อีแวป",
  "畜産|養鶏|養豚|酪農|畜舎環境制御")
C("remote_sensing_gis", "agro_food", None,
  "Remote sensing and GIS", "การสำรวจระยะไกลและภูมิสารสนเทศ (GIS)", "リモートセンシング・GIS",
  "remote sensing|satellite imagery|GIS|crop monitoring|yield mapping",
  "ภาพถ่ายดาวเทียม|ภูมิสารสนเทศ|จีไอเอส|ติดตามพื้นที่เพาะปลูก|แผนที่แปลงเกษตร",
  "リモートセンシング|衛星画像|地理情報システム|生育診断")
C("food_safety_haccp", "agro_food", None,
  "Food safety (HACCP/GMP)", "ความปลอดภัยอาหาร (HACCP/GMP)", "食品安全（HACCP）",
  "food safety|HACCP|food GMP|FSSC 22000|BRC|ISO 22000|food hygiene",
  "ความปลอดภัยด้านอาหาร|มาตรฐาน HACCP|GMP อาหาร|สุขลักษณะการผลิตอาหาร|มาตรฐานความปลอดภัยอาหาร",
  "食品安全|衛生管理|FSSC22000|食品衛生|異物混入対策")
C("food_processing_automation", "agro_food", None,
  "Food processing automation", "ระบบอัตโนมัติในการแปรรูปอาหาร", "食品加工の自動化",
  "food processing|food processing automation|food machinery|food production line",
  "แปรรูปอาหาร|เครื่องจักรแปรรูปอาหาร|ไลน์ผลิตอาหาร|โรงงานอาหาร|อาหารแปรรูป",
  "食品加工|食品機械|食品工場|食品製造ライン|惣菜製造")
C("food_preservation", "agro_food", None,
  "Food preservation and shelf-life extension", "เทคโนโลยีถนอมอาหารและยืดอายุการเก็บรักษา", "食品保存・賞味期限延長技術",
  "shelf life|shelf-life extension|retort|freeze drying|HPP|high pressure processing|pasteurisation",
  "ยืดอายุการเก็บ|รีทอร์ท|ฟรีซดราย|อบแห้งแบบเยือกแข็ง|พาสเจอร์ไรซ์|ถนอมอาหาร",
  "賞味期限延長|レトルト|フリーズドライ|高圧処理|殺菌|鮮度保持")
C("post_harvest", "agro_food", None,
  "Post-harvest technology", "เทคโนโลยีหลังการเก็บเกี่ยว", "収穫後処理（ポストハーベスト）",
  "post-harvest|grading and sorting|crop drying|fruit sorting|ripening control",
  "หลังการเก็บเกี่ยว|คัดเกรดผลไม้|อบแห้ง|ลดการสูญเสียหลังเก็บเกี่ยว|โรงคัดบรรจุ",
  "ポストハーベスト|選果|穀物乾燥|青果選別|追熟管理")
C("fermentation_biotech", "agro_food", None,
  "Fermentation and industrial biotechnology", "เทคโนโลยีชีวภาพและการหมัก", "発酵・バイオテクノロジー",
  "fermentation|biotechnology|enzymes|probiotics|precision fermentation|bio-based chemicals",
  "การหมัก|เทคโนโลยีชีวภาพ|ไบโอเทค|จุลินทรีย์|เอนไซม์|โปรไบโอติก",
  "発酵|バイオテクノロジー|酵素|微生物|バイオ化学品")
C("alternative_protein", "agro_food", None,
  "Alternative protein", "โปรตีนทางเลือก", "代替タンパク質",
  "alternative protein|plant-based meat|cultured meat|insect protein|future food",
  "เนื้อจากพืช|แพลนต์เบส|โปรตีนจากแมลง|อาหารแห่งอนาคต|เนื้อสัตว์เพาะเลี้ยง",
  "代替肉|植物性代替肉|培養肉|昆虫食|プラントベース")
C("halal", "agro_food", None,
  "Halal compliance", "มาตรฐานฮาลาล", "ハラール対応",
  "halal|halal certification|halal compliance",
  "ฮาลาล|รับรองฮาลาล|อาหารฮาลาล",
  "ハラル|ハラール|ハラール認証")

# ---------------------------------------------------------------- logistics
C("cold_chain", "logistics", None,
  "Cold chain", "โลจิสติกส์ห่วงโซ่ความเย็น (Cold Chain)", "コールドチェーン",
  "cold chain|temperature-controlled logistics|reefer|cold storage|temperature logging",
  "โซ่ความเย็น|ห้องเย็น|ขนส่งควบคุมอุณหภูมิ|รถห้องเย็น|คลังสินค้าห้องเย็น|โคลด์เชน",
  "低温物流|冷凍冷蔵倉庫|温度管理物流|冷凍車|保冷")
C("wms", "logistics", None,
  "Warehouse management system (WMS)", "ระบบบริหารจัดการคลังสินค้า (WMS)", "WMS（倉庫管理システム）",
  "WMS|warehouse management|warehouse management system|stock location|picking",
  "ระบบคลังสินค้า|บริหารคลังสินค้า|ระบบ WMS|จัดการคลังสินค้า|หยิบสินค้า",
  "倉庫管理システム|倉庫管理|在庫ロケーション管理|ピッキング|入出庫管理")
C("warehouse_automation", "logistics", None,
  "Warehouse automation (AS/RS)", "ระบบคลังสินค้าอัตโนมัติ (AS/RS)", "自動倉庫（AS/RS）",
  "AS/RS|ASRS|automated storage and retrieval|automated warehouse|shuttle system|sorter|conveyor system",
  "คลังสินค้าอัตโนมัติ|ระบบจัดเก็บอัตโนมัติ|สายพานลำเลียง|เครื่องคัดแยกสินค้า",
  "自動倉庫|立体自動倉庫|マテハン|ソーター|コンベヤ|搬送設備")
C("agv", "logistics", None,
  "AGVs and autonomous mobile robots (AMR)", "รถขนส่งอัตโนมัติ (AGV/AMR)", "無人搬送車（AGV/AMR）",
  "AGV|automated guided vehicle|AMR|autonomous mobile robot|mobile robot|forklift automation",
  "รถ AGV|รถลำเลียงอัตโนมัติ|หุ่นยนต์ขนส่ง|หุ่นยนต์เคลื่อนที่อัตโนมัติ|รถขนของอัตโนมัติ",
  "無人搬送車|自律走行搬送ロボット|搬送ロボット|無人フォークリフト")
C("fleet_management", "logistics", None,
  "Fleet and transport management (TMS)", "ระบบบริหารการขนส่งและยานพาหนะ (TMS)", "輸配送管理・車両管理（TMS）",
  "fleet management|TMS|transport management|GPS tracking|telematics|vehicle tracking",
  "ระบบติดตามรถ|GPS ติดตามรถ|บริหารการขนส่ง|บริหารกองรถ|ระบบ TMS|เทเลเมติกส์",
  "運行管理|車両管理|輸配送管理|動態管理|テレマティクス")
C("route_optimisation", "logistics", "fleet_management",
  "Route optimisation", "การวางแผนเส้นทางขนส่งที่เหมาะสม", "配送ルート最適化",
  "route optimisation|route optimization|vehicle routing|delivery planning|load planning",
  "วางแผนเส้นทาง|จัดเส้นทางเดินรถ|เส้นทางขนส่ง|ลดต้นทุนขนส่ง",
  "配車計画|ルート最適化|配送計画|積載効率|自動配車")
C("last_mile_delivery", "logistics", None,
  "Last-mile delivery", "การขนส่งช่วงสุดท้ายถึงผู้รับ (Last Mile)", "ラストワンマイル配送",
  "last mile|last-mile delivery|parcel delivery|e-commerce fulfilment",
  "ลาสต์ไมล์|ส่งพัสดุ|ขนส่งพัสดุ|จัดส่งถึงมือลูกค้า",
  "ラストワンマイル|ラストマイル|宅配|EC物流")
C("cross_border_logistics", "logistics", None,
  "Cross-border logistics and customs", "โลจิสติกส์ข้ามแดนและพิธีการศุลกากร", "越境物流・通関",
  "cross-border logistics|customs clearance|cross-border trade|freight forwarding|border trade",
  "ขนส่งข้ามแดน|การค้าชายแดน|พิธีการศุลกากร|ชิปปิ้ง|ผ่านพิธีการศุลกากร",
  "越境物流|通関|国際物流|フォワーダー|陸路輸送")
C("supply_chain_management", "logistics", None,
  "Supply chain management (SCM)", "การจัดการห่วงโซ่อุปทาน (SCM)", "サプライチェーン管理（SCM）",
  "supply chain|SCM|supply chain management|supplier management|procurement",
  "ห่วงโซ่อุปทาน|ซัพพลายเชน|บริหารซัพพลายเออร์|ระบบจัดซื้อ",
  "サプライチェーン|調達管理|サプライヤー管理|購買管理")
C("demand_forecasting", "logistics", "supply_chain_management",
  "Demand forecasting", "การพยากรณ์ความต้องการสินค้า", "需要予測",
  "demand forecasting|sales forecasting|demand planning",
  "พยากรณ์ยอดขาย|คาดการณ์ความต้องการ|พยากรณ์ความต้องการ|วางแผนอุปสงค์",
  "販売予測|需要計画|AI需要予測")
C("inventory_management", "logistics", "supply_chain_management",
  "Inventory management", "การบริหารสินค้าคงคลัง", "在庫管理",
  "inventory management|stock control|inventory optimisation|stock management",
  "สินค้าคงคลัง|สต็อกสินค้า|บริหารสต็อก|ควบคุมสต็อก|ลดสต็อก",
  "在庫最適化|在庫削減|棚卸|在庫管理システム")
C("freight_matching", "logistics", None,
  "Digital freight platforms", "แพลตฟอร์มจับคู่ขนส่งสินค้า", "求貨求車・物流マッチング",
  "freight matching|digital freight|truck booking|logistics platform|backhaul",
  "จับคู่รถขนส่ง|แพลตฟอร์มขนส่ง|หารถขนส่ง|รถเที่ยวเปล่า|เรียกรถบรรทุก",
  "求貨求車|物流マッチング|帰り便|トラック予約|物流プラットフォーム")

# ---------------------------------------------------------------- energy (and utilities)
C("energy_management", "energy", None,
  "Energy management (EMS)", "ระบบบริหารจัดการพลังงาน (EMS)", "エネルギー管理（EMS）",
  "energy management|EMS|FEMS|BEMS|energy monitoring|power monitoring|ISO 50001",
  "การจัดการพลังงาน|บริหารจัดการพลังงาน|ระบบ EMS|มอนิเตอร์พลังงาน|ติดตามการใช้ไฟฟ้า",
  "エネルギーマネジメント|エネルギー管理システム|電力の見える化|電力監視|デマンド監視")
C("smart_metering", "energy", "energy_management",
  "Smart metering", "มิเตอร์อัจฉริยะ (Smart Meter)", "スマートメーター",
  "smart meter|smart metering|sub-metering|AMI",
  "สมาร์ทมิเตอร์|มิเตอร์ไฟฟ้าอัจฉริยะ|มิเตอร์ย่อย",
  "スマートメータ|電力計測|サブメータ")
C("energy_efficiency", "energy", None,
  "Energy efficiency", "การอนุรักษ์พลังงานและเพิ่มประสิทธิภาพการใช้พลังงาน", "省エネルギー",
  "energy efficiency|energy saving|energy conservation|electricity cost reduction",
  "ประหยัดพลังงาน|ลดค่าไฟ|อนุรักษ์พลังงาน|เพิ่มประสิทธิภาพการใช้พลังงาน|ลดการใช้พลังงาน",
  "省エネ|省エネ対策|電力削減|エネルギー効率|電気代削減")
C("energy_audit", "energy", "energy_efficiency",
  "Energy audit", "การตรวจวัดและวิเคราะห์การใช้พลังงาน", "省エネ診断",
  "energy audit|energy assessment|energy diagnosis",
  "ตรวจวัดพลังงาน|ตรวจประเมินการใช้พลังงาน|การตรวจสอบพลังงาน",
  "エネルギー診断|エネルギー監査")
C("waste_heat_recovery", "energy", "energy_efficiency",
  "Waste heat recovery", "การนำความร้อนเหลือทิ้งกลับมาใช้", "排熱回収",
  "waste heat recovery|heat recovery|heat pump|exhaust heat",
  "ความร้อนเหลือทิ้ง|ความร้อนทิ้ง|ฮีตปั๊ม|ปั๊มความร้อน|นำความร้อนกลับมาใช้",
  "廃熱回収|排熱利用|ヒートポンプ|熱回収")
C("compressed_air_efficiency", "energy", "energy_efficiency",
  "Compressed air efficiency", "การประหยัดพลังงานในระบบลมอัด", "圧縮空気の省エネ",
  "compressed air|air leak detection|air compressor efficiency|compressor optimisation",
  "ระบบลมอัด|ปั๊มลม|ลมรั่ว|ตรวจหาลมรั่ว|คอมเพรสเซอร์",
  "コンプレッサー|エア漏れ|エアー漏れ対策|圧縮空気|コンプレッサ省エネ")
C("inverter_motors", "energy", "energy_efficiency",
  "High-efficiency motors and inverters", "มอเตอร์ประสิทธิภาพสูงและอินเวอร์เตอร์", "高効率モーター・インバーター",
  "inverter|VSD|variable speed drive|high-efficiency motor|IE3 motor",
  "อินเวอร์เตอร์|มอเตอร์ประสิทธิภาพสูง|ปรับรอบมอเตอร์",
  "インバーター|インバータ|高効率モータ|IE3モーター|回転数制御")
C("cogeneration", "energy", None,
  "Cogeneration (CHP)", "ระบบผลิตไฟฟ้าและความร้อนร่วม (โคเจนเนอเรชั่น)", "コージェネレーション",
  "cogeneration|CHP|combined heat and power|trigeneration",
  "โคเจนเนอเรชั่น|โคเจน|ผลิตไฟฟ้าและความร้อนร่วม",
  "コジェネ|コージェネ|熱電併給|ガスコージェネ")
C("renewable_energy", "energy", None,
  "Renewable energy", "พลังงานหมุนเวียน", "再生可能エネルギー",
  "renewables|renewable energy|clean energy|green power",
  "พลังงานทดแทน|พลังงานสะอาด|พลังงานหมุนเวียน",
  "再エネ|クリーンエネルギー|グリーン電力")
C("solar_pv", "energy", "renewable_energy",
  "Solar PV", "พลังงานแสงอาทิตย์ (โซลาร์เซลล์)", "太陽光発電",
  "solar|solar PV|solar rooftop|photovoltaic|solar PPA",
  "โซลาร์เซลล์|โซล่าเซลล์|โซลาร์รูฟท็อป|โซลาร์รูฟ|แผงโซลาร์|ติดตั้งโซลาร์",
  "太陽光|ソーラー|屋根置き太陽光|自家消費型太陽光|PPAモデル")
C("biomass_biogas", "energy", "renewable_energy",
  "Biomass and biogas", "ชีวมวลและก๊าซชีวภาพ", "バイオマス・バイオガス",
  "biomass|biogas|waste-to-energy|biomass boiler",
  "ชีวมวล|ไบโอแก๊ส|ก๊าซชีวภาพ|หม้อไอน้ำชีวมวล|ขยะเป็นพลังงาน",
  "バイオマス|バイオガス|バイオマスボイラー|メタン発酵")
C("battery_storage", "energy", None,
  "Battery energy storage", "ระบบกักเก็บพลังงานด้วยแบตเตอรี่", "蓄電池・エネルギー貯蔵",
  "battery storage|BESS|energy storage|lithium-ion battery|battery management system|BMS",
  "แบตเตอรี่|ระบบกักเก็บพลังงาน|แบตเตอรี่ลิเธียม|ESS",
  "蓄電池|蓄電システム|リチウムイオン電池|バッテリー")
C("ev_charging", "energy", None,
  "EV charging infrastructure", "สถานีอัดประจุไฟฟ้าสำหรับยานยนต์ไฟฟ้า (EV Charger)", "EV充電インフラ",
  "EV charging|EV charger|charging station",
  "สถานีชาร์จรถยนต์ไฟฟ้า|ที่ชาร์จรถ EV|สถานีชาร์จ EV",
  "EV充電|充電スタンド|急速充電器")
C("smart_grid", "energy", None,
  "Smart grid and microgrid", "สมาร์ทกริดและไมโครกริด", "スマートグリッド・マイクログリッド",
  "smart grid|microgrid|demand response|virtual power plant|VPP",
  "สมาร์ทกริด|ไมโครกริด|โครงข่ายไฟฟ้าอัจฉริยะ|การตอบสนองด้านโหลด",
  "スマートグリッド|マイクログリッド|デマンドレスポンス|仮想発電所")
C("carbon_accounting", "energy", None,
  "Carbon footprint and GHG accounting", "คาร์บอนฟุตพริ้นท์และการคำนวณก๊าซเรือนกระจก", "カーボンフットプリント・GHG算定",
  "carbon footprint|GHG accounting|CO2 reduction|decarbonisation|carbon neutral",
  "คาร์บอนฟุตพริ้นท์|คาร์บอนฟุตพริ้นต์|ลดการปล่อยก๊าซเรือนกระจก|ลดคาร์บอน|คาร์บอนเครดิต|ก๊าซเรือนกระจก",
  "CO2削減|脱炭素|カーボンニュートラル|温室効果ガス|CFP")
C("water_treatment", "energy", None,
  "Water and wastewater treatment", "ระบบบำบัดน้ำและน้ำเสีย", "水処理・排水処理",
  "water treatment|wastewater treatment|water recycling|effluent treatment|RO system",
  "บำบัดน้ำเสีย|ระบบบำบัดน้ำเสีย|รีไซเคิลน้ำ|ระบบผลิตน้ำ RO|น้ำทิ้ง",
  "水処理|排水処理|廃水処理|水リサイクル|RO膜")

# ---------------------------------------------------------------- health
C("medical_devices", "health", None,
  "Medical devices", "เครื่องมือแพทย์", "医療機器",
  "medical device|medical devices|medical equipment|ISO 13485|medical disposables",
  "อุปกรณ์การแพทย์|เครื่องมือทางการแพทย์|ผลิตเครื่องมือแพทย์|วัสดุทางการแพทย์",
  "医療機器製造|医療機器開発|ディスポーザブル医療機器|ISO13485")
C("telemedicine", "health", None,
  "Telemedicine", "การแพทย์ทางไกล (Telemedicine)", "遠隔医療",
  "telemedicine|telehealth|online consultation|remote consultation|virtual care",
  "แพทย์ทางไกล|เทเลเมดิซีน|ปรึกษาแพทย์ออนไลน์|หมอออนไลน์|พบแพทย์ออนไลน์",
  "オンライン診療|遠隔診療|テレヘルス|遠隔医療相談")
C("remote_patient_monitoring", "health", "telemedicine",
  "Remote patient monitoring and wearables", "การติดตามผู้ป่วยทางไกลและอุปกรณ์สวมใส่", "遠隔患者モニタリング・ウェアラブル",
  "remote patient monitoring|RPM|wearables|wearable device|vital signs monitoring",
  "อุปกรณ์สวมใส่|อุปกรณ์สวมใส่อัจฉริยะ|ติดตามสัญญาณชีพ|ติดตามผู้ป่วยที่บ้าน",
  "ウェアラブル|ウェアラブル端末|バイタルセンサー|バイタルデータ|遠隔モニタリング")
C("hospital_logistics", "health", None,
  "Hospital logistics", "โลจิสติกส์ในโรงพยาบาล", "病院物流",
  "hospital logistics|medical supply chain|pharmacy automation|drug dispensing|hospital delivery robot",
  "ระบบจ่ายยาอัตโนมัติ|โลจิสติกส์โรงพยาบาล|ระบบจัดการเวชภัณฑ์|หุ่นยนต์ส่งของในโรงพยาบาล|คลังเวชภัณฑ์",
  "院内物流|SPD|薬剤払い出し|院内搬送|医薬品物流")
C("hospital_information_system", "health", None,
  "Hospital information systems (HIS/EMR)", "ระบบสารสนเทศโรงพยาบาล (HIS)", "病院情報システム・電子カルテ",
  "HIS|hospital information system|EMR|EHR|electronic medical record|PACS",
  "ระบบ HIS|เวชระเบียนอิเล็กทรอนิกส์|ระบบโรงพยาบาล|ระบบเวชระเบียน",
  "電子カルテ|医療情報システム|病院情報システム|オーダリング")
C("pharma_gmp", "health", None,
  "Pharmaceutical GMP", "มาตรฐาน GMP สำหรับการผลิตยา", "医薬品GMP",
  "pharma GMP|pharmaceutical manufacturing|PIC/S|GMP|validation|computer system validation",
  "GMP ยา|โรงงานผลิตยา|PIC/S GMP|ผลิตยา|วาลิเดชัน",
  "医薬品製造|バリデーション|製薬|コンピュータ化システムバリデーション")
C("lab_automation", "health", None,
  "Laboratory automation", "ระบบอัตโนมัติในห้องปฏิบัติการ", "ラボオートメーション",
  "lab automation|laboratory automation|LIMS|liquid handling|laboratory information management",
  "ห้องแล็บอัตโนมัติ|ระบบ LIMS|ระบบจัดการห้องแล็บ|ห้องปฏิบัติการอัตโนมัติ",
  "ラボ自動化|検査自動化|分注ロボット|実験自動化")
C("medical_ai", "health", "ai_ml",
  "AI for diagnostics and medical imaging", "AI ทางการแพทย์และการวินิจฉัยจากภาพ", "医療AI・画像診断支援",
  "medical AI|AI diagnosis|medical imaging AI|radiology AI|digital pathology",
  "AI การแพทย์|ปัญญาประดิษฐ์ทางการแพทย์|วินิจฉัยด้วย AI|อ่านภาพเอกซเรย์ด้วย AI",
  "医療AI|AI診断|画像診断支援|病理画像|内視鏡AI")
C("elderly_care_tech", "health", None,
  "Elderly care technology", "เทคโนโลยีดูแลผู้สูงอายุ", "介護テック・高齢者見守り",
  "elderly care|aged care|assistive technology|care robot|fall detection|ageing society",
  "ดูแลผู้สูงอายุ|สังคมผู้สูงอายุ|ผู้สูงวัย|หุ่นยนต์ดูแลผู้สูงอายุ|ตรวจจับการล้ม",
  "介護|介護ロボット|見守り|高齢者見守り|転倒検知|介護テック")
C("sterilisation", "health", None,
  "Sterilisation and infection control", "การทำให้ปราศจากเชื้อและการควบคุมการติดเชื้อ", "滅菌・感染対策",
  "sterilisation|sterilization|infection control|autoclave|CSSD|UV disinfection",
  "ฆ่าเชื้อ|ทำให้ปราศจากเชื้อ|ควบคุมการติดเชื้อ|หน่วยจ่ายกลาง|ตู้อบฆ่าเชื้อ",
  "滅菌|感染対策|オートクレーブ|院内感染|UV除菌")


def _key(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


def build() -> dict:
    codes = [r[0] for r in ROWS]
    problems: list[str] = []
    if len(codes) != len(set(codes)):
        problems.append("duplicate codes")
    owner: dict[str, str] = {}
    concepts = []
    for code, domain, broader, en, th, ja, en_s, th_s, ja_s in ROWS:
        if domain not in DOMAINS:
            problems.append(f"{code}: domain {domain}")
        if broader is not None and broader not in codes:
            problems.append(f"{code}: broader {broader} unknown")
        labels = {"en": en, "th": th, "ja": ja}
        syns = {}
        for lang, raw in (("en", en_s), ("th", th_s), ("ja", ja_s)):
            seen = {_key(labels[lang])}
            out = []
            for s in (x.strip() for x in raw.split("|")):
                if s and _key(s) not in seen:
                    seen.add(_key(s))
                    out.append(s)
            syns[lang] = out
            for s in [labels[lang], *out]:
                k = _key(s)
                if owner.setdefault(k, code) != code:
                    problems.append(f"'{s}' under {owner[k]} and {code}")
        concepts.append({"code": code, "domain": domain, "broader": broader, "labels": labels, "synonyms": syns})
    # no cycles
    parent = {c["code"]: c["broader"] for c in concepts}
    for c in parent:
        seen, cur = set(), c
        while cur is not None:
            if cur in seen:
                problems.append(f"cycle at {c}")
                break
            seen.add(cur)
            cur = parent[cur]
    if problems:
        sys.exit("\n".join(problems))
    return {"version": 1, "concepts": concepts}


if __name__ == "__main__":
    data = build()
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(data['concepts'])} concepts")
