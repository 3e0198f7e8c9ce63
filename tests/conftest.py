"""Shared test set-up: factories for the platform's models.

Reference data (taxonomy, industry groups, provinces, countries) is loaded by the
migrations, so every test database has it.
"""

from __future__ import annotations

import os

import factory
import pytest
from django.conf import settings
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from kizuna.accounts.enums import Role

# CI explores the same examples on every run, so a red build always means a change
# broke something; developers' runs keep exploring new examples.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


def pytest_collection_modifyitems(items):
    """Every test that reaches the database may run or read a job, whose live
    progress goes through the `jobs` alias (kizuna.common.jobs): let it use both."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        uses_db = marker is not None or {"db", "transactional_db"} & set(item.fixturenames)
        if not uses_db or (marker is not None and "databases" in marker.kwargs):
            continue
        kwargs = dict(marker.kwargs) if marker is not None else {}
        args = marker.args if marker is not None else ()
        item.add_marker(pytest.mark.django_db(*args, **kwargs, databases=["default", "jobs"]), append=False)


@pytest.fixture(autouse=True)
def _site_language():
    """Every test starts in the site's default language, whatever an earlier test in
    the same worker activated (rendering a partial in Japanese, a command's output)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's set-up, and then: on PostgreSQL the `jobs` alias is a second
    connection to the test database, which Django does not close before dropping
    that database."""
    yield
    from django.db import connections

    connections["jobs"].close()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.COMPANY_REP
    language = "en"
    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "correct horse battery")
        if create:
            self.save(update_fields=["password"])


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisations.Organisation"
        skip_postgeneration_save = True

    external_id = factory.Sequence(lambda n: f"test-{n:05d}")
    kind = "company"
    name = factory.Sequence(lambda n: f"Test Company {n}")
    country_id = "TH"
    description = ""

    @factory.post_generation
    def technologies(self, create, extracted, **kwargs):
        from kizuna.organisations.domain import organisations_index
        from kizuna.organisations.models import Concept

        if extracted:
            self.technologies_offered.set(Concept.objects.filter(code__in=extracted))
        if create:
            organisations_index([self])


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """API throttling counts requests in the cache: each test that reaches the
    database (where the cache lives unless REDIS_URL is set) starts with no count.
    Tests without the database have no cache to clear and may not open it."""
    if request.node.get_closest_marker("django_db") or "_django_db_helper" in request.fixturenames:
        from django.core.cache import cache

        request.getfixturevalue("_django_db_helper")
        cache.clear()
    yield


@pytest.fixture(autouse=True, scope="session")
def _connections_outlive_requests():
    """At the end of a request Django closes a connection that is not in autocommit
    (request_finished -> close_old_connections), and inside a test's transaction it
    never is. Django's test client disconnects that handler around its own requests
    (and connects it again after each); other WSGI callers (schemathesis) and a test
    closing a streamed response do not, and on PostgreSQL the test's own connection
    was closed under it. A connection inside a transaction is left open."""
    from django.db.backends.base.base import BaseDatabaseWrapper

    original = BaseDatabaseWrapper.close_if_unusable_or_obsolete

    def close_unless_in_transaction(self):
        if not self.in_atomic_block:
            original(self)

    BaseDatabaseWrapper.close_if_unusable_or_obsolete = close_unless_in_transaction
    yield
    BaseDatabaseWrapper.close_if_unusable_or_obsolete = original


@pytest.fixture
def reference_data(transactional_db):
    """Reload the reference data (countries, provinces, taxonomy, industry groups)
    when an earlier transactional test's flush emptied it: the second
    transactional test otherwise finds no countries. (Marking the tests
    serialized_rollback=True did not restore the data after a browser test had
    run; the cause was not pinned down.)"""
    from kizuna.organisations.models import Country
    from kizuna.organisations.reference import reference_load

    if not Country.objects.exists():
        reference_load()
    # a flush renews the content types under new ids; the cached ones would point the
    # audit log's rows at ids that no longer exist
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture
def user_factory(db):
    return UserFactory


@pytest.fixture
def organisation_factory(db):
    return OrganisationFactory


@pytest.fixture
def officer(db):
    return UserFactory(username="officer1", role=Role.OFFICER, is_staff=True)


@pytest.fixture
def viewer(db):
    return UserFactory(username="viewer1", role=Role.MINISTRY_VIEWER, language="ja")


PASSWORD = "correct horse battery"


def _at_once(*calls):
    """Run each call in its own thread and database connection, all released at once
    by a barrier; the outcome of each: ("ok", value) or ("error", exception)."""
    import threading

    from django.db import connection, connections

    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def work(i, call):
        try:
            connection.ensure_connection()
            barrier.wait()
            outcomes[i] = ("ok", call())
        except Exception as exc:  # the outcome is what the test asserts
            outcomes[i] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


@pytest.fixture
def race():
    """`race(call, call, …)`: the calls at the same moment, as two people clicking at once
    (real parallel transactions on PostgreSQL)."""
    return _at_once
