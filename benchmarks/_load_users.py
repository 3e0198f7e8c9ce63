"""Locust users of benchmarks/bench_load.py (run by it: `locust -f benchmarks/_load_users.py`).

Three kinds of signed-in people, each with its own session (made by the benchmark's
set-up, so that signing in is not what is measured): programme officers, ministry
viewers and company representatives, in the proportions 2 : 1 : 3. Each waits 0.5–2 s
between two pages, as a person reading does. The ids of the organisations, the run and
the pairs come from the JSON file named by KIZUNA_LOAD_IDS.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, task

IDS = json.loads(open(os.environ["KIZUNA_LOAD_IDS"], encoding="utf-8").read())
_SESSIONS = {role: itertools.cycle(keys) for role, keys in IDS["sessions"].items()}
SEARCHES = {
    "search th": ["แม่พิมพ์", "ยานยนต์", "เซนเซอร์", "หุ่นยนต์"],
    "search ja": ["予知保全", "金型", "自動車部品", "ロボット"],
    "search en": ["sensors", "moulds", "automation", "IoT robot"],
}


class _Signed(HttpUser):
    abstract = True
    wait_time = between(0.5, 2.0)
    role = ""

    def on_start(self):
        self.client.cookies.set("sessionid", next(_SESSIONS[self.role]))
        self.rng = random.Random()

    def get(self, url: str, name: str):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")

    def profile(self):
        self.get(f"/organisations/{self.rng.choice(IDS['organisations'])}/", "profile")

    def search(self):
        kind = self.rng.choice(list(SEARCHES))
        self.get(f"/organisations/?q={self.rng.choice(SEARCHES[kind])}", kind)

    def directory(self):
        self.get(f"/organisations/?page={self.rng.randint(1, 400)}", "directory")


class Officer(_Signed):
    weight = 2
    role = "officer"

    @task(3)
    def directory_page(self):
        self.directory()

    @task(3)
    def search_page(self):
        self.search()

    @task(2)
    def profile_page(self):
        self.profile()

    @task(2)
    def run_result(self):
        self.get(f"/mentoring/runs/{IDS['run']}/", "run result")

    @task(1)
    def pair_page(self):
        self.get(f"/mentoring/pairs/{self.rng.choice(IDS['pairings'])}/", "pair page")

    @task(2)
    def api_organisations(self):
        self.get(f"/api/organisations/?limit=50&offset={self.rng.randint(0, 20000)}", "api organisations")

    @task(1)
    def api_proposals(self):
        self.get(f"/api/mentoring/runs/{IDS['run']}/proposals/", "api run proposals")


class Viewer(_Signed):
    weight = 1
    role = "viewer"

    @task(2)
    def directory_page(self):
        self.directory()

    @task(2)
    def search_page(self):
        self.search()

    @task(1)
    def profile_page(self):
        self.profile()

    @task(2)
    def run_result(self):
        self.get(f"/mentoring/runs/{IDS['run']}/", "run result")

    @task(1)
    def api_pairings(self):
        self.get("/api/mentoring/pairings/?limit=50", "api pairings")


class Company(_Signed):
    weight = 3
    role = "company"

    @task(3)
    def directory_page(self):
        self.directory()

    @task(4)
    def search_page(self):
        self.search()

    @task(3)
    def profile_page(self):
        self.profile()

    @task(1)
    def api_organisations(self):
        self.get(f"/api/organisations/?limit=50&offset={self.rng.randint(0, 20000)}", "api organisations")
