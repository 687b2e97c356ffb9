"""Event registration under load: POSTs of the public form under gunicorn, 16 concurrent clients.

    bash bin/with-postgres .venv/bin/python bench/events_register.py        # PostgreSQL (the target)

Run by hand, never in CI (needs `wrk`). Steps:

1. a fresh database with the demo zones and two published events in AMALO: one with room for every
   request (the throughput run) and one with `--capacity` seats (default 200, the oversell run);
2. gunicorn with production settings: BENCH_WORKERS workers (default 2) of BENCH_WORKER_CLASS
   (default sync, as docs/deployment.md; `gthread` with BENCH_THREADS threads each, default 4, and
   keep-alive, to compare: it measured both better and worse on the loaded machine of 3 December),
   and wrk (2 threads, 16 connections) POSTing the registration form, every request with its own
   address;
3. throughput: confirmed registrations per second (each POST of the first run confirms a seat);
4. oversell: far more POSTs than seats; afterwards the confirmed count must equal the capacity,
   every other answered POST must be on the waiting list, and every answered POST must have its
   row (0 oversold, 0 lost);
5. the public agenda and an event page as a share of a hello-world view (/healthz/), each measured
   between two hello-world runs of the same server, as bench/staff_pages.py does.

The registration rate limit per client is switched off for the run
(ZORGRAAD_EVENT_REGISTRATIONS_PER_HOUR=0): every wrk request comes from 127.0.0.1. With
BENCH_RATELIMIT=1 it is on (30 per client per hour) and the server trusts X-Real-IP as behind the
proxy of docs/deployment.md (ZORGRAAD_TRUSTED_PROXY_HEADER=HTTP_X_REAL_IP); wrk sends a different
X-Real-IP per request, so the limit counts every POST (one bucket row each) but blocks none.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

if "BENCH_PORT" not in os.environ:  # a free port: other benches may be serving on 8019
    import socket

    with socket.socket() as _s:
        _s.bind(("127.0.0.1", 0))
        os.environ["BENCH_PORT"] = str(_s.getsockname()[1])

import staff_pages as sp  # noqa: E402 - the shared gunicorn/wrk helpers

LUA = str(ROOT / "bench" / "events_register.lua")
WORKERS = os.environ.get("BENCH_WORKERS", "2")
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "sync")
THREADS = os.environ.get("BENCH_THREADS", "4")
RATELIMIT = os.environ.get("BENCH_RATELIMIT", "") == "1"


def gunicorn_args() -> list[str]:
    """The server's options: those docs/deployment.md recommends for production."""
    args = ["-w", WORKERS, "-k", WORKER_CLASS, "--keep-alive", "5"]
    return args + (["--threads", THREADS] if WORKER_CLASS == "gthread" else [])


def env() -> dict[str, str]:
    e = sp.base_env()
    e["ZORGRAAD_VAR_DIR"] = str(ROOT / "var" / "bench-events")
    e["ZORGRAAD_EVENT_REGISTRATIONS_PER_HOUR"] = "30" if RATELIMIT else "0"
    if RATELIMIT:
        e["ZORGRAAD_TRUSTED_PROXY_HEADER"] = "HTTP_X_REAL_IP"
    return e


