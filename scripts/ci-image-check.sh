#!/usr/bin/env bash
# The container image's commands, run without Docker (docs/deploy.md): the standalone build,
# the runtime image's files assembled in a temporary folder as the Dockerfile copies them,
# then, from that folder and with only the image's environment: the migrations on a fresh
# database, the portal until /api/health answers 200, a worker and the relay until their
# health checks pass, the operator command line. .ci/run runs it after the tests.
# By hand: bash scripts/ci-image-check.sh (it rebuilds .next). Needs npm ci, psql, openssl,
# curl and PostgreSQL at TEST_DATABASE_URL (default below), where it creates and drops a
# database of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

admin_url="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
database="relais_image_check_$$"
port="${IMAGE_CHECK_PORT:-39300}"
relay_port="${IMAGE_CHECK_RELAY_PORT:-39587}"
relay_tls_port="${IMAGE_CHECK_RELAY_TLS_PORT:-39465}"
# Under /tmp, with no node_modules above it: the image's files must be enough.
work="$(mktemp -d)"
app="$work/app"
started=$SECONDS
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql "$admin_url" -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "Image check failed: $*" >&2
  for log in "$work"/*.log; do
    [ -f "$log" ] && { echo "--- $(basename "$log" .log), last lines" >&2; tail -n 40 "$log" >&2; }
  done
  exit 1
}

echo "[image] RELAIS_STANDALONE=1 next build (the Dockerfile's build stage)"
env -u DATABASE_URL RELAIS_STANDALONE=1 NEXT_TELEMETRY_DISABLED=1 npx next build
build_seconds=$((SECONDS - started))

echo "[image] Assembling the runtime image's /app in $app"
mkdir -p "$app"
cp -a .next/standalone/. "$app/"
cp -a .next/static "$app/.next/static"
if [ -d public ]; then cp -a public "$app/public"; fi
rm -rf "$app/prisma/migrations" && mkdir -p "$app/prisma" && cp -a prisma/migrations "$app/prisma/migrations"
node scripts/bundle-scripts.mjs "$app/dist"

# The image's environment (Dockerfile ENV and compose.yaml's .env), nothing of this shell's.
# Loopback and high ports instead of 0.0.0.0, 3000, 587 and 465; throwaway secrets.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -keyout "$work/relay.key" -out "$work/relay.crt" 2>/dev/null
image_env=(
  env -i "PATH=$PATH" NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=127.0.0.1 PORT="$port"
  DATABASE_URL="${admin_url%/*}/$database" NEXTAUTH_URL="http://127.0.0.1:$port"
  NEXTAUTH_SECRET="$(openssl rand -base64 32)" RELAIS_ENCRYPTION_KEY="$(openssl rand -base64 32)"
  RELAIS_RELAY_HOST=127.0.0.1 RELAIS_RELAY_PORT="$relay_port" RELAIS_RELAY_TLS_PORT="$relay_tls_port"
  RELAIS_RELAY_TLS_CERT="$work/relay.crt" RELAIS_RELAY_TLS_KEY="$work/relay.key"
)
# The command of a container (docs/deploy.md), run in /app.
in_image() { (cd "$app" && exec "${image_env[@]}" "$@"); }
# start <name> <command…>: in the background, log in $work/<name>.log; $last_pid is the
# process itself (the subshell execs it), so that SIGTERM reaches it as in a container.
start() {
  local name=$1
  shift
  (cd "$app" && exec "${image_env[@]}" "$@") >"$work/$name.log" 2>&1 &
  last_pid=$!
  pids+=("$last_pid")
}
# wait_until <pid> <seconds> <what> <command…>: until the command succeeds while the process lives.
wait_until() {
  local pid=$1 seconds=$2 what=$3
  local deadline=$((SECONDS + seconds))
  shift 3
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || fail "the process exited before $what"
    [ "$SECONDS" -lt "$deadline" ] || fail "no $what within $seconds s"
    sleep 0.5
  done
}
# stop <pid> <name>: SIGTERM, as docker stop sends, and a clean exit.
stop() {
  local status=0
  kill -TERM "$1"
  wait "$1" || status=$?
  [ "$status" -eq 0 ] || fail "$2 exited with code $status after SIGTERM"
}

psql "$admin_url" -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $database"
echo "[image] migrate: node dist/db-migrate.mjs, on a fresh database, twice"
in_image node dist/db-migrate.mjs
[ "$(in_image node dist/db-migrate.mjs)" = "The database is up to date." ] || fail "a second migrate did something"

echo "[image] portal: node --heap-growing-percent=50 server.js (the image's command)"
start portal node --heap-growing-percent=50 server.js
portal_pid=$last_pid
base="http://127.0.0.1:$port"
health_ok() { [[ "$(curl -fsS "$base/api/health")" == *'"status":"ok"'* ]]; }
wait_until "$portal_pid" 60 "200 from $base/api/health" health_ok
in_image node dist/healthcheck.mjs portal
# A stylesheet of the sign-in page: .next/static was copied where server.js serves it from.
css="$(curl -fsS "$base/signin" | grep -o '/_next/static/[^"]*\.css' | head -n 1)" || true
[ -n "$css" ] || fail "the sign-in page names no stylesheet"
curl -fsS -o /dev/null "$base$css" || fail "$css does not answer 200"
echo "$base/signin and its stylesheet answer."
# The API's submissions are answered before Next.js (the fast path, docs/api-submission.md): a
# JSON 401 for a key that does not exist, without the Vary header Next.js puts on its answers.
api_headers="$(curl -sS -D - -o "$work/api.json" -X POST -H 'content-type: application/json' \
  -H 'authorization: Bearer relais_nokey' --data '{}' "$base/api/v1/messages")"
grep -q '^HTTP/1.1 401' <<<"$api_headers" || fail "POST /api/v1/messages with an unknown key did not answer 401"
grep -q '"unauthenticated"' "$work/api.json" || fail "POST /api/v1/messages did not answer the API's JSON error"
if grep -qi '^vary:' <<<"$api_headers"; then
  fail "POST /api/v1/messages was answered by Next.js's route, not the fast path"
fi
echo "POST $base/api/v1/messages is answered by the fast path."

echo "[image] worker: node --max-semi-space-size=16 --heap-growing-percent=50 dist/worker.mjs (compose.yaml's); relay: node dist/relay.mjs"
start worker node --max-semi-space-size=16 --heap-growing-percent=50 dist/worker.mjs
worker_pid=$last_pid
start relay node dist/relay.mjs
relay_pid=$last_pid
wait_until "$worker_pid" 30 "\"Worker started\" entry" grep -q '"msg":"Worker started"' "$work/worker.log"
wait_until "$relay_pid" 30 "\"Relay started\" entry" grep -q '"msg":"Relay started"' "$work/relay.log"
in_image node dist/healthcheck.mjs worker
in_image node dist/healthcheck.mjs relay
sleep 3
kill -0 "$worker_pid" 2>/dev/null || fail "the worker exited"
kill -0 "$relay_pid" 2>/dev/null || fail "the relay exited"
in_image node dist/relais.mjs tenant:list >/dev/null || fail "node dist/relais.mjs tenant:list failed"
echo "The worker and the relay run, their health checks pass; the operator command line works."

stop "$worker_pid" worker
stop "$relay_pid" relay
grep -q '"msg":"Worker stopped"' "$work/worker.log" || fail "the worker did not say it stopped"
grep -q '"msg":"Relay stopped"' "$work/relay.log" || fail "the relay did not say it stopped"
# Their logs are JSON lines, one entry each (docs/logging.md), from the bundled pino.
for name in worker relay; do
  node -e 'for (const line of require("fs").readFileSync(process.argv[1], "utf8").split("\n"))
    if (line && typeof JSON.parse(line).msg !== "string") process.exit(1);' "$work/$name.log" ||
    fail "$name.log has a line that is not a JSON log entry"
done
kill -TERM "$portal_pid" && wait "$portal_pid" || true
echo "[image] Passed in $((SECONDS - started)) s (of which the build: $build_seconds s)."
