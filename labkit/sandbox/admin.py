"""The sandbox's own API under /labkit/: what AWS does on its side and a student's process must not.

| route                        | what it does |
|------------------------------|--------------|
| GET  /labkit/status          | instance id, process id, seed, idle time, simulated time |
| POST /labkit/reset           | every AWS resource, query, truth and attempt forgotten |
| POST /labkit/stop            | save and stop (the background service only) |
| POST /labkit/traffic/run     | simulate N minutes of internet traffic; returns a job id |
| GET  /labkit/traffic/job?id= | that job's progress and, when done, its summary |
| POST /labkit/prepare         | build what a lab needs from earlier labs (tagged: earns no XP) |
| POST /labkit/verify          | run a step's check here, where the truth is; yes/no and why, never the answer |
| GET  /labkit/attempts        | the answers submitted so far (step, answer, time, verdict) |

Requests reach this app only after the endpoint verified their signature. Bodies and answers are
JSON; every failure is a JSON error with a bilingual message, never a traceback.
"""

from __future__ import annotations

import json
import math
import os
import threading
import uuid
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs

from ..messages import LabkitError, message
from ..world import current_world

MAX_REQUEST = 1024 * 1024


class AdminError(Exception):
    def __init__(self, status: int, key: str, **fields):
        super().__init__(key)
        self.status = status
        self.key = key
        self.fields = fields


class TrafficJob:
    """One traffic simulation running in the sandbox, polled by the client for progress."""

    def __init__(self, minutes: int):
        self.id = uuid.uuid4().hex
        self.minutes = minutes
        self.done_minutes = 0
        self.summary: dict | None = None
        self.error: dict | None = None
        self.finished = threading.Event()

    def describe(self) -> dict:
        return {
            "id": self.id,
            "minutes": self.minutes,
            "done_minutes": self.done_minutes,
            "finished": self.finished.is_set(),
            "summary": self.summary,
            "error": self.error,
        }


