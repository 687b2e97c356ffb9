#!/usr/bin/env bash
# Throughput of key pages as a ratio to a hello-world view (/healthz/) served by the same gunicorn
# in the same run. Run by hand, never in CI:
#   bash bench/run.sh                     # SQLite under var/bench/ with 3 zones of scale data
#   DATABASE_URL=postgres://... bash bench/run.sh
# Needs: apt-get install wrk. Prints one line per page: req/s and ratio to hello world.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "install wrk first: apt-get install wrk" >&2; exit 1; }
export DJANGO_SETTINGS_MODULE=config.settings.prod SECRET_KEY=bench-$(date +%s)-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
export SECURE_SSL_REDIRECT=0 ALLOWED_HOSTS=127.0.0.1 ZORGRAAD_VAR_DIR=${ZORGRAAD_VAR_DIR:-$PWD/var/bench}
ZONES=${BENCH_ZONES:-3}
DURATION=${BENCH_SECONDS:-10}
mkdir -p "$ZORGRAAD_VAR_DIR"
uv run python manage.py migrate --noinput -v0
uv run python manage.py load_demo >/dev/null
uv run python manage.py generate_scale_data --zones "$ZONES" >/dev/null
uv run python manage.py collectstatic --noinput -v0
.venv/bin/gunicorn config.wsgi:application -w 2 -b 127.0.0.1:8019 --no-control-socket --log-level warning &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
sleep 2
rps() { wrk -t2 -c16 -d"${DURATION}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
HELLO=$(rps http://127.0.0.1:8019/healthz/)
printf "%-45s %10s %8s\n" page "req/s" ratio
printf "%-45s %10s %8s\n" /healthz/ "$HELLO" "100%"
# A logged-in staff session for the staff pages (never cached).
SESSION=$(uv run python manage.py shell -c "
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from zorgraad.accounts.models import User
u = User.objects.get(email='staf@amalo.zorgraad.test')
s = import_module(settings.SESSION_ENGINE).SessionStore()
s[SESSION_KEY] = str(u.pk); s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s['zorgraad_mfa_ok'] = True; s.save(); print(s.session_key)" | tail -n 1)
staff_rps() { wrk -t2 -c16 -d"${DURATION}s" -H "Cookie: sessionid=$SESSION" -H "X-Forwarded-Proto: https" "$1" | awk '/Requests\/sec/ {print $2}'; }
for path in / /amalo/ /amalo/sociale-kaart/ "/amalo/sociale-kaart/?q=ouderen" /schaal-00/sociale-kaart/ \
            "/api/v1/zones/schaal-00/offers" ; do
  R=$(rps "http://127.0.0.1:8019$path")
  printf "%-45s %10s %7.1f%%\n" "$path" "$R" "$(echo "$R / $HELLO * 100" | bc -l)"
done
for path in /amalo/beheer/ /amalo/beheer/organisaties/ "/amalo/beheer/personen/?q=peeters" \
            /amalo/beheer/overleg/clusteroverleg-welzijn/ ; do
  R=$(staff_rps "http://127.0.0.1:8019$path")
  printf "%-45s %10s %7.1f%%  (staff)\n" "$path" "$R" "$(echo "$R / $HELLO * 100" | bc -l)"
done
