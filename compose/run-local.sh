#!/usr/bin/env bash
# Runs the distributed mode from a checkout: the four services and the web application as five processes on a local
# PostgreSQL and RabbitMQ
# (no Docker). Usage: compose/run-local.sh [stop]
# Environment (defaults suit a local PostgreSQL with a 'referralhub' role and RabbitMQ's guest user on 127.0.0.1):
#   REFERRALHUB_POSTGRES  PostgreSQL connection string (one database; each service owns a schema)
#   REFERRALHUB_RABBITMQ  amqp:// URL of the broker
#   REFERRALHUB_RABBITMQ_MANAGEMENT  http:// URL of its management API, with an administrator's login (the agencies' AMQP
#                         channel creates their broker users through it)
#   REFERRALHUB_LOGS      folder for the services' logs and pid files (default ./data/distributed)
#   REFERRALHUB_AUDIT     folder for the Gateway's audit checkpoints and their key (default ./data/distributed/audit;
#                         in production: another host or write-once storage, see docs/audit.md)
#   REFERRALHUB_CONFIGURATION  Debug (default) or Release (e.g. for bench/)
#   REFERRALHUB_INSTANCES how many instances of each service (default 1); instance n (from 0) of a service listens on
#                         its port + 10·n (Gateway 5080, 5090, …), all on the same database and broker
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
export ReferralHub__Amqp__Broker="$ConnectionStrings__RabbitMq"
export ReferralHub__Amqp__Management="${REFERRALHUB_RABBITMQ_MANAGEMENT:-http://guest:guest@127.0.0.1:15672/}"
AUDIT="$(realpath -m "${REFERRALHUB_AUDIT:-$LOGS/audit}")"
export ReferralHub__Audit__CheckpointFolder="$AUDIT/checkpoints"
export ReferralHub__Audit__CheckpointKeyPath="$AUDIT/audit-checkpoint-key.pem"
# The key the Gateway signs its message Bundles with (docs/message-signing.md): a file, never in the database.
SIGNING="$(realpath -m "${REFERRALHUB_SIGNING:-$LOGS/signing}")"
export ReferralHub__MessageSigning__KeyPath="$SIGNING/message-signing-key.pem"
# The key that wraps survivors' data keys and the webhook secrets (Gateway and Consent; set for every service here for
# simplicity), and Identity's own, for the token server's keys it keeps in its schema.
KEYS="$(realpath -m "${REFERRALHUB_KEYS:-$LOGS/keys}")"
export ReferralHub__Privacy__KeyEncryptionKeyPath="$KEYS/key-encryption.key"

CONFIGURATION="${REFERRALHUB_CONFIGURATION:-Debug}"
dotnet build ReferralHub.sln -c "$CONFIGURATION" -v quiet -nologo

start() {
  local service=$1 port=$2
  shift 2
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "port $port is already in use: stop what listens there first" >&2
    return 1
  fi
  env "$@" dotnet run --no-build -c "$CONFIGURATION" --no-launch-profile --project "src/ReferralHub.$service" -- --urls "http://127.0.0.1:$port" \
    >"$LOGS/$service${LOG_SUFFIX:-}.log" 2>&1 &
  echo $! >"$LOGS/$service${LOG_SUFFIX:-}.pid"
  local pid=$!
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || { echo "$service exited; see $LOGS/$service${LOG_SUFFIX:-}.log" >&2; return 1; }
    curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" && { echo "$service ready on http://127.0.0.1:$port"; return 0; }
    sleep 0.5
  done
  echo "$service did not become ready; see $LOGS/$service${LOG_SUFFIX:-}.log" >&2
  return 1
}

INSTANCES="${REFERRALHUB_INSTANCES:-1}"
stop
# Identity first: the other services validate its tokens with its published signing keys. Every Identity instance
# issues tokens as the first one's address (the issuer) and registers the web application's redirect URIs.
for n in $(seq 0 $((INSTANCES - 1))); do
  suffix=$([ "$n" -eq 0 ] && echo "" || echo "-$n")
  LOG_SUFFIX="$suffix" start Identity $((5081 + 10 * n)) ReferralHub__Identity__Authority=http://127.0.0.1:5081/ ReferralHub__Web__PublicOrigin=http://127.0.0.1:5084 \
    ReferralHub__Privacy__KeyEncryptionKeyPath="$KEYS/identity-key-encryption.key"
done
for n in $(seq 0 $((INSTANCES - 1))); do
  suffix=$([ "$n" -eq 0 ] && echo "" || echo "-$n")
  for spec in Gateway:5080 Consent:5082 Routing:5083; do
    LOG_SUFFIX="$suffix" start "${spec%%:*}" $((${spec##*:} + 10 * n)) ReferralHub__Identity__Authority=http://127.0.0.1:5081/
  done
done
# The web application: people sign in at Identity and it calls the Gateway's FHIR API with their tokens.
start Web 5084 ReferralHub__Identity__Authority=http://127.0.0.1:5081/ ReferralHub__Web__PublicOrigin=http://127.0.0.1:5084 \
  ReferralHub__Web__FhirBase=http://127.0.0.1:5080/fhir
echo "Tokens from http://127.0.0.1:5081/connect/token; the FHIR API at http://127.0.0.1:5080/fhir; the web application at http://127.0.0.1:5084/app. Stop with: $0 stop"