class AdminApp:
    """WSGI app for /labkit/*; `hooks` are the service's actions ('stop', 'reset')."""

    def __init__(self, hooks: dict):
        self.hooks = hooks
        self.app = None
        self.jobs: dict[str, TrafficJob] = {}
        self.routes = {
            ("GET", "/labkit/status"): self.status,
            ("POST", "/labkit/reset"): self.reset,
            ("POST", "/labkit/stop"): self.stop,
            ("POST", "/labkit/traffic/run"): self.traffic_run,
            ("GET", "/labkit/traffic/job"): self.traffic_job,
            ("POST", "/labkit/prepare"): self.prepare,
            ("POST", "/labkit/verify"): self.verify,
            ("GET", "/labkit/attempts"): self.attempts,
        }

    def attach(self, app, url: str, credentials) -> None:
        """The app this API belongs to, and where and how the sandbox calls itself."""
        self.app = app
        self.url = url
        self.credentials = credentials

    def __call__(self, environ, start_response):
        route = self.routes.get((environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "")))
        try:
            if route is None:
                raise AdminError(404, "service.no_such_route", path=environ.get("PATH_INFO", ""))
            query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
            status, payload = 200, route(_json_body(environ), query)
        except AdminError as error:
            status, payload = error.status, _error(error.key, **error.fields)
        except LabkitError as error:
            status, payload = 400, _error(error.key, **error.fields)
        except Exception:  # never a traceback to a caller
            status, payload = 500, _error("service.internal_error")
        data = json.dumps(payload, default=str).encode()
        line = f"{status} {HTTPStatus(status).phrase}"
        start_response(line, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
        return [data]

    # --- routes ---
    def status(self, body: dict, query: dict) -> dict:
        world = _world()
        runs = world.truth.get("runs", [])
        return {
            "instance": world.instance,
            "pid": os.getpid(),
            "seed": world.seed,
            "idle_seconds": round(self.app.activity.idle_seconds(), 3),
            "requests": self.app.activity.requests,
            "aws_calls": self.app.activity.aws_calls,
            "simulated_until": max((run["end"] for run in runs), default=None),
            "traffic_runs": len(runs),
            "notice": self.hooks["notice"]() if "notice" in self.hooks else None,
        }

    def reset(self, body: dict, query: dict) -> dict:
        from moto.moto_api._internal.models import moto_api_backend

        from .athena.models import AthenaBackend
        from .seeding import new_world, seed_resource_ids, warm_up
        from ..world import install_world

        if self.hooks.get("graded"):
            raise AdminError(403, "service.graded_sandbox")
        world = _world()
        with world.simulation:
            moto_api_backend.reset()
            self.app.athena.backend = AthenaBackend()
            seed_resource_ids(world.seed)
            warm_up(
                self.url, self.credentials
            )  # as at start, so ids after a reset are those of a new sandbox with this seed
            # Same instance: it names this sandbox in the state file (a new one would make every
            # kernel take it for a stale sandbox, stop it and start another).
            install_world(new_world(world.seed, world.instance))
            self.jobs.clear()
            if "reset" in self.hooks:
                self.hooks["reset"]()
        return {"instance": _world().instance}

    def stop(self, body: dict, query: dict) -> dict:
        if self.hooks.get("graded"):
            raise AdminError(403, "service.graded_sandbox")
        if "stop" not in self.hooks:
            raise AdminError(400, "service.cannot_stop_here")
        threading.Timer(0.05, self.hooks["stop"]).start()  # answer first, then stop
        return {"stopping": True}

    def traffic_run(self, body: dict, query: dict) -> dict:
        from ..traffic.run import check_traffic_arguments

        scenario = body.get("scenario")
        minutes, seed, start, intensity = check_traffic_arguments(
            body.get("minutes", 10),
            body.get("seed", _world().seed),
            body.get("start"),
            body.get("intensity", 1.0),
            scenario,
        )
        job = TrafficJob(minutes)
        self.jobs = {k: v for k, v in self.jobs.items() if not v.finished.is_set()}
        self.jobs[job.id] = job
        threading.Thread(
            target=self._simulate,
            args=(job, seed, start, intensity, body.get("s3_only", False), scenario),
            name="labkit-traffic",
            daemon=True,
        ).start()
        return job.describe()

    def _simulate(
        self, job: TrafficJob, seed: int, start, intensity: float, s3_only: bool, scenario: str | None = None
    ) -> None:
        from ..traffic.run import run_traffic

        def progress(done: int) -> None:
            job.done_minutes = done

        try:
            with _world().simulation:
                deliverer = _s3_only_deliverer() if s3_only else None
                summary = run_traffic(
                    job.minutes,
                    seed=seed,
                    start=start,
                    intensity=intensity,
                    deliverer=deliverer,
                    on_minute=progress,
                    scenario=scenario,
                )
            job.summary = {
                "seed": summary.seed,
                "start": summary.start,
                "end": summary.end,
                "minutes": summary.minutes,
                "records": summary.records,
            }
        except LabkitError as error:
            job.error = _error(error.key, **error.fields)
        except Exception:
            job.error = _error("service.internal_error")
        finally:
            job.finished.set()

    def traffic_job(self, body: dict, query: dict) -> dict:
        job = self.jobs.get(query.get("id", ""))
        if job is None:
            raise AdminError(404, "service.no_such_job")
        return job.describe()

    def prepare(self, body: dict, query: dict) -> dict:
        from ..labs.prerequisites import prepare_here

        with _world().simulation:
            prepared = prepare_here(
                str(body.get("lab", "")), seed=_int(body.get("seed", 0)), minutes=_int(body.get("minutes", 6))
            )
        return {"lab": prepared.lab, "items": prepared.items, "notes": prepared.notes}

    def verify(self, body: dict, query: dict) -> dict:
        verdict = judge(str(body.get("step", "")), body.get("answer"))
        return {
            "passed": verdict.passed,
            "missing": verdict.missing,
            "notes": verdict.notes,
            "evidence": verdict.evidence,
        }

    def attempts(self, body: dict, query: dict) -> dict:
        return {"attempts": list(_world().attempts)}


def judge(step_id: str, answer: Any = None):
    """Verify where the truth is (the sandbox process): attempts at answers are recorded, and after
    several wrong answers in a row to one step each further try must wait a little longer."""
    from ..checks.catalogue import step as find_step
    from ..checks.runner import could_not_run, verify
    from ..checks.verdict import Verdict
    from ..labs.prerequisites import forget_rebuilt

    found = find_step(step_id)
    world = current_world()
    try:
        if world is not None and found.needs_answer and answer is not None:
            wait = world.wait_before_next_try(found.id)
            if wait > 0:
                return Verdict().fail("too_many_tries", seconds=math.ceil(wait))
        if world is not None and world.prepared_stamps:
            forget_rebuilt(world)  # what the student deleted and built again is theirs now
    except Exception as error:
        return could_not_run(error)
    verdict = verify(found.id, answer)
    if world is not None and found.needs_answer and answer is not None:
        from ..checks.runner import answer_as_data

        world.record_attempt(found.id, answer_as_data(answer), _attempt_verdict(verdict))
    return verdict


def _attempt_verdict(verdict) -> str:
    if verdict.passed:
        return "right"
    wrong = ("checks.why.wrong_answer", "checks.why.answer_")
    return (
        "wrong"
        if any(key.startswith(wrong) and key != "checks.why.answer_needed" for key, _ in verdict.missing)
        else "not_yet"
    )


def _world():
    world = current_world()
    if world is None:
        raise AdminError(503, "service.no_world")
    return world


def _int(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise AdminError(400, "service.bad_request")
    return value


def _json_body(environ) -> dict:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length > MAX_REQUEST:
        raise AdminError(413, "service.bad_request")
    raw = environ["wsgi.input"].read(length) if length else b""
    if not raw:
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise AdminError(400, "service.bad_request") from None
    if not isinstance(body, dict):
        raise AdminError(400, "service.bad_request")
    return body


def _error(key: str, **fields) -> dict:
    """A JSON error a client can show in both languages (key and fields let it rebuild the message)."""
    return {"error": key, "fields": fields, "message": message(key, lang="both", **fields)}


def _s3_only_deliverer():
    """Delivery to the S3 flow logs only (CloudWatch Logs refuses events older than its retention)."""
    from .. import aws
    from ..checks import names
    from ..delivery import Deliverer

    found = aws.client("ec2").describe_flow_logs(Filters=[{"Name": "tag:Name", "Values": [names.S3_FLOW_LOG_NAME]}])[
        "FlowLogs"
    ]
    return Deliverer(flow_log_ids=[f["FlowLogId"] for f in found])