def setup(capacity: int) -> dict[str, int]:
    os.environ.update({k: v for k, v in env().items() if k not in os.environ or k.startswith("ZORGRAAD")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import datetime as dt

    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from zorgraad.events.models import Event, EventStatus
    from zorgraad.zones import demo as zones_demo

    call_command("migrate", verbosity=0)
    zones = zones_demo.load()
    zone = zones["amalo"]
    start = timezone.now() + dt.timedelta(days=30)
    made = {}
    for key, cap in (("open", 10_000_000), ("small", capacity)):
        event = Event.objects.create(
            zone=zone,
            title=f"Bench infolunch {key}",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            status=EventStatus.PUBLISHED,
            capacity=cap,
        )
        made[key] = event.pk
    e = env() | {"DJANGO_SETTINGS_MODULE": "config.settings.prod"}
    subprocess.run([sp.PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=e, check=True)
    return made


def counts(pk: int) -> dict[str, int]:
    from django.db.models import Count

    from zorgraad.events.models import Event, Registration

    rows = dict(
        Registration.objects.unscoped().filter(event_id=pk).values_list("status").annotate(n=Count("id"))
    )
    rows["seats_taken"] = Event.objects.unscoped().get(pk=pk).seats_taken
    return rows


def post_run(path: str, tag: str, seconds: int, master: int) -> dict:
    sp.settle()
    cmd = ["wrk", "-t2", "-c16", f"-d{seconds}s", "-s", LUA, sp.BASE, "--", path, tag]
    pids = sp.worker_pids(master)
    before = sp.cpu_seconds(pids)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    used = sp.cpu_seconds(pids) - before
    line = next(x for x in out.splitlines() if x.startswith("WRKJSON "))
    data = json.loads(line[len("WRKJSON ") :])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    data["cpu_ms"] = used * 1000 / max(data["requests"], 1)  # gunicorn workers' CPU per POST
    return data


def serve() -> subprocess.Popen:
    e = env() | {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "ZORGRAAD_BENCH": "1",
    }
    proc = subprocess.Popen(
        [
            sp.GUNICORN,
            "config.wsgi:application",
            *gunicorn_args(),
            "-b",
            f"127.0.0.1:{sp.PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=e,
        start_new_session=True,
        stderr=open(Path(e["ZORGRAAD_VAR_DIR"]) / "gunicorn.log", "a"),  # noqa: SIM115
    )
    import time

    for _ in range(150):
        time.sleep(0.2)
        try:
            if sp.status_of("/healthz/", None) == 200:
                return proc
        except OSError:
            continue
    proc.kill()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "8")))
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print(
            "note: not on PostgreSQL (run through bash bin/with-postgres); SQLite serialises writers",
            flush=True,
        )
    Path(env()["ZORGRAAD_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        from signals_dashboard import _create_database

        _create_database(os.environ["DATABASE_URL"])
    events = setup(args.capacity)
    proc = serve()
    print(
        f"gunicorn {' '.join(gunicorn_args())}; rate limit {'on (X-Real-IP per request)' if RATELIMIT else 'off'}"
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        master = proc.pid
        path = lambda key: f"/amalo/activiteiten/{events[key]}/"  # noqa: E731
        # warm up every worker (imports, templates, connection)
        for _ in range(20):
            sp.status_of(path("open"), None)
        tp = post_run(path("open"), "tp", args.seconds, master)
        sp.settle()  # the requests still in the workers when wrk stopped
        c_open = counts(events["open"])
        confirmed = c_open.get("confirmed", 0)
        answered = tp["requests"] - tp["non2xx3xx"] - tp["socket_errors"]
        print(f"throughput: {tp['requests']} POSTs in {tp['duration_us'] / 1e6:.1f} s, "
              f"{confirmed} confirmed = {confirmed / (tp['duration_us'] / 1e6):.0f} confirmed/s "
              f"(p50 {tp['p50_us'] / 1000:.1f} ms, p99 {tp['p99_us'] / 1000:.1f} ms, "
              f"non-2xx/3xx {tp['non2xx3xx']}, socket errors {tp['socket_errors']}, "
              f"worker CPU {tp['cpu_ms']:.1f} ms per POST)")  # fmt: skip
        print(f"  rows {sum(v for k, v in c_open.items() if k != 'seats_taken')}, answered {answered}, "
              f"seats_taken {c_open['seats_taken']}")  # fmt: skip
        ov = post_run(path("small"), "ov", args.seconds, master)
        sp.settle()
        c_small = counts(events["small"])
        answered = ov["requests"] - ov["non2xx3xx"] - ov["socket_errors"]
        rows = sum(v for k, v in c_small.items() if k != "seats_taken")
        oversold = max(c_small.get("confirmed", 0) - args.capacity, 0)
        print(f"oversell run: {ov['requests']} POSTs for {args.capacity} seats: confirmed {c_small.get('confirmed', 0)}, "
              f"waiting {c_small.get('waitlisted', 0)}, rows {rows}, answered {answered}, "
              f"seats_taken {c_small['seats_taken']} -> oversold {oversold}, lost {max(answered - rows, 0)}")  # fmt: skip
        hello = sp.wrk(["/healthz/"], master)
        print(f"{'page':45} {'req/s':>10} {'share of hello world':>22}")
        print(f"{'/healthz/':45} {hello['rps']:10.0f} {'100%':>22}  (CPU {hello['cpu_ms']:.2f} ms/req)")
        for page in ("/amalo/agenda/", path("small"), "/amalo/agenda/?weergave=maand"):
            r = sp.wrk([page], master)
            after = sp.wrk(["/healthz/"], master)
            base = (hello["rps"] + after["rps"]) / 2
            print(
                f"{page:45} {r['rps']:10.0f} {r['rps'] / base * 100:21.1f}%  "
                f"(non-2xx {r['non2xx3xx']}, CPU {r['cpu_ms']:.2f} ms/req)"
            )
            hello = after
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


if __name__ == "__main__":
    main()
