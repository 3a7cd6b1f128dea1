#!/usr/bin/env bash
# Rolegate demo: builds what is missing, starts the policy server on its built-in demo policy and
# the sample services with the agent attached, makes allowed and denied calls, prints what
# happened and the decision records, stops everything, and exits 0 only when every call answered
# as expected.
#
# Needs JDK 17+ and Maven (only to build). Uses curl when present, else a tiny JDK client.
# Ports: inventory 8082 and orders 8081 (fixed by the demo policy), policy server $ROLEGATE_PORT
# (default 7070; any free port when 7070 is taken and ROLEGATE_PORT is unset).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
AGENT_JAR="$ROOT/agent/target/rolegate-agent.jar"
SERVER_JAR="$ROOT/policy-server/target/rolegate-server.jar"
SAMPLES_JAR="$ROOT/samples/target/rolegate-samples.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
ORDERS_PORT=8081
INVENTORY_PORT=8082
REQUESTED_SERVER_PORT="${ROLEGATE_PORT:-}"
STARTUP_TIMEOUT=60

# Settings from the caller's environment must not change what the demo shows.
while read -r var; do unset "$var"; done < <(compgen -e | grep '^ROLEGATE_' || true)

bold=""; dim=""; reset=""
if [[ -t 1 ]]; then bold=$'\e[1m'; dim=$'\e[2m'; reset=$'\e[0m'; fi
heading() { printf '\n%s== %s ==%s\n' "$bold" "$*" "$reset"; }
say() { printf '%s\n' "$*"; }
indent() { sed 's/^/    /'; }
fail() { printf '\ndemo: FAILED: %s\n' "$*" >&2; exit 1; }

# --- build -------------------------------------------------------------------------------------
if [[ ! -f "$AGENT_JAR" || ! -f "$SERVER_JAR" || ! -f "$SAMPLES_JAR" ]]; then
  command -v mvn >/dev/null || fail "the jars are not built and mvn is not on PATH; install Maven or build them"
  heading "Building Rolegate (mvn -B -q -DskipTests package)"
  (cd "$ROOT" && mvn -B -q -DskipTests package) || fail "the build failed (see the Maven output above)"
fi
for jar in "$AGENT_JAR" "$SERVER_JAR" "$SAMPLES_JAR"; do
  [[ -f "$jar" ]] || fail "the build did not produce $jar"
done
"$JAVA" -version >/dev/null 2>&1 || fail "no working java at '$JAVA' (set JAVA_HOME or put JDK 17+ on PATH)"

# --- ports -------------------------------------------------------------------------------------
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$INVENTORY_PORT" "$ORDERS_PORT"; do
  if port_busy "$port"; then
    fail "port $port on 127.0.0.1 is already in use; the demo policy places inventory on 8082 and orders on 8081, so stop whatever listens there and run ./demo.sh again"
  fi
done
if [[ -n "$REQUESTED_SERVER_PORT" ]]; then
  SERVER_PORT="$REQUESTED_SERVER_PORT"
  if [[ "$SERVER_PORT" != 0 ]] && port_busy "$SERVER_PORT"; then
    fail "ROLEGATE_PORT=$SERVER_PORT is already in use; choose another port (or 0 for any free one)"
  fi
elif port_busy 7070; then
  say "Port 7070 is taken; the policy server will use a free port instead."
  SERVER_PORT=0
else
  SERVER_PORT=7070
fi

