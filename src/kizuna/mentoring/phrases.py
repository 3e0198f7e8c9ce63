"""The sentences of the mentoring domain's errors, by code (see
kizuna.common.errors). Each is a whole sentence with named values (%(name)s); the
codes are stable, so programs using the API can rely on them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ERRORS = {
    # rounds: settings and participants
    "setting_not_whole": _("The setting %(name)s must be a whole number of at least 0, not %(value)s."),
    "settings_lo_above_hi": _("The minimum number of mentors per SME (%(lo)s) is above the maximum (%(hi)s)."),
    "encoder_unknown": _("Unknown text encoder %(value)s."),
    "weights_invalid": _("The matching weights cannot be used: %(reason)s"),
    "quota_not_numbers": _("The quota of industry group %(group)s must be two numbers, minimum and maximum."),
    "quota_order": _("The quota of industry group %(group)s must have 0 ≤ minimum ≤ maximum."),
    "participant_lo_above_hi": _("%(name)s: the minimum (%(lo)s) is above the maximum (%(hi)s)."),
    "round_closed": _("This round is closed."),
    "earlier_pairs_unknown": _(
        "The setting for earlier pairs (earlier_pairs) must be one of %(allowed)s, not %(value)s."
    ),
    # runs
    "run_in_progress": _("A run of this round is already in progress; wait for it or cancel it."),
    "run_ended": _("This run has already ended."),
    "compare_other": _(
        "The run to compare with (other) must be the number of another run of this round, not %(value)s."
    ),
    "swap_other_run": _("Both pairs of a swap must come from the same run."),
    "swap_same_party": _("A swap needs two pairs with different mentors and different SMEs."),
    "pair_self": _("%(organisation)s cannot be paired with itself; choose a different mentor or SME."),
    "pair_not_mentor": _("%(organisation)s does not take part in this round as a mentor, so it cannot mentor anyone here."),
    "pair_not_mentee": _("%(organisation)s does not take part in this round as an SME, so it cannot be mentored here."),
    "pair_clmv_only": _(
        "%(mentor)s mentors CLMV companies and is a mentor only to them in this round, and %(mentee)s is not a CLMV "
        "company. An officer can open it to every SME on the participants page."
    ),
    "pair_exists": _(
        "%(mentor)s and %(mentee)s are already a pair in round %(number)s of this programme; a pair is never proposed twice."
    ),
    # pairings
    "run_other_round": _("This run belongs to another round."),
    "run_not_finished": _("Only a finished run can be published."),
    "pairing_not_pending": _("This pair is no longer waiting for answers."),
    "side_unknown": _("Unknown side %(side)s."),
    "side_answered": _("This side has already answered."),
    "decline_reason": _("Please give a reason for declining."),
    "rerun_not_declined": _("Only a declined pair can be re-matched."),
    "publish_confirm": _(
        "Publishing needs a confirmation: open the preview of what will be sent to whom, check it, and confirm."
    ),
    "publish_preview_changed": _(
        "The pairs to publish have changed since the preview was shown; check the new preview and confirm again."
    ),
    "unpublish_nothing": _("This round has no published pairs to withdraw."),
    "unpublish_publication": _(
        "The publication to withdraw (publication) must be the date and time of the round's latest publication, not %(value)s."
    ),
    "unpublish_answered": _(
        "The publication can no longer be undone: %(company)s has already answered its pair. Pairs that have an "
        "answer can only be declined or re-matched one by one."
    ),
    "pairing_withdrawn": _("This pair was withdrawn by the programme officer and no longer waits for an answer."),
    # plans
    "plan_pair_not_accepted": _(
        "A technology-transfer plan is made only for a pair that both sides have accepted."
    ),
    "concepts_unknown": _("These are not technologies of the taxonomy: %(codes)s."),
    "milestone_title": _("Give the milestone a title."),
    "submission_key_other": _("This form was already sent for another plan; open the plan again and send it from there."),
    "attachment_count": _("A plan holds at most %(limit)s attachments; this plan has reached the limit."),
    "plan_completed": _("This plan is completed; its milestones can no longer change."),
    "milestone_done_due": _("This milestone is already done; its due date can no longer change."),
    "milestone_done_future": _("A milestone cannot be marked done on a date in the future."),
    "attachment_too_big": _("The file %(name)s is %(size)s MB; an attachment can be at most 10 MB."),
    "attachment_type": _(
        "The file %(name)s is not of an accepted type: attach a PDF, PNG, JPEG, XLSX, DOCX or PPTX file."
    ),
    "attachment_not_really": _("The file %(name)s is not really a %(type)s file; attach the original document."),
    "update_text": _("Write what has happened since the last update."),
    "not_a_number": _("Enter a number."),
    "productivity_before_negative": _("The productivity figure before cannot be negative."),
    "productivity_after_negative": _("The productivity figure after cannot be negative."),
    "investment_negative": _("The investment cannot be negative."),
    "jobs_created_negative": _("The number of jobs created cannot be negative."),
    "jobs_retained_negative": _("The number of jobs retained cannot be negative."),
    "jobs_whole": _("A number of jobs is a whole number."),
    "productivity_both": _("Give the productivity figure both before and after, or neither."),
    "productivity_name": _("Name the productivity figure and its unit (for example: defect rate, %)."),
    # CLMV links
    "clmv_mentor_not_thai": _(
        "Only a Thai company can be registered as a mentor to CLMV companies; %(organisation)s is in %(country)s."
    ),
    "clmv_mentor_no_plan": _(
        "%(organisation)s has not completed a technology-transfer plan, so it cannot mentor other companies yet."
    ),
    "clmv_mentor_not_company": _(
        "%(organisation)s is registered as “%(kind)s”, not as a company; only a Thai company that completed "
        "a technology-transfer plan as an SME in Big Brother can mentor CLMV companies."
    ),
    "clmv_mentee_not_company": _(
        "%(organisation)s is registered as “%(kind)s”, not as a company; only a company in Cambodia, Laos, "
        "Myanmar or Vietnam can be mentored onward as a CLMV company."
    ),
    "clmv_mentee_not_clmv": _(
        "%(organisation)s is in %(country)s, which is not a CLMV country (Cambodia, Laos, Myanmar or Vietnam)."
    ),
    "clmv_not_mentoring": _("%(programme)s is not a mentoring programme."),
    "clmv_not_learned_from": _("%(organisation)s did not complete a technology-transfer plan with %(mentor)s."),
    "clmv_year": _(
        "The onward round must be in %(year)s or later, after the plan that %(organisation)s completed."
    ),
    "clmv_duplicate": _("%(mentor)s already mentors %(mentee)s in %(programme)s."),
    # weight fits (quality-b)
    "fit_other_programme": _("This weight fit was made for another programme than the round's."),
    "fit_not_usable": _("This weight fit has no fitted weights to adopt."),
}
