"""View helpers shared by the apps."""

from __future__ import annotations

from django.shortcuts import render

from kizuna.common.jobs import Job


def job_progress_response(request, job: Job, *, poll_url: str, cancel_url: str = "", can_cancel: bool = False):
    """The job's progress partial (common/job_progress.html). When a job that the
    page was polling has ended, htmx is told to reload the page, so that the
    job's results or problems are shown in full."""
    response = render(request, "common/job_progress.html", job_progress_context(
        job, poll_url=poll_url, cancel_url=cancel_url, can_cancel=can_cancel
    ))
    if not job.is_active and request.headers.get("HX-Request") and request.GET.get("was") == "active":
        response["HX-Refresh"] = "true"
    return response


def job_progress_context(job: Job, *, poll_url: str, cancel_url: str = "", can_cancel: bool = False) -> dict:
    """What common/job_progress.html needs, for a page that includes it."""
    return {"job": job, "job_poll_url": poll_url, "job_cancel_url": cancel_url, "job_can_cancel": can_cancel}