# --- work dir and clean-up ---------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/rolegate-demo.XXXXXX")"
PIDS=()
cleanup() {
  local status=$?
  local pid
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do wait "$pid" 2>/dev/null || true; done
  if [[ $status -eq 0 ]]; then
    rm -rf "$WORK"
  else
    printf 'demo: logs, audit files and credentials kept in %s\n' "$WORK" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Status line of an HTTP GET on 127.0.0.1:PORT, with nothing but bash (used for readiness polls).
http_status() (
  exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
  printf 'GET %s HTTP/1.1\r\nHost: localhost:%s\r\nConnection: close\r\n\r\n' "$2" "$1" >&3
  IFS=' ' read -r -t 5 _ code _ <&3 || exit 1
  printf '%s' "${code%$'\r'}"
)

# wait_for WHAT TIMEOUT PID LOG COMMAND...: polls COMMAND until it succeeds.
wait_for() {
  local what=$1 timeout=$2 pid=$3 log=$4
  shift 4
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "--- last lines of $log:"; tail -n 30 "$log" | indent
      fail "$what: the process exited"
    fi
    if ((SECONDS >= deadline)); then
      say "--- last lines of $log:"; tail -n 30 "$log" | indent
      fail "timed out after ${timeout}s waiting for $what"
    fi
    sleep 0.2
  done
}

# --- credentials -------------------------------------------------------------------------------
heading "Creating credentials for orders, inventory, nightly-report and visitor"
umask 077 # the secrets below are kept in files only this user can read
for id in orders inventory nightly-report visitor; do
  out="$("$JAVA" -jar "$SERVER_JAR" credentials add "$id" --file "$WORK/credentials.yaml" 2>"$WORK/credentials-$id.err")" \
    || { cat "$WORK/credentials-$id.err" >&2; fail "'credentials add $id' failed"; }
  secret="$(printf '%s\n' "$out" | tail -n 1)"
  [[ -n "$secret" ]] || fail "'credentials add $id' printed no secret"
  printf '%s' "$secret" >"$WORK/$id.secret"
  say "  $id: secret created (only its hash is stored in credentials.yaml)"
done

# --- policy server -----------------------------------------------------------------------------
heading "Starting the policy server on its built-in demo policy"
ROLEGATE_PORT="$SERVER_PORT" \
ROLEGATE_BIND=127.0.0.1 \
ROLEGATE_POLICY="$WORK/policy.yaml" \
ROLEGATE_CREDENTIALS="$WORK/credentials.yaml" \
ROLEGATE_DATA_DIR="$WORK/server-data" \
  "$JAVA" -jar "$SERVER_JAR" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
PIDS+=("$SERVER_PID")
listening_port() {
  local line
  line="$(grep -m 1 -o 'Rolegate policy server listening on http://[^ ]*:[0-9][0-9]*' "$WORK/server.log" || true)"
  [[ -n "$line" ]] && printf '%s' "${line##*:}"
}
server_listening() { listening_port >/dev/null; }
wait_for "the policy server to listen" "$STARTUP_TIMEOUT" "$SERVER_PID" "$WORK/server.log" server_listening
SERVER_PORT="$(listening_port)"
SERVER_URL="http://127.0.0.1:$SERVER_PORT"
healthz() { [[ "$(http_status "$SERVER_PORT" /healthz 2>/dev/null)" == 200 ]]; }
wait_for "$SERVER_URL/healthz" "$STARTUP_TIMEOUT" "$SERVER_PID" "$WORK/server.log" healthz
say "Policy server at $SERVER_URL (policy: built-in demo policy, as $WORK/policy.yaml does not exist)"
sed -n '1,3p' "$WORK/server.log" | indent

# --- services ----------------------------------------------------------------------------------
# agent_env ID: sets AGENT_ENV to the variables that give the agent identity ID.
agent_env() {
  AGENT_ENV=("ROLEGATE_IDENTITY=$1" "ROLEGATE_SECRET=$(cat "$WORK/$1.secret")" "ROLEGATE_SERVER=$SERVER_URL"
    "ROLEGATE_CACHE_DIR=$WORK/cache-$1")
}
start_service() { # start_service ID PORT MAIN_CLASS: sets SERVICE_PID
  local id=$1 port=$2 main=$3
  agent_env "$id"
  env "${AGENT_ENV[@]}" ROLEGATE_AUDIT="$WORK/audit-$id.jsonl" PORT="$port" \
    INVENTORY_URL="http://localhost:$INVENTORY_PORT" \
    "$JAVA" -javaagent:"$AGENT_JAR" -cp "$SAMPLES_JAR" "$main" >"$WORK/$id.log" 2>&1 &
  SERVICE_PID=$!
  PIDS+=("$SERVICE_PID")
}
service_healthy() { [[ "$(http_status "$1" /health 2>/dev/null)" == 200 ]]; }

heading "Starting inventory (:$INVENTORY_PORT) and orders (:$ORDERS_PORT), each with -javaagent:rolegate-agent.jar"
say "Neither service knows Rolegate: the agent gets their identity from ROLEGATE_IDENTITY/ROLEGATE_SECRET."
start_service inventory "$INVENTORY_PORT" com.example.inventory.InventoryService
INVENTORY_PID=$SERVICE_PID
start_service orders "$ORDERS_PORT" com.example.orders.OrdersService
ORDERS_PID=$SERVICE_PID
wait_for "inventory's /health" "$STARTUP_TIMEOUT" "$INVENTORY_PID" "$WORK/inventory.log" service_healthy "$INVENTORY_PORT"
wait_for "orders' /health" "$STARTUP_TIMEOUT" "$ORDERS_PID" "$WORK/orders.log" service_healthy "$ORDERS_PORT"
say "Both services answer /health."

# --- calls -------------------------------------------------------------------------------------
FAILURES=()
expect() { # expect WHAT EXPECTED ACTUAL
  if [[ "$2" == "$3" ]]; then
    say "${bold}  -> $1: $3, as expected${reset}"
  else
    say "${bold}  -> $1: expected $2 but got ${3:-nothing}${reset}"
    FAILURES+=("$1: expected $2, got ${3:-nothing}")
  fi
}

# with_agent IDENTITY COMMAND...: runs a sample class in the foreground with the agent attached.
with_agent() {
  agent_env "$1"
  shift
  env "${AGENT_ENV[@]}" ROLEGATE_AUDIT=off "$JAVA" -javaagent:"$AGENT_JAR" -cp "$SAMPLES_JAR" "$@"
}
# A call with the agent attached, as IDENTITY, through the samples' tiny client (prints like curl -i).
agent_fetch() { # agent_fetch IDENTITY OUTFILE METHOD URL [BODY]
  local id=$1 outfile=$2
  shift 2
  with_agent "$id" com.example.cli.Fetch "$@" >"$outfile" 2>"$outfile.err" || true
}
# A call without any agent: curl when present, else the samples' tiny client.
plain_fetch() { # plain_fetch OUTFILE URL
  if command -v curl >/dev/null; then
    curl -s -i --max-time 20 "$2" | tr -d '\r' >"$1" || true
  else
    "$JAVA" -cp "$SAMPLES_JAR" com.example.cli.Fetch GET "$2" >"$1" 2>&1 || true
  fi
}
status_of() { grep -m 1 -E '^HTTP[^ ]* [0-9]{3}' "$1" | awk '{print $2}' || true; }
report_status() { # report_status OUTPUT "METHOD URL"
  grep -m 1 -F "report: $2 -> " <<<"$1" | sed -E 's/.* -> ([0-9]{3}).*/\1/' || true
}

heading "1. The nightly-report job, run with the agent as identity nightly-report"
say "The demo policy binds nightly-report to inventory-reader (GET /items, /items/{id}) and"
say "order-viewer (GET /orders/**). It may not POST to inventory, so that call must get 403."
REPORT_OUT="$(with_agent nightly-report com.example.report.NightlyReport 2>"$WORK/nightly-report.err")" \
  || REPORT_OUT="${REPORT_OUT:-}"$'\n'"(the job exited with a failure; see $WORK/nightly-report.err)"
printf '%s\n' "$REPORT_OUT" | indent
expect "GET  inventory /items    (role inventory-reader)" 200 "$(report_status "$REPORT_OUT" "GET http://localhost:$INVENTORY_PORT/items")"
expect "POST inventory /items/1  (no role allows POST)" 403 "$(report_status "$REPORT_OUT" "POST http://localhost:$INVENTORY_PORT/items/1")"
expect "GET  orders /orders/7    (role order-viewer)" 200 "$(report_status "$REPORT_OUT" "GET http://localhost:$ORDERS_PORT/orders/7")"

heading "2. A call without the agent (no token) to orders"
say "No token, and GET /orders/7 is not public: the agent in orders answers 401 with a Bearer"
say "challenge before the orders code runs."
plain_fetch "$WORK/step2.txt" "http://localhost:$ORDERS_PORT/orders/7"
indent <"$WORK/step2.txt"; echo
expect "GET orders /orders/7 without a token" 401 "$(status_of "$WORK/step2.txt")"

heading "3. A public path without a token"
say "The demo policy lists GET /health as public for both services: no token needed."
plain_fetch "$WORK/step3.txt" "http://localhost:$INVENTORY_PORT/health"
indent <"$WORK/step3.txt"; echo
expect "GET inventory /health without a token" 200 "$(status_of "$WORK/step3.txt")"

heading "4. orders -> inventory: nightly-report reads order 7, orders asks inventory for item 7"
say "orders' agent attaches orders' own token to its HttpClient call to localhost:8082;"
say "inventory's agent verifies it and hands the request on with Rolegate-Caller: orders."
agent_fetch nightly-report "$WORK/step4.txt" GET "http://localhost:$ORDERS_PORT/orders/7"
indent <"$WORK/step4.txt"; echo
expect "GET orders /orders/7 as nightly-report" 200 "$(status_of "$WORK/step4.txt")"
if grep -q '"inventory":{"seenCaller":"orders"' "$WORK/step4.txt"; then
  say "${bold}  -> inventory saw Rolegate-Caller: orders${reset}"
else
  say "${bold}  -> inventory did not report seenCaller orders${reset}"
  FAILURES+=("inventory should have seen caller orders in step 4")
fi

heading "5. orders -> inventory, denied: nightly-report asks orders to restock item 7"
say "orders POSTs to inventory /items/7, but no role gives orders POST on inventory: inventory's"
say "agent answers 403 (problem+json) and orders reports it as 502, with inventory's status."
agent_fetch nightly-report "$WORK/step5.txt" POST "http://localhost:$ORDERS_PORT/orders/7/restock"
indent <"$WORK/step5.txt"; echo
STEP5="$(status_of "$WORK/step5.txt")"
expect "POST orders /orders/7/restock as nightly-report" 502 "$STEP5"
if [[ "$STEP5" == 502 ]]; then
  if grep -q '"inventoryStatus":403' "$WORK/step5.txt"; then
    say "${bold}  -> inventory answered 403 to orders${reset}"
  else
    FAILURES+=("orders' 502 should carry inventoryStatus 403 in step 5")
  fi
elif [[ "$STEP5" == 403 ]]; then
  say "  (403 came from orders itself: the demo policy grants nightly-report no POST /orders/{id}/restock)"
fi

# --- decision records --------------------------------------------------------------------------
heading "What reached the application code (the services' own log lines)"
say "Denied requests never reach a handler: there is no 'inventory handled POST /items/1' line."
grep -h ' handled ' "$WORK/inventory.log" "$WORK/orders.log" | indent || true

has_records() { [[ -s "$1" ]] && grep -q '"decision":"deny"' "$1"; }
for id in inventory orders; do
  heading "Decision records of $id ($WORK/audit-$id.jsonl)"
  deadline=$((SECONDS + 10))
  until has_records "$WORK/audit-$id.jsonl" || ((SECONDS >= deadline)); do sleep 0.2; done
  if [[ -s "$WORK/audit-$id.jsonl" ]]; then
    # The readiness polls above met the agent before its first policy arrived: 503 records.
    startup="$(grep -c '"status":503' "$WORK/audit-$id.jsonl" || true)"
    if ((startup > 0)); then
      say "  ($startup record(s) of status 503 while $id waited for its first policy are left out)"
    fi
    grep -v '"status":503' "$WORK/audit-$id.jsonl" | indent || true
  else
    say "  (none written)"
  fi
  has_records "$WORK/audit-$id.jsonl" || FAILURES+=("$id wrote no deny decision record")
  grep -q '"decision":"allow"' "$WORK/audit-$id.jsonl" 2>/dev/null || FAILURES+=("$id wrote no allow decision record")
done

# --- verdict -----------------------------------------------------------------------------------
heading "Result"
if ((${#FAILURES[@]} > 0)); then
  printf '  %s\n' "${FAILURES[@]}" >&2
  fail "${#FAILURES[@]} expectation(s) not met"
fi
say "Every call answered as the policy says. Stopping the policy server and the services."
