"""Sentences of the assignment engine (infeasibility, input errors, checker) in th/ja/en."""

from __future__ import annotations

from kizuna.engine.messages import register

MESSAGES = register(
    {
        # --- input errors -------------------------------------------------------
        "assign_input_shape": {
            "en": "The assignment input %(field)s has %(got)s entries where %(expected)s are needed.",
            "th": "ข้อมูล %(field)s ของการจับคู่มี %(got)s รายการ แต่ต้องมี %(expected)s รายการ",
            "ja": "割り当ての入力 %(field)s の要素数は %(got)s ですが、%(expected)s 個必要です。",
        },
        "assign_input_range": {
            "en": "The assignment input %(field)s at position %(index)s holds %(value)s, which is outside %(allowed)s.",
            "th": "ข้อมูล %(field)s ของการจับคู่ที่ตำแหน่ง %(index)s มีค่า %(value)s ซึ่งอยู่นอกช่วง %(allowed)s",
            "ja": "割り当ての入力 %(field)s の位置 %(index)s の値 %(value)s は範囲 %(allowed)s の外です。",
        },
        "assign_input_duplicate": {
            "en": "The pair %(seeker)s – %(provider)s is listed more than once among the candidate pairs.",
            "th": "คู่ %(seeker)s – %(provider)s ปรากฏในรายการคู่ที่เป็นไปได้มากกว่าหนึ่งครั้ง",
            "ja": "候補の組 %(seeker)s – %(provider)s が複数回記載されています。",
        },
        "assign_input_group": {
            "en": "The quota for group %(group)s has minimum %(low)s and maximum %(high)s; both must be whole numbers of at least 0.",
            "th": "โควตาของกลุ่ม %(group)s มีค่าต่ำสุด %(low)s และสูงสุด %(high)s ซึ่งทั้งสองต้องเป็นจำนวนเต็มไม่น้อยกว่า 0",
            "ja": "グループ %(group)s の枠は最小 %(low)s・最大 %(high)s ですが、どちらも 0 以上の整数でなければなりません。",
        },
        # --- infeasibility ------------------------------------------------------
        "assign_lo_above_hi": {
            "en": "%(count)d seekers ask for more providers at least than at most (minimum above maximum): %(names)s.",
            "th": "ผู้ขอรับ %(count)d รายกำหนดจำนวนผู้ให้ขั้นต่ำมากกว่าจำนวนสูงสุด: %(names)s",
            "ja": "%(count)d 件の依頼側で、提供側の最小数が最大数を上回っています: %(names)s",
        },
        "assign_locked_forbidden": {
            "en": "%(count)d pairs are both locked and forbidden: %(names)s.",
            "th": "มี %(count)d คู่ที่ถูกทั้งล็อกและห้ามจับคู่พร้อมกัน: %(names)s",
            "ja": "%(count)d 組が固定と禁止の両方に指定されています: %(names)s",
        },
        "assign_locked_above_hi": {
            "en": "%(count)d seekers have more locked pairs than their maximum number of providers: %(names)s.",
            "th": "ผู้ขอรับ %(count)d รายมีคู่ที่ล็อกไว้มากกว่าจำนวนผู้ให้สูงสุดที่กำหนด: %(names)s",
            "ja": "%(count)d 件の依頼側で、固定された組の数が提供側の最大数を超えています: %(names)s",
        },
        "assign_locked_above_capacity": {
            "en": "%(count)d providers have more locked pairs than their capacity: %(names)s.",
            "th": "ผู้ให้ %(count)d รายมีคู่ที่ล็อกไว้มากกว่าจำนวนที่รับได้: %(names)s",
            "ja": "%(count)d 件の提供側で、固定された組の数が受け入れ可能数を超えています: %(names)s",
        },
        "assign_no_allowed_provider": {
            "en": "%(count)d seekers need at least one provider but have no allowed candidate with room left: %(names)s.",
            "th": "ผู้ขอรับ %(count)d รายต้องการผู้ให้อย่างน้อยหนึ่งราย แต่ไม่มีคู่ที่อนุญาตและยังรับได้เลย: %(names)s",
            "ja": "%(count)d 件の依頼側は提供側が最低 1 件必要ですが、許可されていて空きのある候補がありません: %(names)s",
        },
        "assign_too_few_candidates": {
            "en": "%(count)d seekers have fewer allowed candidates than their minimum number of providers: %(names)s.",
            "th": "ผู้ขอรับ %(count)d รายมีคู่ที่อนุญาตน้อยกว่าจำนวนผู้ให้ขั้นต่ำที่ต้องการ: %(names)s",
            "ja": "%(count)d 件の依頼側で、許可された候補が必要な提供側の最小数より少なくなっています: %(names)s",
        },
        "assign_capacity_below_demand": {
            "en": "The providers can take %(capacity)d pairs in all, but the seekers need at least %(demand)d.",
            "th": "ผู้ให้ทั้งหมดรับได้รวม %(capacity)d คู่ แต่ผู้ขอรับต้องการอย่างน้อย %(demand)d คู่",
            "ja": "提供側が受け入れられるのは合計 %(capacity)d 組ですが、依頼側には最低 %(demand)d 組が必要です。",
        },
        "assign_group_min_above_max": {
            "en": "The quota for group %(group)s asks for at least %(low)d pairs but at most %(high)d.",
            "th": "โควตาของกลุ่ม %(group)s กำหนดอย่างน้อย %(low)d คู่ แต่ไม่เกิน %(high)d คู่",
            "ja": "グループ %(group)s の枠は最低 %(low)d 組、最大 %(high)d 組となっており矛盾しています。",
        },
        "assign_group_min_unreachable": {
            "en": "Group %(group)s needs at least %(low)d pairs, but its seekers can take at most %(reach)d.",
            "th": "กลุ่ม %(group)s ต้องมีอย่างน้อย %(low)d คู่ แต่ผู้ขอรับในกลุ่มรับได้ไม่เกิน %(reach)d คู่",
            "ja": "グループ %(group)s には最低 %(low)d 組が必要ですが、その依頼側が受けられるのは最大 %(reach)d 組です。",
        },
        "assign_group_max_below_need": {
            "en": "Group %(group)s may have at most %(high)d pairs, but its seekers need at least %(need)d (minimums and locked pairs).",
            "th": "กลุ่ม %(group)s มีได้ไม่เกิน %(high)d คู่ แต่ผู้ขอรับในกลุ่มต้องการอย่างน้อย %(need)d คู่ (ขั้นต่ำและคู่ที่ล็อกไว้)",
            "ja": "グループ %(group)s の上限は %(high)d 組ですが、その依頼側には最低 %(need)d 組(最小数と固定された組)が必要です。",
        },
        "assign_seekers_left_short": {
            "en": "The candidates cannot give %(count)d seekers their minimum number of providers at the same time (their candidates are taken by others): %(names)s.",
            "th": "ไม่สามารถจัดผู้ให้ตามจำนวนขั้นต่ำให้ผู้ขอรับ %(count)d รายพร้อมกันได้ (ผู้ให้ที่เป็นไปได้ถูกจับคู่กับผู้อื่นจนเต็ม): %(names)s",
            "ja": "%(count)d 件の依頼側に最小数の提供側を同時に割り当てることができません(候補が他で埋まっています): %(names)s",
        },
        "assign_groups_left_short": {
            "en": "The candidates cannot reach the minimum quota of %(count)d groups at the same time: %(names)s.",
            "th": "ไม่สามารถทำให้ %(count)d กลุ่มได้ตามโควตาขั้นต่ำพร้อมกันได้: %(names)s",
            "ja": "%(count)d グループの最低枠を同時に満たすことができません: %(names)s",
        },
        "assign_infeasible": {
            "en": "No assignment satisfies every constraint: %(details)s",
            "th": "ไม่มีการจับคู่ใดที่เป็นไปตามเงื่อนไขทั้งหมด: %(details)s",
            "ja": "すべての条件を満たす割り当てはありません: %(details)s",
        },
        "assign_time_limit": {
            "en": "The fairness mode found no assignment within the time limit of %(seconds)s seconds.",
            "th": "โหมดความเป็นธรรมไม่พบการจับคู่ภายในเวลาที่กำหนด %(seconds)s วินาที",
            "ja": "公平性モードでは制限時間 %(seconds)s 秒以内に割り当てが見つかりませんでした。",
        },
        # --- checker ------------------------------------------------------------
        "assign_check_edge_range": {
            "en": "The result lists edge %(edge)s, which is not a candidate pair of this problem.",
            "th": "ผลลัพธ์มีคู่หมายเลข %(edge)s ซึ่งไม่ใช่คู่ที่เป็นไปได้ของปัญหานี้",
            "ja": "結果に含まれる組 %(edge)s はこの問題の候補ではありません。",
        },
        "assign_check_edge_repeated": {
            "en": "The pair %(seeker)s – %(provider)s appears more than once in the result.",
            "th": "คู่ %(seeker)s – %(provider)s ปรากฏในผลลัพธ์มากกว่าหนึ่งครั้ง",
            "ja": "組 %(seeker)s – %(provider)s が結果に複数回含まれています。",
        },
        "assign_check_forbidden": {
            "en": "The forbidden pair %(seeker)s – %(provider)s is in the result.",
            "th": "คู่ต้องห้าม %(seeker)s – %(provider)s อยู่ในผลลัพธ์",
            "ja": "禁止された組 %(seeker)s – %(provider)s が結果に含まれています。",
        },
        "assign_check_locked": {
            "en": "The locked pair %(seeker)s – %(provider)s is missing from the result.",
            "th": "คู่ที่ล็อกไว้ %(seeker)s – %(provider)s ไม่อยู่ในผลลัพธ์",
            "ja": "固定された組 %(seeker)s – %(provider)s が結果にありません。",
        },
        "assign_check_below_minimum": {
            "en": "Seeker %(seeker)s has %(load)d providers but needs at least %(low)d.",
            "th": "ผู้ขอรับ %(seeker)s ได้ผู้ให้ %(load)d ราย แต่ต้องการอย่างน้อย %(low)d ราย",
            "ja": "依頼側 %(seeker)s の提供側は %(load)d 件ですが、最低 %(low)d 件必要です。",
        },
        "assign_check_above_maximum": {
            "en": "Seeker %(seeker)s has %(load)d providers but may have at most %(high)d.",
            "th": "ผู้ขอรับ %(seeker)s ได้ผู้ให้ %(load)d ราย แต่มีได้ไม่เกิน %(high)d ราย",
            "ja": "依頼側 %(seeker)s の提供側は %(load)d 件ですが、最大 %(high)d 件までです。",
        },
        "assign_check_over_capacity": {
            "en": "Provider %(provider)s has %(load)d seekers but can take at most %(capacity)d.",
            "th": "ผู้ให้ %(provider)s ได้ผู้ขอรับ %(load)d ราย แต่รับได้ไม่เกิน %(capacity)d ราย",
            "ja": "提供側 %(provider)s の依頼側は %(load)d 件ですが、受け入れ可能数は %(capacity)d 件です。",
        },
        "assign_check_group_below": {
            "en": "Group %(group)s has %(load)d pairs but its quota asks for at least %(low)d.",
            "th": "กลุ่ม %(group)s มี %(load)d คู่ แต่โควตากำหนดอย่างน้อย %(low)d คู่",
            "ja": "グループ %(group)s の組数は %(load)d ですが、枠の最低は %(low)d 組です。",
        },
        "assign_check_group_above": {
            "en": "Group %(group)s has %(load)d pairs but its quota allows at most %(high)d.",
            "th": "กลุ่ม %(group)s มี %(load)d คู่ แต่โควตาอนุญาตไม่เกิน %(high)d คู่",
            "ja": "グループ %(group)s の組数は %(load)d ですが、枠の上限は %(high)d 組です。",
        },
        "assign_check_objective": {
            "en": "The result reports objective %(reported)s, but its pairs add up to %(actual)s.",
            "th": "ผลลัพธ์รายงานค่าวัตถุประสงค์ %(reported)s แต่ผลรวมของคู่คือ %(actual)s",
            "ja": "結果の目的関数値は %(reported)s ですが、組の合計は %(actual)s です。",
        },
        "assign_check_bound": {
            "en": "The result reports bound %(bound)s below its objective %(objective)s.",
            "th": "ผลลัพธ์รายงานขอบเขต %(bound)s ต่ำกว่าค่าวัตถุประสงค์ %(objective)s",
            "ja": "結果の上界 %(bound)s が目的関数値 %(objective)s を下回っています。",
        },
        "assign_check_violations": {
            "en": "The assignment breaks %(count)d constraints: %(details)s",
            "th": "การจับคู่ละเมิดเงื่อนไข %(count)d ข้อ: %(details)s",
            "ja": "割り当ては %(count)d 件の条件に違反しています: %(details)s",
        },
    }
)
