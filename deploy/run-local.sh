#!/usr/bin/env bash
# Starts the whole MicroCred Registry on this machine: the embedded Kafka broker and Mongo store (devstack),
# then the four services. Data lives under .devstack-data/ and survives restarts. Ctrl-C stops the services
# first and the broker last (a broker that vanishes before its consumers makes their restart stall).
#
#   deploy/run-local.sh                      start everything
#   deploy/run-local.sh --demo               start everything and play the walking-skeleton scenario
#   deploy/run-local.sh token ROLE [ID]      print a dev token (ROLE: provider, employer, operator)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=${MICROCRED_DATA_DIR:-$ROOT/.devstack-data}
LOGS=$DATA/logs
KAFKA_PORT=${MICROCRED_KAFKA_PORT:-9092}
MONGO_PORT=${MICROCRED_MONGO_PORT:-27017}
DEVSTACK_JAR=$ROOT/deploy/devstack/target/devstack.jar
PUBLIC_KEY=$ROOT/deploy/devstack/src/main/resources/microcred-dev/jwt-public.pem
SERVICES=(issuer-service:8081 registry-service:8082 verification-service:8083 notification-service:8084)
DEMO_RECEIVER_PORT=${MICROCRED_DEMO_RECEIVER_PORT:-8089}

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

build_if_missing() {
  local missing=0
  [ -f "$DEVSTACK_JAR" ] || missing=1
  for entry in "${SERVICES[@]}"; do
    [ -f "$ROOT/${entry%%:*}/target/quarkus-app/quarkus-run.jar" ] || missing=1
  done
  if [ "$missing" = 1 ]; then
    say "Building (first start only): ./mvnw -B -q install -DskipTests"
    (cd "$ROOT" && ./mvnw -B -q install -DskipTests)
  fi
}

if [ "${1:-}" = "token" ]; then
  shift
  [ -f "$DEVSTACK_JAR" ] || (cd "$ROOT" && ./mvnw -B -q install -DskipTests -pl deploy/devstack -am)
  exec java -jar "$DEVSTACK_JAR" token "$@"
fi

DEMO=0
[ "${1:-}" = "--demo" ] && DEMO=1

command -v java >/dev/null || fail "Java 17 is required (e.g. apt-get install openjdk-17-jdk-headless)"
command -v curl >/dev/null || fail "curl is required (e.g. apt-get install curl)"
build_if_missing
mkdir -p "$LOGS"

PIDS=()
DEVSTACK_PID=""
RECEIVER_PID=""
stop_all() {
  trap - INT TERM EXIT
  say "Stopping services"
  for pid in "${PIDS[@]}" $RECEIVER_PID; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}" $RECEIVER_PID; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$DEVSTACK_PID" ]; then
    say "Stopping the broker and store (data kept in $DATA)"
    kill "$DEVSTACK_PID" 2>/dev/null || true
    wait "$DEVSTACK_PID" 2>/dev/null || true
  fi
}
trap stop_all INT TERM EXIT

say "Starting devstack (Kafka :$KAFKA_PORT, Mongo :$MONGO_PORT, data $DATA)"
java -Xmx256m -jar "$DEVSTACK_JAR" --data-dir "$DATA" --kafka-port "$KAFKA_PORT" --mongo-port "$MONGO_PORT" \
  >"$LOGS/devstack.log" 2>&1 &
DEVSTACK_PID=$!
for _ in $(seq 1 120); do
  grep -q "devstack ready" "$LOGS/devstack.log" 2>/dev/null && break
  kill -0 "$DEVSTACK_PID" 2>/dev/null || fail "devstack exited; see $LOGS/devstack.log"
  sleep 1
done
grep -q "devstack ready" "$LOGS/devstack.log" || fail "devstack did not become ready; see $LOGS/devstack.log"

for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}; port=${entry##*:}
  say "Starting $name on :$port"
  # a service that documents its own JVM options (<service>/jvm.options, a java argument file) runs with them
  jvm_options=(-Xmx512m)
  [ -f "$ROOT/$name/jvm.options" ] && jvm_options=("@$ROOT/$name/jvm.options")
  KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT \
  MONGODB_URI=mongodb://localhost:$MONGO_PORT \
  JWT_ISSUER=https://dev.microcred.ca \
  JWT_PUBLIC_KEY_LOCATION=$PUBLIC_KEY \
  VERIFICATION_ALLOWED_ORIGINS=http://localhost:8081 \
  MICROCRED_ISSUER_MASTER_KEY=${MICROCRED_ISSUER_MASTER_KEY:-v/AUu0oKF1aARqVnlhxp1oLx0ZM6INF46ML6qHkJ4qI=} \
  java "${jvm_options[@]}" -Dquarkus.http.port="$port" -Dmicrocred.notification.allow-loopback-webhooks=true \
    -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar" >"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
done

for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}; port=${entry##*:}
  for _ in $(seq 1 180); do
    curl -fsS "http://localhost:$port/q/health/ready" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fsS "http://localhost:$port/q/health/ready" >/dev/null 2>&1 || fail "$name is not healthy; see $LOGS/$name.log"
  say "$name healthy — Swagger UI: http://localhost:$port/q/swagger-ui"
done

cat <<INFO

MicroCred Registry is up. Logs: $LOGS
Dev tokens:  deploy/run-local.sh token provider <providerId>
             deploy/run-local.sh token employer <employerId>
             deploy/run-local.sh token operator
Use one as:  curl -H "Authorization: Bearer \$TOKEN" http://localhost:8081/...
INFO

if [ "$DEMO" = 1 ]; then
  # shellcheck source=deploy/demo.sh
  source "$ROOT/deploy/demo.sh"
fi

say "Press Ctrl-C to stop."
wait "$DEVSTACK_PID"
