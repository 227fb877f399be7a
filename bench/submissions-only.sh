#!/usr/bin/env bash
# The embedded hub's CPU per referral without any reader: ApacheBench submits the bench's referral Bundle, and the
# server's CPU time (utime + stime from /proc) is counted from an idle process to an idle process again, so the work
# each referral causes after its answer (the messages to Consent and Routing) is included.
#
#   bench/submissions-only.sh [REFERRALS] [CLIENTS]       defaults: 2000 referrals, 8 clients
#
# It builds and starts the Release server of this checkout on :5080 with a throwaway data folder, submits 1,500
# unmeasured referrals (the JIT's first thousand cost two to three times as much), then the measured ones, and prints
#   referrals/s, non-2xx answers, CPU ms/referral
# Needs ab (apache2-utils), curl and python3. Extra runtime settings for the server: SERVER_ENV="NAME=value …".
# Profile a run with perf: start it with SERVER_ENV="DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0" and run
# `perf record -F 999 -g -p <pid>` while it submits.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REFERRALS="${1:-2000}"
CLIENTS="${2:-8}"
HUB=http://127.0.0.1:5080
for tool in ab curl python3; do
  command -v "$tool" >/dev/null || { echo "submissions-only.sh needs $tool" >&2; exit 2; }
done
if curl -s -o /dev/null "$HUB/fhir/metadata"; then
  echo "something already listens on $HUB: stop it first" >&2
  exit 2
fi

dotnet build -c Release src/ReferralHub.Server -v q -nologo >/dev/null
DATA="$(mktemp -d)"
WORK="$(mktemp -d)"
# shellcheck disable=SC2086 # SERVER_ENV is a list of NAME=value words
env ConnectionStrings__ReferralHub="$DATA" ASPNETCORE_URLS="$HUB" ASPNETCORE_ENVIRONMENT=Development \
  Logging__LogLevel__Default=Warning ${SERVER_ENV:-} \
  dotnet src/ReferralHub.Server/bin/Release/net10.0/ReferralHub.Server.dll >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA" "$WORK"' EXIT
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "$HUB/fhir/metadata" && break
  sleep 1
done

# The referral of bench/ReferralHub.Bench/ReferralBundle.cs, with fixed fullUrls: every submission creates a new survivor.
python3 - "$WORK/bundle.json" <<'PY'
import re, sys, uuid
source = open('bench/ReferralHub.Bench/ReferralBundle.cs').read()
body = source.split('return $$$"""')[1].split('"""')[0]
ids = {}
def fresh(match):
    name = match.group(1)
    return str(uuid.uuid4()) if name == 'Guid.NewGuid()' else ids.setdefault(name, str(uuid.uuid4()))
open(sys.argv[1], 'w').write(re.sub(r'\{\{\{([^}]*)\}\}\}', fresh, body).strip())
PY

token() {
  curl -s -u shelter-it-roma:shelter-it-roma-secret -d grant_type=client_credentials "$HUB/connect/token" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
# Idle: under 8 ticks (80 ms) of CPU in 2 s, the timers and sweepers of an idle hub.
wait_idle() {
  local before after
  before="$(cpu_ticks)"
  while sleep 2; after="$(cpu_ticks)"; [ $((after - before)) -gt 8 ]; do before="$after"; done
}
submit() {
  ab -q -n "$1" -c "$CLIENTS" -p "$WORK/bundle.json" -T application/fhir+json -H "Authorization: Bearer $(token)" "$HUB/fhir"
}

submit 1500 >/dev/null
wait_idle
start="$(cpu_ticks)"
submit "$REFERRALS" >"$WORK/ab.txt"
wait_idle
end="$(cpu_ticks)"
rate="$(awk '/Requests per second/ {print $4}' "$WORK/ab.txt")"
failed="$(awk '/Non-2xx responses/ {print $3}' "$WORK/ab.txt")"
echo "$REFERRALS referrals, $CLIENTS clients: $rate referrals/s, ${failed:-0} non-2xx," \
  "$(python3 -c "print(round(($end - $start) * 1000 / $(getconf CLK_TCK) / $REFERRALS, 2))") ms of hub CPU per referral"
