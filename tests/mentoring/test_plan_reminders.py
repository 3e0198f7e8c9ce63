"""The monthly check-in reminder: who gets it, in which language, and at most once a month."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from kizuna.mentoring.domain.reminders import plans_remind
from kizuna.mentoring.models import Plan, PlanReminder, PlanUpdate
from kizuna.organisations.models import ContactPerson


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


@pytest.fixture
def quiet_plan(plan, mentor_rep, mentee_rep):
    """The plan, created on the day both sides accepted (20 July 2018), with no update."""
    Plan.objects.filter(pk=plan.pk).update(created=at(dt.date(2018, 7, 20)))
    return plan


def test_remind_mails_both_sides_of_a_plan_without_updates(quiet_plan, mentor_rep, mentee_rep):
    result = plans_remind(today=dt.date(2018, 9, 3))
    assert result.plans == [quiet_plan.pk]
    assert result.emails == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentor_rep.email, mentee_rep.email])
    reminder = PlanReminder.objects.get()
    assert (reminder.plan_id, reminder.month) == (quiet_plan.pk, dt.date(2018, 9, 1))


def test_remind_writes_to_each_side_in_its_own_language(quiet_plan, mentor_rep, mentee_rep):
    PlanUpdate.objects.create(plan=quiet_plan, side="mentor", text="started", created=at(dt.date(2018, 8, 1)))
    plans_remind(today=dt.date(2018, 9, 3))
    by_recipient = {m.to[0]: m for m in mail.outbox}
    thai = by_recipient[mentee_rep.email]
    japanese = by_recipient[mentor_rep.email]
    # the partner's name and the dates are written as each reader writes them
    assert "คาเซ่ เซนเซอร์" in thai.subject
    assert "1 สิงหาคม 2561" in thai.body  # last update, Buddhist Era
    assert "14 สิงหาคม 2561" in thai.body  # next milestone due
    assert "サイアム・プレス・パーツ" in japanese.subject
    assert "2018年8月1日" in japanese.body
    assert "2018年8月14日" in japanese.body
    assert f"/mentoring/plans/{quiet_plan.pk}/" in thai.body


def test_remind_skips_a_plan_updated_in_the_last_30_days(quiet_plan):
    PlanUpdate.objects.create(plan=quiet_plan, side="mentee", text="ok", created=at(dt.date(2018, 8, 10)))
    assert plans_remind(today=dt.date(2018, 9, 3)).plans == []
    assert mail.outbox == []


def test_remind_counts_a_new_plan_as_fresh(plan, mentor_rep):
    Plan.objects.filter(pk=plan.pk).update(created=at(dt.date(2018, 8, 20)))
    assert plans_remind(today=dt.date(2018, 9, 3)).plans == []


def test_remind_sends_at_most_one_reminder_per_calendar_month(quiet_plan):
    plans_remind(today=dt.date(2018, 9, 3))
    again = plans_remind(today=dt.date(2018, 9, 20))
    assert (again.plans, again.emails, again.skipped_already_reminded) == ([], 0, 1)
    assert len(mail.outbox) == 2
    october = plans_remind(today=dt.date(2018, 10, 2))
    assert october.plans == [quiet_plan.pk]
    assert len(mail.outbox) == 4
    assert list(PlanReminder.objects.order_by("month").values_list("month", flat=True)) == [
        dt.date(2018, 9, 1), dt.date(2018, 10, 1),
    ]


def test_remind_skips_completed_plans(quiet_plan):
    Plan.objects.filter(pk=quiet_plan.pk).update(completed_at=at(dt.date(2018, 8, 30)))
    assert plans_remind(today=dt.date(2018, 9, 3)).plans == []


def test_remind_falls_back_to_contact_persons(plan, mentee_org, mentor_org):
    Plan.objects.filter(pk=plan.pk).update(created=at(dt.date(2018, 7, 20)))
    somsri = ContactPerson.objects.create(organisation=mentee_org, name="Somsri", email="somsri@example.org",
                                          language="th")
    somsri.consents.create(purpose="programme", granted=True, source="test")
    result = plans_remind(today=dt.date(2018, 9, 3))
    assert (result.plans, result.emails) == ([plan.pk], 1)
    assert "27 กรกฎาคม 2561" not in mail.outbox[0].body  # no update yet: no last-update date
    assert mail.outbox[0].to == ["somsri@example.org"]


def test_remind_writes_only_to_contact_persons_who_consented_to_programme_communication(
    plan, mentee_org, mentor_org
):
    """PDPA / APPI (#10): a reminder is programme communication; a contact person who
    did not consent to it (no record, refused, or consented to another purpose only)
    gets nothing, and the plan is still marked reminded for the month."""
    Plan.objects.filter(pk=plan.pk).update(created=at(dt.date(2018, 7, 20)))
    consenting = ContactPerson.objects.create(organisation=mentee_org, name="Somsri", email="somsri@example.org")
    consenting.consents.create(purpose="programme", granted=True, source="test")
    ContactPerson.objects.create(organisation=mentee_org, name="No record", email="norecord@example.org")
    refused = ContactPerson.objects.create(organisation=mentor_org, name="Refused", email="refused@example.org")
    refused.consents.create(purpose="programme", granted=False, source="test")
    other = ContactPerson.objects.create(organisation=mentor_org, name="Partners only", email="partners@example.org")
    other.consents.create(purpose="matching", granted=True, source="test")
    result = plans_remind(today=dt.date(2018, 9, 3))
    assert (result.plans, result.emails) == ([plan.pk], 1)
    assert [m.to for m in mail.outbox] == [["somsri@example.org"]]
    assert PlanReminder.objects.get().recipients == ["somsri@example.org"]


def test_plans_remind_command_takes_a_date(quiet_plan, capsys):
    call_command("plans_remind", "--date", "2018-09-03")
    assert PlanReminder.objects.get().month == dt.date(2018, 9, 1)
    assert len(mail.outbox) == 2


def test_plans_remind_command_accepts_a_buddhist_era_date(quiet_plan):
    call_command("plans_remind", "--date", "2561-09-03")
    assert PlanReminder.objects.get().month == dt.date(2018, 9, 1)


def test_plans_remind_command_rejects_a_bad_date(db):
    with pytest.raises(CommandError, match="--date takes a date written YYYY-MM-DD, not 3rd of May."):
        call_command("plans_remind", "--date", "3rd of May")


def test_plans_remind_task_runs_in_the_background(quiet_plan, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from kizuna.mentoring.tasks import plans_remind_task

    result = plans_remind_task.enqueue("2018-09-03")
    assert result.return_value == {"plans": [quiet_plan.pk], "emails": 2, "skipped": 0}
