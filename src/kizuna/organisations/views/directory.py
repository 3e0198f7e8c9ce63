from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kizuna.audit.access import contacts_accessed
from kizuna.organisations.domain import organisation_update
from kizuna.organisations.forms import DirectoryFilterForm, OrganisationForm
from kizuna.organisations.models import Organisation
from kizuna.organisations.queries import organisation_directory, organisation_profiles

PAGE_SIZE = 25


@login_required
def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    qs = organisation_directory(**form.filters())
    search_errors = form.errors.get("q") if form.is_bound else None
    if search_errors:
        qs = qs.none()
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = request.GET.copy()
    query_string.pop("page", None)
    template = "organisations/_results.html" if request.htmx else "organisations/directory.html"
    context = {
        "form": form,
        "page": page,
        "query_string": query_string.urlencode(),
        "search_errors": search_errors,
        "can_export": request.user.has_perm("organisations.export_organisations"),
    }
    # A refused search is a 400, except to htmx, which swaps in only 2xx answers and
    # must show why the results are empty.
    status = 400 if search_errors and not request.htmx else 200
    return render(request, template, context, status=status)


@login_required
def detail(request, pk: int):
    org = get_object_or_404(organisation_profiles(), pk=pk)
    can_see_contacts = request.user.has_perm("organisations.view_contacts", org)
    if can_see_contacts:  # the audit log records who was shown whose contact details
        contacts_accessed(viewer=request.user, people=org.contacts.all(), via=f"organisation {org.pk}")
    return render(
        request,
        "organisations/detail.html",
        {
            "org": org,
            "can_edit": request.user.has_perm("organisations.change_organisation", org),
            "can_see_contacts": can_see_contacts,
            "can_see_registration_number": request.user.has_perm(
                "organisations.view_registration_number", org
            ),
        },
    )


@login_required
def edit(request, pk: int):
    org = get_object_or_404(Organisation, pk=pk)
    if not request.user.has_perm("organisations.change_organisation", org):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=org, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            organisation_update(organisation=org, actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The profile of %(name)s was saved.") % {"name": org.display_name()})
            return redirect("organisations:detail", pk=org.pk)
    return render(request, "organisations/edit.html", {"org": org, "form": form})
