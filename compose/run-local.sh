#!/usr/bin/env bash
# Runs the distributed mode from a checkout: the four services as four processes on a local PostgreSQL and RabbitMQ
# (no Docker). Usage: compose/run-local.sh [stop]
# Environment (defaults suit a local PostgreSQL with a 'referralhub' role and RabbitMQ's guest user on 127.0.0.1):
#   REFERRALHUB_POSTGRES  PostgreSQL connection string (one database; each service owns a schema)
#   REFERRALHUB_RABBITMQ  amqp:// URL of the broker
#   REFERRALHUB_LOGS      folder for the services' logs and pid files (default ./data/distributed)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

LOGS="${REFERRALHUB_LOGS:-./data/distributed}"
mkdir -p "$LOGS"

stop() {
  for pidfile in "$LOGS"/*.pid; do
    [ -e "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

if [ "${1:-}" = "stop" ]; then
  stop
  exit 0
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ReferralHub__Storage=Postgres
export ReferralHub__Transport=RabbitMq
export ConnectionStrings__ReferralHub="${REFERRALHUB_POSTGRES:-Host=127.0.0.1;Database=referralhub;Username=referralhub;Password=referralhub}"
export ConnectionStrings__RabbitMq="${REFERRALHUB_RABBITMQ:-amqp://guest:guest@127.0.0.1:5672/}"

dotnet build ReferralHub.sln -v quiet -nologo

start() {
  local service=$1 port=$2
  shift 2
  env "$@" dotnet run --no-build --no-launch-profile --project "src/ReferralHub.$service" -- --urls "http://127.0.0.1:$port" \
    >"$LOGS/$service.log" 2>&1 &
  echo $! >"$LOGS/$service.pid"
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" && { echo "$service ready on http://127.0.0.1:$port"; return 0; }
    sleep 0.5
  done
  echo "$service did not become ready; see $LOGS/$service.log" >&2
  return 1
}

stop
# Identity first: the other services validate its tokens with its published signing keys.
start Identity 5081 ReferralHub__Identity__Authority=http://127.0.0.1:5081/
for spec in Gateway:5080 Consent:5082 Routing:5083; do
  start "${spec%%:*}" "${spec##*:}" ReferralHub__Identity__Authority=http://127.0.0.1:5081/
done
echo "Tokens from http://127.0.0.1:5081/connect/token; the FHIR API at http://127.0.0.1:5080/fhir. Stop with: $0 stop"
