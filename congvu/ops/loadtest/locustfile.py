"""Locust: a province's officials at work against `congvu serve` (run by `make loadtest`, see run.py).

Each simulated user is one official of the roster (prepare.py), with a browser session already
signed in for the pages and an API token for the actions:
- clerks register incoming documents and look at the register's list;
- heads direct their unit's new items to an officer and answer the consultations sent to them;
- officers open their items, ask the two related units for their views, and complete what is back;
- Home Affairs reads the dashboard (/tong-hop/) and exports its figures.

Requests are named "page …", "action …", "read …" (an API read an official's screen makes before
acting). Measured from the moment every user is started; at the end the p95 of pages and of actions,
and the errors, go to LOADTEST_SUMMARY (JSON)."""

import json
import os
import random
from itertools import count
from pathlib import Path

from locust import HttpUser, between, events, task

ROSTER = json.loads(Path(os.environ.get("LOADTEST_ROSTER", "loadtest-roster.json")).read_text(encoding="utf-8"))
TIMES: dict[str, list[float]] = {"page": [], "action": [], "read": []}
BY_NAME: dict[str, list[float]] = {}  # the same samples per request name, to see which page drives the p95
ERRORS: list[str] = []
TAKEN = {role: count() for role in ("clerk", "head", "officer", "inspector")}


@events.request.add_listener
def record(request_type, name, response_time, response_length, exception=None, **_kwargs) -> None:
    TIMES.setdefault(name.split(" ", 1)[0], []).append(response_time)
    BY_NAME.setdefault(name, []).append(response_time)
    if exception is not None:
        ERRORS.append(f"{name}: {exception}"[:300])


def p95(samples: list[float]) -> float | None:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1) if ordered else None


def p50(samples: list[float]) -> float | None:
    ordered = sorted(samples)
    return round(ordered[len(ordered) // 2], 1) if ordered else None


SPAWNED = {"users": 0}


@events.spawning_complete.add_listener
def measure_from_now(user_count, **_kwargs) -> None:
    """Measure the steady state: the figures start when every user is in."""
    SPAWNED["users"] = user_count
    for samples in TIMES.values():
        samples.clear()
    BY_NAME.clear()
    ERRORS.clear()


@events.quitting.add_listener
def summarise(environment, **_kwargs) -> None:
    summary = {
        "users": SPAWNED["users"],
        "requests": {kind: len(samples) for kind, samples in TIMES.items()},
        "p95_page_ms": p95(TIMES["page"]), "p95_action_ms": p95(TIMES["action"]), "p95_read_ms": p95(TIMES["read"]),
        "errors": len(ERRORS), "first_errors": ERRORS[:10],
        "by_name": {name: {"requests": len(samples), "p50_ms": p50(samples), "p95_ms": p95(samples)}
                    for name, samples in sorted(BY_NAME.items())},
        "load_average": round(os.getloadavg()[0], 1),  # the machine's, other work included
    }
    if path := os.environ.get("LOADTEST_SUMMARY"):
        Path(path).write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")


class Official(HttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 3)  # an official reads what the page shows before the next click

    def on_start(self) -> None:
        mine = [p for p in ROSTER["people"] if p["role"] == self.role]
        self.me = mine[next(TAKEN[self.role]) % len(mine)]
        self.unit = ROSTER["units"][self.me["unit"]] if self.me["unit"] is not None else None
        self.api = {"Authorization": f"Bearer {self.me['token']}"}
        # Signed in beforehand (prepare.py): the slow password hash is once a day, not part of the load.
        self.client.cookies.set(self.me["session_cookie"], self.me["session"])
        # A fresh connection per request: gunicorn closes an idle keep-alive connection after 2 s, and a
        # request sent on it at that moment is reset — a client artefact that counted as errors.
        self.client.headers["Connection"] = "close"

    def act(self, path: str, name: str, body: dict) -> dict | None:
        """POST an action; a refusal by a rule (409, e.g. another head was quicker) is an answer, not an error."""
        with self.client.post(f"/api/{path}", json=body, headers=self.api, name=f"action {name}",
                              catch_response=True) as answer:
            if answer.status_code in (200, 201):
                answer.success()
                return answer.json()
            if answer.status_code == 409:
                answer.success()
                return None
            answer.failure(f"{answer.status_code}: {answer.text[:200]}")
            return None

    def read(self, path: str, name: str) -> dict:
        answer = self.client.get(f"/api/{path}", headers=self.api, name=f"read {name}")
        return answer.json() if answer.ok else {}

    def page(self, path: str, name: str) -> None:
        self.client.get(path, name=f"page {name}")


class Clerk(Official):
    role, weight = "clerk", 10

    @task(3)
    def register(self) -> None:
        self.act("incoming", "register", {
            "unit": self.unit["id"], "matter_type": self.unit["matter_type"],
            "sender": "Công ty TNHH Thử tải", "subject": f"Đề nghị cấp phép số {random.randint(1, 99999)}"})

    @task(1)
    def register_list(self) -> None:
        self.page("/van-ban-den/", "/van-ban-den/")


class Head(Official):
    role, weight = "head", 10

    @task(3)
    def direct_and_assign(self) -> None:
        found = self.read(f"items?unit={self.unit['id']}&state=registered&limit=5", "items registered")
        for item in found.get("items", [])[:2]:
            if self.act(f"items/{item['id']}/direct", "direct", {"lead_unit": self.unit["id"]}) is not None:
                self.act(f"items/{item['id']}/assign", "assign", {"holder": random.choice(self.unit["officers"])})

    @task(2)
    def answer_consultations(self) -> None:
        for request in self.read("consultation-requests?state=pending&limit=3", "requests pending").get("requests", []):
            self.act(f"consultation-requests/{request['id']}/reply", "reply", {
                "position": "agree", "reasons": ""})

    @task(1)
    def list_page(self) -> None:
        self.page("/danh-sach/", "/danh-sach/")


class Officer(Official):
    role, weight = "officer", 70

    def mine(self, state: str) -> list[dict]:
        return self.read(f"items?holder={self.me['official']}&state={state}&limit=5", f"items {state}").get("items", [])

    @task(2)
    def consult(self) -> None:
        for item in self.mine("in_progress")[:1]:
            self.page(f"/cong-viec/{item['id']}/", "/cong-viec/<id>/")
            if random.random() < 0.5:
                self.act(f"items/{item['id']}/consultations", "ask", {
                    "units": self.unit["related"], "question": "Đề nghị cho ý kiến về hồ sơ"})
            else:
                self.act(f"items/{item['id']}/complete", "complete", {"result": "Đã giải quyết theo quy định"})

    @task(2)
    def list_page(self) -> None:
        self.page("/danh-sach/", "/danh-sach/")


class HomeAffairs(Official):
    role, weight = "inspector", 10

    @task(3)
    def dashboard(self) -> None:
        self.page("/tong-hop/", "/tong-hop/")

    @task(1)
    def export(self) -> None:
        self.page(f"/tong-hop/xuat-excel/{random.choice(['so-lieu', 'qua-han', 'coi-nhu-dong-y'])}/",
                  "/tong-hop/xuat-excel/<bảng>/")
