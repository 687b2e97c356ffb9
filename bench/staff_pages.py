"""Staff and public pages as a share of a hello-world view, under gunicorn, on SQLite or PostgreSQL.

Run by hand, never in CI (needs `wrk`: apt-get install wrk):

    uv run python bench/staff_pages.py                       # SQLite under var/bench-staff/
    bash bin/with-postgres uv run python bench/staff_pages.py   # a throwaway PostgreSQL
    BENCH_SECONDS=3 uv run python bench/staff_pages.py --only amalo

What it does, in one run:
1. fills the database once (migrate, load_demo, `generate_scale_data --zones 2 --big-zone`: AMALO
   as the demo has it, and `schaal-groot` with 5,000 organisations, 20,000 people and 8 bodies of
   40 meetings) and makes a staff session per zone that passed TOTP (allauth's records);
2. counts the queries of each page (Django test client, in a child process, second request);
3. serves the app with gunicorn (2 sync workers, production settings) and measures each page with
   wrk (2 threads, 16 connections) BETWEEN TWO HELLO-WORLD RUNS (`/healthz/`): the page's share is
   its requests per second over the mean of the hello-world run before and after it, so the
   machine's speed and noise cancel out. CPU per request is read from /proc of the gunicorn
   workers (user + system time over the run, divided by the requests served);
4. runs the public pages of AMALO (a rotation over up to 84 public URLs) twice: without writes and
   while a child process writes to the zone once a second (mostly staff-only data, one in four a
   public organisation);
5. writes var/bench-staff/staff_pages-<db>.json and rewrites the table in docs/performance.md between
   the markers of that database.

AMALO beside the big zone (is a page flat in the size of the zone?), hits and misses:

    bash bin/with-postgres .venv/bin/python bench/staff_pages.py --side-by-side --no-doc
    bash bin/with-postgres .venv/bin/python bench/staff_pages.py --cpu --side-by-side   # in-process only
    .venv/bin/python bench/staff_pages.py --side-by-side var/bench-staff/staff_pages-postgresql.json

prints, per page and zone, the hit (staff page cache on: in-process CPU and, in a full run, the
share of hello world and p95 under gunicorn) and the miss (cache off: the first render after a
write; in-process CPU and the CPU of the PostgreSQL backend, /proc/<pid>/schedstat, which
process_time does not see), the queries of each, and the big zone's miss over AMALO's; it writes
var/bench-staff/staff_side_by_side-<db>.md with the load average.

Goal (issue 17): every staff page >= 20 % of hello world, public pages >= 50 % while edited.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LUA = str(ROOT / "bench" / "wrk_report.lua")
PORT = int(os.environ.get("BENCH_PORT", "8019"))
BASE = f"http://127.0.0.1:{PORT}"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
GOAL_STAFF = 20.0
GOAL_PUBLIC = 50.0


def db_label() -> str:
    return "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("ZORGRAAD_VAR_DIR", str(ROOT / "var" / "bench-staff"))
    env["SECRET_KEY"] = "bench-only-" + "x" * 60  # the same in gunicorn and in the session-making child
    env["PYTHONPATH"] = str(ROOT)
    return env


def manage(*args: str) -> None:
    env = base_env() | {"DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def ensure_database() -> None:
    """bin/with-postgres starts an empty cluster: create the database of DATABASE_URL when missing."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def vacuum_analyze() -> None:
    """On PostgreSQL, VACUUM ANALYZE after the bulk load: the planner's statistics and the visibility
    map as a database that has been running has them (autovacuum would do it within a minute, maybe
    in the middle of the first pages)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def data_ready() -> bool:
    """Whether the database already holds the bench's data (the big zone and its staff user)."""
    env = base_env() | {"DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    code = (
        "from zorgraad.accounts.models import User; from zorgraad.zones.models import Zone; "
        "print('READY' if Zone.objects.filter(slug='schaal-groot').exists() and "
        "User.objects.filter(email='staf@schaal-groot.zorgraad.test').exists() else 'EMPTY')"
    )
    ensure_database()
    done = subprocess.run(
        [PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return "READY" in done.stdout


def prepare() -> None:
    Path(base_env()["ZORGRAAD_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    ensure_database()
    manage("migrate", "--noinput", "-v0")
    manage("load_demo")
    manage("generate_scale_data", "--zones", "2", "--big-zone")
    vacuum_analyze()
    print(
        f"data ready in {time.monotonic() - start:.0f} s (migrate, demo, scale data, VACUUM ANALYZE)",
        flush=True,
    )
    env = base_env() | {"DJANGO_SETTINGS_MODULE": "config.settings.prod"}  # the manifest gunicorn reads
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)


# --- child process modes (Django loaded) ----------------------------------------------------------


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    for key, value in base_env().items():
        os.environ.setdefault(key, value)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _staff_session(email: str) -> str:
    from importlib import import_module

    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from zorgraad.accounts.models import User

    user = User.objects.get(email=email)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    now = time.time()
    store[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    store[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    store.save()
    return str(store.session_key)


def _zone_pages(slug: str, body_slug: str | None) -> list[tuple[str, str]]:
    from zorgraad.governance.models import Body
    from zorgraad.meetings.models import Meeting
    from zorgraad.network.models import Organisation, Person
    from zorgraad.zones.models import Zone

    zone = Zone.objects.get(slug=slug)
    bodies = Body.objects.for_zone(zone).filter(is_archived=False)
    body = bodies.filter(slug=body_slug).first() if body_slug else None
    if body is None:
        body = bodies.order_by("slug").first()
    meeting = (
        Meeting.objects.for_zone(zone).filter(body=body).order_by("-agenda_items__id").first()
        if body
        else None
    )
    person = (
        Person.objects.for_zone(zone)
        .filter(is_archived=False, affiliations__isnull=False)
        .order_by("pk")
        .first()
    )
    org = Organisation.objects.for_zone(zone).filter(is_archived=False).order_by("pk").first()
    z = f"/{slug}"
    pages = [
        ("staff home", f"{z}/beheer/"),
        ("organisation list", f"{z}/beheer/organisaties/"),
        ("organisation search", f"{z}/beheer/organisaties/?q=linde"),
        ("people list", f"{z}/beheer/personen/"),
        ("people search", f"{z}/beheer/personen/?q=peeters"),
        ("new person (org picker)", f"{z}/beheer/personen/nieuw/"),
    ]
    if org:
        pages.append(("organisation edit (parent)", f"{z}/beheer/organisaties/{org.pk}/bewerken/"))
    if person:
        pages += [
            ("person page", f"{z}/beheer/personen/{person.pk}/"),
            ("add affiliation (org picker)", f"{z}/beheer/personen/{person.pk}/functies/nieuw/"),
        ]
    if body:
        pages += [
            ("body detail", f"{z}/beheer/overleg/{body.slug}/"),
            ("add member (pickers)", f"{z}/beheer/overleg/{body.slug}/leden/nieuw/"),
        ]
    if meeting:
        m = f"{z}/beheer/vergaderingen/{meeting.pk}"
        pages += [
            ("meeting page", f"{m}/"),
            ("meeting edit (venue picker)", f"{m}/bewerken/"),
            ("agenda", f"{m}/agenda/"),
            ("attendance", f"{m}/aanwezigheden/"),
            ("minutes", f"{m}/verslag/"),
        ]
    pages.append(("agenda.ics (public feed)", f"{z}/agenda.ics"))
    return pages


def _public_paths(slug: str) -> list[str]:
    from zorgraad.governance.models import Body
    from zorgraad.meetings.models import Meeting
    from zorgraad.network.models import Offer
    from zorgraad.zones.models import Zone

    zone = Zone.objects.get(slug=slug)
    z = f"/{slug}"
    paths = [f"{z}/", f"{z}/sociale-kaart/", f"{z}/overleg/", f"{z}/agenda.ics", "/"]
    words = ["ouderen", "kinderen", "thuiszorg", "mantelzorg", "armoede", "welzijn", "dementie", "jongeren"]
    paths += [f"{z}/sociale-kaart/?q={w}" for w in words]
    paths += [
        f"{z}/sociale-kaart/{pk}/"
        for pk in Offer.objects.for_zone(zone)
        .filter(is_archived=False)
        .order_by("pk")
        .values_list("pk", flat=True)[:40]
    ]
    for body in Body.objects.for_zone(zone).filter(is_open=True, is_archived=False).order_by("slug")[:8]:
        paths.append(f"{z}/overleg/{body.slug}/")
        paths += [
            f"{z}/overleg/{body.slug}/{pk}/"
            for pk in Meeting.objects.for_zone(zone)
            .filter(body=body)
            .order_by("-date")
            .values_list("pk", flat=True)[:3]
        ]
    return paths[:84]


def inspect(only: str | None) -> None:
    """Print the pages, sessions and queries per request as JSON (child process)."""
    _django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    zones = [
        ("amalo", "staf@amalo.zorgraad.test", "clusteroverleg-welzijn"),
        ("schaal-groot", "staf@schaal-groot.zorgraad.test", None),
    ]
    if only:
        zones = [z for z in zones if z[0] == only]
    out: dict = {"zones": [], "public": _public_paths("amalo")}
    with override_settings(ALLOWED_HOSTS=["*"], DEBUG=False):
        for slug, email, body in zones:
            session = _staff_session(email)
            client = Client()
            client.cookies["sessionid"] = session
            pages = []
            for name, path in _zone_pages(slug, body):
                client.get(path)
                with CaptureQueriesContext(connection) as ctx:
                    response = client.get(path)
                pages.append(
                    {
                        "name": name,
                        "path": path,
                        "status": response.status_code,
                        "queries": len(ctx.captured_queries),
                    }
                )
            out["zones"].append({"zone": slug, "session": session, "pages": pages})
    print("INSPECTJSON " + json.dumps(out))


def cpu_in_process(only: str | None, match: str = "", n: int = 0) -> None:
    """CPU per request of each staff page in this process (Django test client, production settings,
    a staff session that passed TOTP): no gunicorn, wrk or other load in the figure. Child process;
    prints CPUJSON. Each page: warmed, one request's queries counted, then `n` requests timed with
    time.process_time (the median of three rounds of n/3)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.prod"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    _django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    n = n or int(os.environ.get("BENCH_CPU_REQUESTS", "60"))
    rounds = 3
    zones = [("amalo", "staf@amalo.zorgraad.test", "clusteroverleg-welzijn")]
    zones.append(("schaal-groot", "staf@schaal-groot.zorgraad.test", None))
    if only:
        zones = [z for z in zones if z[0] == only]
    out: dict = {"requests": n, "pages": []}

    from django.test.utils import override_settings

    sql_seconds = [0.0]

    def backend() -> int | None:
        """The PostgreSQL backend process of this connection (None on SQLite)."""
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return int(cursor.fetchone()[0])

    def on_cpu_ns(pid: int | None) -> int:
        """Nanoseconds the process has run on a CPU (/proc/<pid>/schedstat): the database's own CPU,
        which neither process_time nor (under load) the wall time of its statements tells."""
        if pid is None:
            return 0
        try:
            return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return 0

    def sql_timer(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_seconds[0] += time.perf_counter() - start

    def timed_one(client: Client, path: str) -> tuple[int, int, float, str]:
        for _ in range(3):
            response = client.get(path, secure=True)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, secure=True)
        queries = len(ctx.captured_queries)  # read now: the next request empties the log
        per_round = max(n // rounds, 1)
        figures = []
        walls = []
        sqls = []
        dbs = []
        for _ in range(rounds):
            sql_seconds[0] = 0.0
            pid = backend()
            db_start = on_cpu_ns(pid)
            with connection.execute_wrapper(sql_timer):
                wall = time.perf_counter()
                start = time.process_time()
                for _ in range(per_round):
                    client.get(path, secure=True)
                figures.append((time.process_time() - start) * 1000 / per_round)
                walls.append((time.perf_counter() - wall) * 1000 / per_round)
            db_end = on_cpu_ns(pid)
            sqls.append(sql_seconds[0] * 1000 / per_round)
            if pid is not None and backend() == pid:  # the same connection all round long
                dbs.append((db_end - db_start) / 1e6 / per_round)
        state = response.get("X-Zorgraad-Cache", "")
        # Wall time per request, the time waiting on the database's statements (from this side) and
        # the database's own CPU per request (PostgreSQL runs in another process: process_time does
        # not see it; under load its wall time mostly measures the wait for a core).
        timing.update(
            wall_ms=sorted(walls)[len(walls) // 2],
            sql_ms=sorted(sqls)[len(sqls) // 2],
            db_cpu_ms=sorted(dbs)[len(dbs) // 2] if dbs else None,
        )
        return response.status_code, queries, sorted(figures)[len(figures) // 2], state

    timing: dict = {}

    staff_cache = os.environ.get("BENCH_STAFF_CACHE", "both")  # on, off or both (off then on)

    def timed(client: Client, path: str) -> tuple[int, int, float]:
        """The page with the staff page cache as asked; with "both", first off (every request
        rendered: the miss), then on (after the warm-up every request is a hit when the page is
        cached), so the two figures are taken back to back. Stores the off figures in `extra`."""
        extra.clear()
        if staff_cache in ("off", "both"):
            with override_settings(ZORGRAAD_STAFF_PAGE_CACHE=False):
                status, queries, ms, state = timed_one(client, path)
            extra.update(
                wall_ms_off=timing["wall_ms"], sql_ms_off=timing["sql_ms"], db_cpu_ms_off=timing["db_cpu_ms"]
            )
            if staff_cache == "off":
                return status, queries, ms
            extra.update(cpu_ms_off=ms, queries_off=queries)
        status, queries, ms, state = timed_one(client, path)
        extra.update(
            cache=state, wall_ms=timing["wall_ms"], sql_ms=timing["sql_ms"], db_cpu_ms=timing["db_cpu_ms"]
        )
        return status, queries, ms

    extra: dict = {}

    hello = Client()
    status, queries, ms = timed(hello, "/healthz/")
    out["hello_cpu_ms"] = ms
    print(f"{'':13s} {'hello world /healthz/':30s} {ms:6.2f} ms CPU in-process", file=sys.stderr, flush=True)
    for slug, email, body in zones:
        if not _zone_exists(slug):
            continue
        client = Client()
        client.cookies["sessionid"] = _staff_session(email)
        for name, path in _zone_pages(slug, body):
            if match and not any(m in name for m in match.split(",")):
                continue
            status, queries, ms = timed(client, path)
            out["pages"].append(
                {"zone": slug, "name": name, "path": path, "status": status, "queries": queries, "cpu_ms": ms}
                | extra
            )
            off = (
                f"  (cache off {extra['cpu_ms_off']:6.2f} ms {extra['queries_off']:3d} q,"
                f" database CPU {extra['db_cpu_ms_off'] or 0:5.2f} ms)"
                if "cpu_ms_off" in extra
                else ""
            )
            print(
                f"{slug:13s} {name:30s} {ms:6.2f} ms CPU in-process  {queries:3d} q  [{status}]"
                f" {extra.get('cache', '')}{off}",
                file=sys.stderr,
                flush=True,
            )
    print("CPUJSON " + json.dumps(out))


def _zone_exists(slug: str) -> bool:
    from zorgraad.zones.models import Zone

    return Zone.objects.filter(slug=slug).exists()


def floor_rows(slugs: list[str]) -> list[dict]:
    """The row "floor: bare staff layout" per zone, when bench/staff_floor.py (another bench) is
    there: it renders base.html alone through the whole middleware stack, with a staff session
    (see its docstring). Run as its own process (it installs its own URL conf); its output line
    "staff floor (base layout) <path> <ms> ms <n> queries" is read back."""
    script = ROOT / "bench" / "staff_floor.py"
    if not script.exists():
        return []
    rows = []
    for slug in slugs:
        env = base_env() | {
            "BENCH_ZONE": slug,
            "BENCH_STAFF": f"staf@{slug}.zorgraad.test",
            "BENCH_N": os.environ.get("BENCH_FLOOR_N", "200"),
        }
        done = subprocess.run([PY, str(script)], cwd=ROOT, env=env, capture_output=True, text=True)
        found = re.search(r"staff floor \(base layout\)\s+(\S+)\s+([\d.]+) ms\s+(\d+) queries", done.stdout)
        if found:
            rows.append(
                {
                    "zone": slug,
                    "name": "floor: bare staff layout",
                    "path": found[1],
                    "status": 200,
                    "queries": int(found[3]),
                    "cpu_ms": float(found[2]),
                }
            )
            print(
                f"{slug:13s} {'floor: bare staff layout':30s} {float(found[2]):6.2f} ms CPU in-process",
                file=sys.stderr,
            )
    return rows


def write_load() -> None:
    """One write a second to AMALO until killed: three staff-only writes, then one public one."""
    _django()
    from zorgraad.meetings.models import Attendance
    from zorgraad.network.models import Organisation, Person
    from zorgraad.zones.models import Zone

    zone = Zone.objects.get(slug="amalo")
    people = list(Person.objects.for_zone(zone).order_by("pk")[:50])
    orgs = list(Organisation.objects.for_zone(zone).order_by("pk")[:50])
    attendance = list(Attendance.objects.for_zone(zone).order_by("pk")[:50])
    n = 0
    while True:
        n += 1
        kind = n % 4
        if kind == 1 and people:
            p = people[n % len(people)]
            p.phone = f"02 {n % 1000:03d} 00 00"
            p.save(update_fields=["phone"])
        elif kind == 2 and attendance:
            a = attendance[n % len(attendance)]
            a.reply = "yes" if n % 8 == 2 else "no"
            a.save(update_fields=["reply"])
        elif kind == 3 and people:
            p = people[(n * 7) % len(people)]
            p.email_bounced = not p.email_bounced
            p.save(update_fields=["email_bounced"])
        elif orgs:
            o = orgs[n % len(orgs)]
            o.phone = f"053 {n % 1000:03d} 000"
            o.save(update_fields=["phone"])
        time.sleep(1)


# --- the driver -------------------------------------------------------------------------------------


def worker_pids(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == master:
                pids.append(int(entry.name))
    return pids


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def settle() -> None:
    """Wait until the workers have served what a slow page left queued (hello world answers at once)."""
    for _ in range(600):
        start = time.perf_counter()
        with contextlib.suppress(OSError):
            status_of("/healthz/", None)
        if time.perf_counter() - start < 0.05:
            return
        time.sleep(0.1)


# A browser that opened one staff page sends the CSRF cookie Django set with it (a form's token is
# made from it) beside the session; the staff page cache (core/staffcache.py) keys on that secret and
# serves nobody without it. The bench sends both, as the browser does, with one fixed secret.
CSRF_SECRET = "benchbenchbenchbenchbenchbench01"


def browser_cookies(session: str) -> str:
    return f"sessionid={session}; csrftoken={CSRF_SECRET}"


def wrk(paths: list[str], master: int, cookie: str | None = None, seconds: int = SECONDS) -> dict:
    settle()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(paths) + "\n")
        list_file = f.name
    cmd = ["wrk", "-t2", "-c16", f"-d{seconds}s", "-s", LUA, "-H", "X-Forwarded-Proto: https"]
    if cookie:
        cmd += ["-H", f"Cookie: {browser_cookies(cookie)}"]
    cmd += [BASE, "--", list_file]
    pids = worker_pids(master)
    before = cpu_seconds(pids)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    used = cpu_seconds(pids) - before
    os.unlink(list_file)
    line = next(x for x in out.splitlines() if x.startswith("WRKJSON "))
    data = json.loads(line[len("WRKJSON ") :])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6) if data["duration_us"] else 0.0
    data["cpu_ms"] = used * 1000 / max(data["requests"], 1)
    return data


def status_of(path: str, cookie: str | None) -> int:
    req = urllib.request.Request(BASE + path, headers={"X-Forwarded-Proto": "https"})
    if cookie:
        req.add_header("Cookie", browser_cookies(cookie))

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a: object, **k: object) -> None:
            return None

    try:
        return urllib.request.build_opener(NoRedirect).open(req, timeout=30).status
    except urllib.error.HTTPError as e:
        return e.code


def serve() -> subprocess.Popen:
    env = base_env() | {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "ZORGRAAD_BENCH": "1",
    }
    proc = subprocess.Popen(
        [GUNICORN, "config.wsgi:application", "-w", "2", "-b", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stderr=open(Path(env["ZORGRAAD_VAR_DIR"]) / "gunicorn.log", "a"),  # noqa: SIM115
    )
    for _ in range(100):
        time.sleep(0.2)
        try:
            if status_of("/healthz/", None) == 200 and len(worker_pids(proc.pid)) >= 2:
                return proc
        except OSError:
            continue
    proc.kill()
    raise SystemExit("gunicorn did not start")


def child(mode: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [PY, __file__, mode, *extra], cwd=ROOT, env=base_env(), stdout=subprocess.PIPE, text=True
    )


def measure(only: str | None, match: str = "") -> dict:
    proc = child("--inspect", *([only] if only else []))
    out, _ = proc.communicate()
    info = json.loads(next(x for x in out.splitlines() if x.startswith("INSPECTJSON "))[12:])
    # In-process CPU first, on a machine not yet busy with gunicorn: the figure without server noise.
    inproc = cpu_run(only, match)
    by_page = {(p["zone"], p["name"]): p["cpu_ms"] for p in inproc["pages"]}
    server = serve()
    results: dict = {
        "db": db_label(),
        "seconds": SECONDS,
        "pages": [],
        "public": {},
        "inproc": inproc,
    }
    try:
        master = server.pid
        hello = wrk(["/healthz/"], master)
        results["hello"] = [hello]
        for zone in info["zones"]:
            for page in zone["pages"]:
                if match and not any(m in page["name"] for m in match.split(",")):
                    continue
                cookie = None if page["path"].endswith(".ics") else zone["session"]
                page["live_status"] = status_of(page["path"], cookie)
                for _ in range(4):  # warm both workers (templates, first queries) before measuring
                    status_of(page["path"], cookie)
                r = wrk([page["path"]], master, cookie)
                after = wrk(["/healthz/"], master)
                results["hello"].append(after)
                base = max((hello["rps"] + after["rps"]) / 2, 1e-9)
                page.update(
                    zone=zone["zone"],
                    rps=r["rps"],
                    share=100 * r["rps"] / base,
                    cpu_ms=r["cpu_ms"],
                    p95_ms=r["p95_us"] / 1000,
                    errors=r["non2xx3xx"] + r["socket_errors"],
                    cpu_inproc_ms=by_page.get((zone["zone"], page["name"])),
                )
                results["pages"].append(page)
                print(
                    f"{zone['zone']:13s} {page['name']:30s} {page['share']:6.1f} %  {page['cpu_ms']:6.1f} ms CPU"
                    f"  p95 {page['p95_ms']:6.1f} ms  {page['queries']:3d} q  [{page['live_status']}]",
                    flush=True,
                )
                hello = after
        # The public rows run without --match, or when it names them ("--match public": these rows
        # and the public feed only).
        public_rows = not match or any("public" in m for m in match.split(","))
        if public_rows:  # warm the cache of both workers: the quiet run measures hits
            for path in info["public"] * 3:
                status_of(path, None)
        for label, load in (("quiet", False), ("one write per second", True)) if public_rows else ():
            writer = child("--write-load") if load else None
            try:
                time.sleep(1)
                r = wrk(info["public"], master, seconds=max(SECONDS * 2, 10))
            finally:
                if writer:
                    writer.send_signal(signal.SIGTERM)
                    writer.wait()
            after = wrk(["/healthz/"], master)
            base = max((hello["rps"] + after["rps"]) / 2, 1e-9)
            hello = after
            results["public"][label] = {
                "urls": len(info["public"]),
                "rps": r["rps"],
                "share": 100 * r["rps"] / base,
                "cpu_ms": r["cpu_ms"],
                "p95_ms": r["p95_us"] / 1000,
                "errors": r["non2xx3xx"] + r["socket_errors"],
            }
            print(
                f"public AMALO ({len(info['public'])} URLs), {label}: {results['public'][label]['share']:.1f} %"
                f"  {r['cpu_ms']:.1f} ms CPU",
                flush=True,
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    return results


def cpu_run(only: str | None, match: str = "") -> dict:
    """In-process CPU per request of every page, in a child process (production settings)."""
    proc = child("--cpu-child", *([only] if only else []), *(["--match", match] if match else []))
    out, _ = proc.communicate()
    line = next((x for x in out.splitlines() if x.startswith("CPUJSON ")), None)
    if line is None:
        raise SystemExit("the in-process CPU run failed (see above)")
    data: dict = json.loads(line[len("CPUJSON ") :])
    data["db"] = db_label()
    if not match:
        zones = list(dict.fromkeys(p["zone"] for p in data["pages"]))
        data["pages"] = floor_rows(zones) + data["pages"]
    return data


def cpu_table(results: dict) -> str:
    lines = [
        f"In-process CPU per request (Django test client, production settings, {results['requests']} requests"
        f" a page, median of 3 rounds; hello world {results['hello_cpu_ms']:.2f} ms):",
        "",
        "| zone | page | CPU in-process | queries | staff page cache | CPU, cache off | queries, cache off |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in results["pages"]:
        flag = "" if p["status"] == 200 else f" (HTTP {p['status']})"
        off = f"{p['cpu_ms_off']:.1f} ms | {p['queries_off']}" if "cpu_ms_off" in p else " | "
        lines.append(
            f"| {p['zone']} | {p['name']}{flag} | {p['cpu_ms']:.2f} ms | {p['queries']} | {p.get('cache', '')} | {off} |"
        )
    return "\n".join(lines)


ZONES_SIDE_BY_SIDE = ("amalo", "schaal-groot")


def side_by_side(results: dict) -> str:
    """AMALO and the big zone page by page: hits (the staff page cache on; under gunicorn when the
    run had it: share of hello world and p95) and misses (cache off, in-process: CPU of this process
    and of the PostgreSQL backend that served it), with the queries of each. A page is flat in
    the size of the zone when its schaal-groot miss costs what AMALO's does. Works on the JSON of a
    full run (results with "inproc") and on that of --cpu."""
    inproc = results.get("inproc", results)
    cpu = {(p["zone"], p["name"]): p for p in inproc.get("pages", [])}
    served = {(p["zone"], p["name"]): p for p in results.get("pages", []) if "share" in p}
    names = list(
        dict.fromkeys(p["name"] for p in inproc.get("pages", []) if not p["name"].startswith("floor:"))
    )
    a, b = ZONES_SIDE_BY_SIDE
    gunicorn = bool(served)
    head = "| page | "
    cols = []
    for zone in (a, b):
        if gunicorn:
            cols += [f"{zone}: hit, share of hello world", "p95"]
        cols += [f"{zone}: hit CPU", "miss CPU", "miss database CPU", "queries hit/miss"]
    head += " | ".join(cols) + " | miss (CPU + database), big / AMALO |"
    lines = [
        f"Staff pages, AMALO beside schaal-groot ({results.get('db', inproc.get('db', '?'))}; in-process "
        f"hello world {inproc.get('hello_cpu_ms', 0):.2f} ms CPU; hit = staff page cache on, miss = cache off):",
        "",
        head,
        "|" + "---|" * (len(cols) + 2),
    ]

    def cells(zone: str, name: str) -> tuple[list[str], float | None]:
        p, g = cpu.get((zone, name)), served.get((zone, name))
        out = []
        if gunicorn:
            out += [f"{g['share']:.1f} %", f"{g['p95_ms']:.0f} ms"] if g else ["", ""]
        if not p:
            return out + ["", "", "", ""], None
        miss = p.get("cpu_ms_off", p["cpu_ms"]) + (p.get("db_cpu_ms_off") or 0.0)
        state = "" if p.get("cache") in ("staff-hit", None) else f" ({p.get('cache') or 'not cached'})"
        out += [
            f"{p['cpu_ms']:.1f} ms{state}",
            f"{p['cpu_ms_off']:.1f} ms" if "cpu_ms_off" in p else "",
            f"{p['db_cpu_ms_off']:.2f} ms" if p.get("db_cpu_ms_off") is not None else "",
            f"{p['queries']}/{p.get('queries_off', '')}",
        ]
        return out, miss

    for name in names:
        left, miss_a = cells(a, name)
        right, miss_b = cells(b, name)
        ratio = f"{miss_b / miss_a:.2f}" if miss_a and miss_b else ""
        lines.append(f"| {name} | " + " | ".join(left + right) + f" | {ratio} |")
    return "\n".join(lines)


def machine() -> str:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def table(results: dict) -> str:
    lines = [
        f"Machine: {machine()}. Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit "
        f"{subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=ROOT, capture_output=True, text=True).stdout.strip()}"
        f" (+ working tree), {results['seconds']} s per page, hello world "
        f"{min(h['rps'] for h in results['hello']):.0f}-{max(h['rps'] for h in results['hello']):.0f} req/s.",
        "",
        "| zone | page | share of hello world | CPU per request | CPU in-process | p95 (16 conn.) | queries |",
        "|---|---|---|---|---|---|---|",
    ]
    inproc = results.get("inproc") or {}
    if inproc.get("hello_cpu_ms") is not None:
        lines.insert(
            1, f" In-process (test client, no server): hello world {inproc['hello_cpu_ms']:.2f} ms CPU."
        )
    for p in inproc.get("pages", []):  # the floor row, measured in-process only
        if p["name"].startswith("floor:"):
            lines.append(f"| {p['zone']} | {p['name']} | | | {p['cpu_ms']:.1f} ms | | {p['queries']} |")
    for p in results["pages"]:
        flag = "" if p["live_status"] == 200 else f" (HTTP {p['live_status']})"
        own = p.get("cpu_inproc_ms")
        lines.append(
            f"| {p['zone']} | {p['name']}{flag} | {p['share']:.1f} % | {p['cpu_ms']:.1f} ms | "
            f"{'' if own is None else f'{own:.1f} ms'} | {p['p95_ms']:.0f} ms | {p['queries']} |"
        )
    for label, r in results["public"].items():
        lines.append(
            f"| amalo | public pages ({r['urls']} URLs), {label} | {r['share']:.1f} % | "
            f"{r['cpu_ms']:.1f} ms | | {r['p95_ms']:.0f} ms | |"
        )
    staff = [p for p in results["pages"] if "public" not in p["name"]]
    if staff:
        # By CPU per request: the share swings with the other load of the machine, CPU much less.
        worst = max(staff, key=lambda p: p["cpu_ms"])
        hello_cpu = sum(h["cpu_ms"] for h in results["hello"]) / len(results["hello"])
        lines += [
            "",
            f"Furthest from the 20 % goal (by CPU per request; hello world {hello_cpu:.2f} ms, so 20 % means "
            f"about {hello_cpu * 5:.1f} ms): {worst['zone']} {worst['name']} ({worst['share']:.1f} %, "
            f"{worst['cpu_ms']:.1f} ms CPU, {worst['queries']} queries).",
        ]
    return "\n".join(lines)


def compare(before_file: str, after_file: str) -> str:
    """A before/after table of two runs' JSON (share of hello world and CPU per request)."""
    before = json.loads(Path(before_file).read_text())
    after = json.loads(Path(after_file).read_text())
    old = {(p["zone"], p["name"]): p for p in before["pages"]}
    lines = [
        f"Before/after on {after['db']} (`{before_file}` → `{after_file}`):",
        "",
        "| zone | page | before | after | CPU before | CPU after | queries before → after |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in after["pages"]:
        o = old.get((p["zone"], p["name"]))
        if o is None:
            continue
        lines.append(
            f"| {p['zone']} | {p['name']} | {o['share']:.1f} % | {p['share']:.1f} % | {o['cpu_ms']:.1f} ms | "
            f"{p['cpu_ms']:.1f} ms | {o['queries']} → {p['queries']} |"
        )
    for label, r in after["public"].items():
        o = before["public"].get(label)
        if o:
            lines.append(
                f"| amalo | public pages, {label} | {o['share']:.1f} % | {r['share']:.1f} % | "
                f"{o['cpu_ms']:.1f} ms | {r['cpu_ms']:.1f} ms | |"
            )
    return "\n".join(lines)


def update_doc(results: dict) -> None:
    doc = ROOT / "docs" / "performance.md"
    text = doc.read_text() if doc.exists() else "# Performance\n"
    begin, end = f"<!-- bench:{results['db']}:begin -->", f"<!-- bench:{results['db']}:end -->"
    block = f"{begin}\n{table(results)}\n{end}"
    if begin in text:
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text += f"\n### {results['db']}\n\n{block}\n"
    doc.write_text(text)


def write_side_by_side(results: dict) -> None:
    """Print the side-by-side table with the machine's load, and keep it beside the JSON."""
    load = Path("/proc/loadavg").read_text().split()[:3]
    text = (
        side_by_side(results)
        + f"\n\nLoad average at the end of the run: {' '.join(load)} ({os.cpu_count()} cores), "
        + time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    )
    db = results.get("db") or db_label()
    out = Path(base_env()["ZORGRAAD_VAR_DIR"]) / f"staff_side_by_side-{db}.md"
    out.write_text(text + "\n")
    print(text)
    print(f"wrote {out}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inspect", nargs="?", const="", default=None)
    parser.add_argument("--write-load", action="store_true")
    parser.add_argument(
        "--cpu",
        nargs="?",
        const="",
        default=None,
        metavar="ZONE",
        help="in-process CPU per request only (test client, production settings; no gunicorn or wrk)",
    )
    parser.add_argument("--cpu-child", nargs="?", const="", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--skip-prepare", action="store_true")
    parser.add_argument("--only", default=None, help="one zone: amalo or schaal-groot")
    parser.add_argument("--no-doc", action="store_true")
    parser.add_argument(
        "--compare", nargs=2, metavar=("BEFORE_JSON", "AFTER_JSON"), help="print a before/after table"
    )
    parser.add_argument("--doc-from", metavar="JSON", help="rewrite docs/performance.md from a run's JSON")
    parser.add_argument(
        "--side-by-side",
        nargs="?",
        const="",
        default=None,
        metavar="JSON",
        help="print AMALO beside schaal-groot page by page (hits, miss CPU and database CPU, queries): of this "
        "run, or of a run's JSON (staff_pages-<db>.json or staff_cpu-<db>.json) when given",
    )
    parser.add_argument(
        "--match",
        default="",
        help="only pages whose name contains one of these (comma-separated); 'public': the public "
        "rows (quiet and under writes) and the public feed only",
    )
    args = parser.parse_args()
    if args.inspect is not None:
        return inspect(args.inspect or None)
    if args.write_load:
        return write_load()
    if args.cpu_child is not None:
        return cpu_in_process(args.cpu_child or None, args.match)
    if args.side_by_side:  # a JSON given: print its table, measure nothing
        print(side_by_side(json.loads(Path(args.side_by_side).read_text())))
        return None
    if args.cpu is not None:
        if args.skip_prepare or data_ready():
            manage("migrate", "--noinput", "-v0")
        else:  # a fresh database (bin/with-postgres starts an empty one): fill it first
            prepare()
        results = cpu_run(args.cpu or None, args.match)
        out = Path(base_env()["ZORGRAAD_VAR_DIR"]) / f"staff_cpu-{db_label()}.json"
        out.write_text(json.dumps(results, indent=1))
        print(cpu_table(results))
        if args.side_by_side is not None:
            write_side_by_side(results)
        print(f"wrote {out}")
        return None
    if args.compare:
        print(compare(*args.compare))
        return None
    if args.doc_from:
        update_doc(json.loads(Path(args.doc_from).read_text()))
        return None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # run the finally blocks: gunicorn stops too
    if args.skip_prepare:
        manage("migrate", "--noinput", "-v0")  # the data stays; the code may have new migrations
    else:
        prepare()
    results = measure(args.only, args.match)
    out = Path(base_env()["ZORGRAAD_VAR_DIR"]) / f"staff_pages-{results['db']}.json"
    out.write_text(json.dumps(results, indent=1))
    print(f"wrote {out}")
    if args.side_by_side is not None:
        write_side_by_side(results)
    if not args.no_doc:
        update_doc(results)
        print("updated docs/performance.md")


if __name__ == "__main__":
    main()
