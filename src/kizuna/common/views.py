"""What every app's pages share: the permission decorator, the one adapter
from domain errors to what a page shows, and the job progress partial."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import render
from rules.contrib.views import permission_required as rules_permission_required

from kizuna.common.errors import DomainError
from kizuna.common.jobs import Job


def permission_required(perm: str, lookup: Callable | None = None):
    """The page needs a signed-in user (else the sign-in page) who holds the
    django-rules permission `perm`, else 403.

    With `lookup(request, **url_kwargs)` the permission is checked on the object
    it returns (a missing object is its 404, before the 403), and the view finds
    that object as `request.permission_object` rather than reading it again."""

    def find(request, *args, **kwargs):
        request.permission_object = lookup(request, *args, **kwargs)
        return request.permission_object

    def decorator(view):
        checked = rules_permission_required(perm, fn=find if lookup else None, raise_exception=True)(view)
        return login_required(wraps(view)(checked))

    return decorator


def object_or_404(query: Callable, *args, **kwargs):
    """What `query(*args, **kwargs)` reads (a function of an app's queries), or 404
    when it finds nothing."""
    try:
        return query(*args, **kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None


def by_pk(query: Callable) -> Callable:
    """A `lookup` for `permission_required`: the object `query(pk)` reads, or 404."""

    def lookup(request, *args, pk: int, **kwargs):
        return object_or_404(query, pk)

    return lookup


def show_domain_error(request, error: DomainError, form: forms.Form | None = None) -> None:
    """Show a domain error on a page: on `form`'s fields (a problem about a field the
    form lacks goes to the whole form), or as an error message without a form."""
    for problem in error.problems:
        if form is None:
            messages.error(request, problem.message)
        else:
            form.add_error(problem.field if problem.field in form.fields else None, problem.message)


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
