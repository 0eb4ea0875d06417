#!/usr/bin/env bash
# The benchmark: catch-up throughput to a webhook and through the pull API (receive + ack),
# commit → receipt latency at 1k and 5k rows/s,
# pg_recvlogical on the same WAL as a reference, the service's heap, and a large backlog on a
# paused sink (heap, slot, the other sink, then the drain). Writes docs/benchmarks.md.
#
#   bench/run.sh                # build the jar, run everything (~10 minutes), write the report
#   BENCH_BUILD=0 bench/run.sh  # use sequin-app/target/sequin.jar as it is
#   BENCH_REF=HEAD bench/run.sh # benchmark a commit, built from `git archive` apart from the working tree
#   BENCH_PROFILE=1 ...         # also take thread dumps and a JFR recording during catch-up
#
# Needs: root (the system PostgreSQL 15 binaries run as the postgres user), a JDK 17+ with jcmd
# and jstat, curl. Everything listens on 127.0.0.1 only and is stopped by PID on exit.
# Holds /tmp/sequin-mvn.lock for the whole run: the benchmark is as heavy as a build.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
ROWS=${BENCH_ROWS:-1000000}            # catch-up inserts, committed 1,000 per transaction
LAT_SECONDS=${BENCH_LAT_SECONDS:-25}   # each latency run
CATCHUP_TIMEOUT=${BENCH_CATCHUP_TIMEOUT:-300}
BACKLOG_ROWS=${BENCH_BACKLOG_ROWS:-10000000}    # inserts for the paused sink, 1,000 per transaction
BACKLOG_TIMEOUT=${BENCH_BACKLOG_TIMEOUT:-240}   # the backlog build, from the first insert
DRAIN_SECONDS=${BENCH_DRAIN_SECONDS:-90}        # how long the resumed sink's drain is watched
BACKLOG_PROBE_RATE=${BENCH_BACKLOG_PROBE_RATE:-200}  # rows/s into the active latency sink meanwhile
PULL_ROWS=${BENCH_PULL_ROWS:-1000000}           # catch-up inserts for the pull (sequin_stream) sink
PULL_BATCH=${BENCH_PULL_BATCH:-1000}            # receive batch_size
PULL_WORKERS=${BENCH_PULL_WORKERS:-4}           # concurrent pullers (receive → ack loops)
BUILD=${BENCH_BUILD:-1}
PROFILE=${BENCH_PROFILE:-0}
REF=${BENCH_REF:-}                     # e.g. HEAD: benchmark that commit instead of the working tree
REPORT=${BENCH_REPORT:-$ROOT/docs/benchmarks.md}
TOKEN=bench-token

WORK=$(mktemp -d /tmp/sequin-bench.XXXXXX)
chmod 755 "$WORK"
LOGS=$WORK/logs
mkdir -p "$LOGS"
PGDATA=$WORK/pgdata
SOCK=$WORK/sock
PG_STARTED=0
PIDS=()

log() { printf '%s  %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
now_us() { date +%s%6N; }

cleanup() {
    local rc=$?
    set +e
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        kill "${PIDS[$i]}" 2>/dev/null
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null
    done
    if [[ $PG_STARTED == 1 ]]; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1
    fi
    rm -rf "$PGDATA" "$WORK/src"
    log "logs kept in $LOGS"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Remove a PID we started and already stopped, so the trap does not signal a reused PID.
forget() { local keep=() p; for p in "${PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done; PIDS=("${keep[@]}"); }

free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
}

exec 9>/tmp/sequin-mvn.lock
log "waiting for /tmp/sequin-mvn.lock"
flock 9

JAR=$ROOT/sequin-app/target/sequin.jar
if [[ -n $REF ]]; then
    # A committed version, built apart from the working tree (package, not install: ~/.m2 untouched).
    log "building $REF from git into $WORK/src"
    mkdir -p "$WORK/src"
    (cd "$ROOT" && git archive "$REF") | tar -x -C "$WORK/src"
    (cd "$WORK/src" && ./mvnw -q -B -o package -DskipTests) >"$LOGS/build.log" 2>&1 || die "build failed, see $LOGS/build.log"
    JAR=$WORK/src/sequin-app/target/sequin.jar
    COMMIT=$(cd "$ROOT" && git rev-parse --short "$REF"); DIRTY=0
elif [[ $BUILD == 1 ]]; then
    log "building the jar"
    (cd "$ROOT" && ./mvnw -q -B -o install -DskipTests) >"$LOGS/build.log" 2>&1 || die "build failed, see $LOGS/build.log"
fi
[[ -f $JAR ]] || die "no $JAR; build it first"
if [[ -z $REF ]]; then
    COMMIT=$(cd "$ROOT" && git rev-parse --short HEAD)
    DIRTY=$(cd "$ROOT" && git status --porcelain -- 'sequin-*' pom.xml | wc -l)
fi

PGPORT=$(free_port); APP_PORT=$(free_port); METRICS_PORT=$(free_port); RECV_PORT=$(free_port)
API=http://127.0.0.1:$APP_PORT/api

# ---------------------------------------------------------------- the source Postgres
log "starting PostgreSQL 15 on 127.0.0.1:$PGPORT"
mkdir -p "$PGDATA" "$SOCK"
touch "$LOGS/postgres.log"
chown postgres "$PGDATA" "$SOCK" "$LOGS/postgres.log"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 >"$LOGS/initdb.log" 2>&1
PG_OPTS="-p $PGPORT -c listen_addresses=127.0.0.1 -k $SOCK -c wal_level=logical -c max_wal_senders=10 -c max_replication_slots=10 -c shared_buffers=256MB -c max_wal_size=4GB"
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$LOGS/postgres.log" -w -o "$PG_OPTS" start >/dev/null
PG_STARTED=1

psql_src() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench_src "$@"; }
psql_src_val() { psql_src -At -c "$1"; }
"$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres \
    -c "CREATE DATABASE bench_src" -c "CREATE DATABASE sequin_state"
PG_VERSION=$(psql_src_val "SHOW server_version")

psql_src >/dev/null <<'SQL'
CREATE TABLE catchup (id bigint PRIMARY KEY, account text NOT NULL, amount int NOT NULL, note text,
                      created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE lat (id bigserial PRIMARY KEY, note text,
                  created_us bigint NOT NULL DEFAULT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint);
CREATE TABLE backlog (id bigint PRIMARY KEY, account text NOT NULL, amount int NOT NULL, note text,
                      created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE pullc (id bigint PRIMARY KEY, account text NOT NULL, amount int NOT NULL, note text,
                    created_at timestamptz NOT NULL DEFAULT now());
CREATE PUBLICATION bench_pub FOR TABLE catchup, lat, backlog, pullc;
SELECT 1 FROM pg_create_logical_replication_slot('sequin_slot', 'pgoutput');
SELECT 1 FROM pg_create_logical_replication_slot('recv_slot', 'pgoutput');
SQL

# ---------------------------------------------------------------- receiver and service
log "starting the receiver on 127.0.0.1:$RECV_PORT"
java -Xmx256m "$ROOT/bench/Receiver.java" "$RECV_PORT" >"$LOGS/receiver.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$RECV_PORT/stats?path=/" >/dev/null && break; sleep 0.2; done
recv() { curl -sf "http://127.0.0.1:$RECV_PORT/$1?path=$2"; }

VAULT_KEY=$(head -c 32 /dev/urandom | base64)
SERVICE_JAVA_OPTS="-Xmx512m${BENCH_JAVA_OPTS:+ $BENCH_JAVA_OPTS}"
# Each start logs its GCs to $LOGS/gc-<pid>.log; the backlog step reads the heap after each GC there.
SERVICE_PID=
start_service() {
    local extra=${1:-}
    # shellcheck disable=SC2086
    env SEQUIN_API_TOKEN=$TOKEN SERVER_PORT="$APP_PORT" SERVER_HOST=127.0.0.1 SEQUIN_METRICS_PORT="$METRICS_PORT" \
        PG_URL="postgresql://postgres:postgres@127.0.0.1:$PGPORT/sequin_state" VAULT_KEY="$VAULT_KEY" \
        SEQUIN_DATA_DIR="$WORK/sequin-data" \
        java $SERVICE_JAVA_OPTS "-Xlog:gc:file=$LOGS/gc-%p.log" $extra -jar "$JAR" >>"$LOGS/service.log" 2>&1 &
    SERVICE_PID=$!
    PIDS+=("$SERVICE_PID")
    for _ in $(seq 1 600); do
        # Ready once the token is provisioned (an ApplicationRunner, after /health already answers).
        curl -sf -H "Authorization: Bearer $TOKEN" "$API/postgres_databases" >/dev/null && return 0
        kill -0 "$SERVICE_PID" 2>/dev/null || die "the service exited, see $LOGS/service.log"
        sleep 0.1
    done
    die "the service did not accept the API token within 60 s"
}
stop_service() {
    kill "$SERVICE_PID"
    for _ in $(seq 1 300); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
    forget "$SERVICE_PID"
}
api() { # [METHOD] path body
    local method=POST out
    if (( $# == 3 )); then method=$1; shift; fi
    out=$(curl -s -X "$method" -w '\n%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$API/$1" -d "$2")
    [[ ${out##*$'\n'} == 2* ]] || die "$method /api/$1 answered ${out##*$'\n'}: ${out%$'\n'*}"
}

# Configure everything first, then stop the service: the 1M inserts are committed while nothing
# reads the slot, so the second start is a pure catch-up with the sink already in place.
log "starting the service to register the database, the endpoint and the sinks"
start_service
api postgres_databases "{\"name\": \"bench\", \"url\": \"postgresql://postgres:postgres@127.0.0.1:$PGPORT/bench_src\",
  \"replication_slots\": [{\"slot_name\": \"sequin_slot\", \"publication_name\": \"bench_pub\"}]}"
api destinations/http_endpoints "{\"name\": \"receiver\", \"url\": \"http://127.0.0.1:$RECV_PORT\"}"
api sinks '{"name": "catchup_hook", "database": "bench", "source": {"include_tables": ["public.catchup"]},
  "destination": {"type": "webhook", "http_endpoint": "receiver", "http_endpoint_path": "/catchup", "batch": true},
  "batch_size": 100}'
api sinks '{"name": "latency_hook", "database": "bench", "source": {"include_tables": ["public.lat"]},
  "destination": {"type": "webhook", "http_endpoint": "receiver", "http_endpoint_path": "/lat", "batch": false},
  "batch_size": 1}'
api sinks '{"name": "pull_stream", "database": "bench", "source": {"include_tables": ["public.pullc"]},
  "destination": {"type": "sequin_stream"}, "max_ack_pending": 10000}'
stop_service

# ---------------------------------------------------------------- 1M inserts, then pg_recvlogical
TXNS=$((ROWS / 1000))
log "committing $ROWS inserts, 1,000 per transaction"
T0=$(now_us)
psql_src -c "DO \$\$ BEGIN FOR b IN 0..$((TXNS - 1)) LOOP
  INSERT INTO catchup (id, account, amount, note)
    SELECT i, 'acct-' || (i % 1000), (i % 9973)::int, md5(i::text) FROM generate_series(b * 1000 + 1, b * 1000 + 1000) i;
  COMMIT; END LOOP; END \$\$;"
T1=$(now_us)
END_LSN=$(psql_src_val "SELECT pg_current_wal_lsn()")
WAL_BYTES=$(psql_src_val "SELECT pg_wal_lsn_diff('$END_LSN', restart_lsn) FROM pg_replication_slots WHERE slot_name = 'recv_slot'")
INSERT_RATE=$(( ROWS * 1000000 / (T1 - T0) ))
log "inserted in $(( (T1 - T0) / 1000 )) ms ($INSERT_RATE rows/s); WAL to read: $((WAL_BYTES / 1048576)) MiB, up to $END_LSN"

RECV_CMD="pg_recvlogical -h 127.0.0.1 -p $PGPORT -U postgres -d bench_src --slot recv_slot --start --endpos $END_LSN --no-loop -o proto_version=1 -o publication_names=bench_pub -f /dev/null"
log "pg_recvlogical on the same WAL"
T0=$(now_us)
timeout 300 "$PGBIN/pg_recvlogical" -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench_src --slot recv_slot --start \
    --endpos "$END_LSN" --no-loop -o proto_version=1 -o publication_names=bench_pub -f /dev/null 2>"$LOGS/pg_recvlogical.log"
T1=$(now_us)
RECV_MS=$(( (T1 - T0) / 1000 ))
RECV_RATE=$(( ROWS * 1000000 / (T1 - T0) ))
log "pg_recvlogical: $RECV_MS ms, $RECV_RATE changes/s"

# ---------------------------------------------------------------- catch-up through the service
log "starting the service: catch-up of $ROWS changes to the webhook"
EXTRA=
if [[ $PROFILE == 1 ]]; then
    EXTRA="-XX:StartFlightRecording=filename=$LOGS/catchup.jfr,settings=profile,dumponexit=true"
fi
: >"$LOGS/service.log.mark"
LOG_LINES_BEFORE=$(wc -l <"$LOGS/service.log")
start_service "$EXTRA"
jstat -gc "$SERVICE_PID" 250 >"$LOGS/jstat-catchup.txt" 2>/dev/null &
JSTAT_PID=$!
PIDS+=("$JSTAT_PID")
STREAM_US=
for _ in $(seq 1 600); do
    if tail -n +"$((LOG_LINES_BEFORE + 1))" "$LOGS/service.log" | grep -q "Streaming slot sequin_slot"; then
        STREAM_US=$(now_us); break
    fi
    sleep 0.05
done
[[ -n $STREAM_US ]] || die "the service did not start streaming the slot"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
CPU0=$(cpu_ticks "$SERVICE_PID")
COUNT=0; LAST_US=0; FIRST_US=0; DUMPS=0; SEEN=-1; SEEN_AT=$(date +%s)
DEADLINE=$(( $(date +%s) + CATCHUP_TIMEOUT ))
while :; do
    read -r COUNT _ FIRST_US LAST_US < <(recv stats /catchup)
    (( COUNT >= ROWS )) && break
    (( $(date +%s) < DEADLINE )) || { log "catch-up timed out at $COUNT messages"; break; }
    if (( COUNT != SEEN )); then SEEN=$COUNT; SEEN_AT=$(date +%s)
    elif (( $(date +%s) - SEEN_AT >= 30 )); then log "catch-up stalled at $COUNT messages for 30 s"; break; fi
    if [[ $PROFILE == 1 ]] && (( COUNT > ROWS / 5 && DUMPS < 5 )); then
        jcmd "$SERVICE_PID" Thread.print >"$LOGS/threads-$DUMPS.txt" 2>&1 || true
        DUMPS=$((DUMPS + 1)); sleep 0.5
    fi
    sleep 0.2
done
CPU1=$(cpu_ticks "$SERVICE_PID")
kill "$JSTAT_PID" 2>/dev/null || true; forget "$JSTAT_PID"
CLK_TCK=$(getconf CLK_TCK)
CATCHUP_US=$(( LAST_US - STREAM_US ))
CATCHUP_RATE=$(( COUNT * 1000000 / CATCHUP_US ))
STEADY_RATE=$(( COUNT * 1000000 / (LAST_US - FIRST_US) ))
CATCHUP_CPU=$(awk -v t=$((CPU1 - CPU0)) -v hz="$CLK_TCK" -v us="$CATCHUP_US" 'BEGIN { printf "%.2f", (t / hz) / (us / 1e6) }')
# Peak heap in use during catch-up: the largest S0U+S1U+EU+OU that jstat sampled (KiB).
PEAK_HEAP_MB=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  $1 ~ /^[0-9.]+$/ { u = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]; if (u > max) max = u; last = $0 }
  END { printf "%.0f", max / 1024 }' "$LOGS/jstat-catchup.txt")
PEAK_OLD_MB=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  $1 ~ /^[0-9.]+$/ && $col["OU"] > max { max = $col["OU"] } END { printf "%.0f", max / 1024 }' "$LOGS/jstat-catchup.txt")
GC_SUMMARY=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  $1 ~ /^[0-9.]+$/ { y = $col["YGC"]; yt = $col["YGCT"]; f = $col["FGC"]; t = $col["GCT"] }
  END { printf "%d young collections (%.2f s), %d full, %.2f s of GC in all", y, yt, f, t }' "$LOGS/jstat-catchup.txt")
log "catch-up: $COUNT messages in $(( CATCHUP_US / 1000 )) ms = $CATCHUP_RATE changes/s (first→last arrival $STEADY_RATE/s); service CPU $CATCHUP_CPU cores; peak heap ${PEAK_HEAP_MB} MB"

# ---------------------------------------------------------------- latency
latency_run() { # rate seconds → "n p50 p99 max tps rows service-cores"
    local rate=$1 seconds=$2 before after deadline got c0 c1 t0 t1
    recv reset /lat >/dev/null
    before=$(psql_src_val "SELECT count(*) FROM lat")
    c0=$(cpu_ticks "$SERVICE_PID"); t0=$(now_us)
    timeout $((seconds + 60)) "$PGBIN/pgbench" -n -h 127.0.0.1 -p "$PGPORT" -U postgres -c 4 -j 2 -R "$rate" -T "$seconds" \
        -f "$WORK/lat.sql" bench_src >"$LOGS/pgbench-$rate.log" 2>&1
    c1=$(cpu_ticks "$SERVICE_PID"); t1=$(now_us)
    after=$(psql_src_val "SELECT count(*) FROM lat")
    deadline=$(( $(date +%s) + 60 ))
    while :; do
        read -r got _ < <(recv stats /lat)
        (( got >= after - before || $(date +%s) >= deadline )) && break
        sleep 0.2
    done
    echo "$(recv latency /lat) $(awk '/^tps/ { printf "%.0f", $3 }' "$LOGS/pgbench-$rate.log") $((after - before)) $(awk -v t=$((c1 - c0)) -v hz="$CLK_TCK" -v us=$((t1 - t0)) 'BEGIN { printf "%.2f", (t / hz) / (us / 1e6) }')"
}
echo "INSERT INTO lat (note) VALUES ('latency probe');" >"$WORK/lat.sql"
log "latency warm-up (5 s at 1,000 rows/s)"
latency_run 1000 5 >/dev/null
log "latency at 1,000 rows/s for $LAT_SECONDS s"
read -r L1_N L1_P50 L1_P99 L1_MAX L1_TPS L1_ROWS L1_CPU < <(latency_run 1000 "$LAT_SECONDS")
log "  $L1_N of $L1_ROWS received; p50 $L1_P50 µs, p99 $L1_P99 µs, max $L1_MAX µs (pgbench $L1_TPS tps; service $L1_CPU cores)"
log "latency at 5,000 rows/s for $LAT_SECONDS s"
read -r L5_N L5_P50 L5_P99 L5_MAX L5_TPS L5_ROWS L5_CPU < <(latency_run 5000 "$LAT_SECONDS")
log "  $L5_N of $L5_ROWS received; p50 $L5_P50 µs, p99 $L5_P99 µs, max $L5_MAX µs (pgbench $L5_TPS tps; service $L5_CPU cores)"

# ---------------------------------------------------------------- heap after the runs
jcmd "$SERVICE_PID" GC.run >/dev/null 2>&1 || true
sleep 1
jcmd "$SERVICE_PID" GC.heap_info >"$LOGS/heap_info.txt" 2>&1 || true
HEAP_AFTER_MB=$(curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" \
    | awk '/^jvm_memory_used_bytes\{.*area="heap"/ { s += $NF } END { printf "%.0f", s / 1048576 }')
HEAP_INFO=$(grep -E "garbage-first heap|region size|young|survivor" "$LOGS/heap_info.txt" | sed 's/^ *//' | head -3 || true)
log "heap after the runs (after a full GC): ${HEAP_AFTER_MB} MB"

# ---------------------------------------------------------------- catch-up through the pull API
# Like the webhook catch-up: the rows are committed while the service is stopped, then pullers
# receive (batch_size $PULL_BATCH) and ack until every change is acknowledged. Before the backlog
# step, so that no spilled backlog drains meanwhile; the service keeps running into that step.
stop_service
log "pull: committing $PULL_ROWS inserts into public.pullc, 1,000 per transaction, while the service is stopped"
psql_src -c "DO \$\$ BEGIN FOR b IN 0..$((PULL_ROWS / 1000 - 1)) LOOP
  INSERT INTO pullc (id, account, amount, note)
    SELECT i, 'acct-' || (i % 1000), (i % 9973)::int, md5(i::text) FROM generate_series(b * 1000 + 1, b * 1000 + 1000) i;
  COMMIT; END LOOP; END \$\$;"
LOG_LINES_BEFORE=$(wc -l <"$LOGS/service.log")
EXTRA=
if [[ $PROFILE == 1 ]]; then
    EXTRA="-XX:StartFlightRecording=filename=$LOGS/pull.jfr,settings=profile,dumponexit=true"
fi
start_service "$EXTRA"
P_STREAM_US=
for _ in $(seq 1 600); do
    if tail -n +"$((LOG_LINES_BEFORE + 1))" "$LOGS/service.log" | grep -q "Streaming slot sequin_slot"; then
        P_STREAM_US=$(now_us); break
    fi
    sleep 0.05
done
[[ -n $P_STREAM_US ]] || die "the service did not start streaming the slot"
P_CPU0=$(cpu_ticks "$SERVICE_PID")
read -r P_COUNT P_FIRST_US P_LAST_US P_RECEIVES < <(java -Xmx256m "$ROOT/bench/Puller.java" "http://127.0.0.1:$APP_PORT" "$TOKEN" \
    pull_stream "$PULL_ROWS" "$PULL_BATCH" "$PULL_WORKERS" 30 2>"$LOGS/puller.log")
P_CPU1=$(cpu_ticks "$SERVICE_PID")
(( P_COUNT > 0 )) || die "the pullers acknowledged nothing, see $LOGS/puller.log"
P_US=$(( P_LAST_US - P_STREAM_US ))
P_RATE=$(( P_COUNT * 1000000 / P_US ))
P_STEADY=$(( P_COUNT * 1000000 / (P_LAST_US - P_FIRST_US > 0 ? P_LAST_US - P_FIRST_US : 1) ))
P_CPU=$(awk -v t=$((P_CPU1 - P_CPU0)) -v hz="$(getconf CLK_TCK)" -v us="$P_US" 'BEGIN { printf "%.2f", (t / hz) / (us / 1e6) }')
log "pull: $P_COUNT acknowledged in $(( P_US / 1000 )) ms = $P_RATE changes/s (first receive → last ack $P_STEADY/s; $P_RECEIVES receives; service CPU $P_CPU cores)"

# ---------------------------------------------------------------- a large backlog on a paused sink
# A second sink on the same slot, created paused, while BACKLOG_ROWS committed inserts stream into
# its table; the latency sink stays active and gets a light probe load. Then the sink is resumed.
heap_full_gc_mb() { # a full GC now; the heap in use after it (MB), from the GC log
    jcmd "$SERVICE_PID" GC.run >/dev/null 2>&1 || true
    sleep 0.3
    grep 'Pause Full' "$LOGS/gc-$SERVICE_PID.log" | tail -1 | sed -E 's/.*->([0-9]+)M.*/\1/'
}
gc_lines() { wc -l <"$LOGS/gc-$SERVICE_PID.log"; }
# Largest heap-in-use after any GC (young, mixed or full) among the GC log's lines from $1 on.
max_after_gc_mb() { tail -n +"$1" "$LOGS/gc-$SERVICE_PID.log" | grep -E 'Pause (Young|Full)' \
    | sed -E 's/.*->([0-9]+)M.*/\1/' | sort -n | tail -1; }
jstat_peak_mb() { awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  $1 ~ /^[0-9.]+$/ { u = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]; if (u > max) max = u }
  END { printf "%.0f", max / 1024 }' "$1"; }
psql_state_val() { "$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d sequin_state -c "$1"; }
spilled_inserts() { psql_state_val "SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables WHERE relname = 'sink_messages'"; }
confirmed_flush() { psql_src_val "SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = 'sequin_slot'"; }
lsn_ge() { [[ $(psql_src_val "SELECT '$1'::pg_lsn >= '$2'::pg_lsn") == t ]]; }

log "backlog: creating sink backlog_hook, paused, on the same slot"
api sinks '{"name": "backlog_hook", "status": "paused", "database": "bench", "source": {"include_tables": ["public.backlog"]},
  "destination": {"type": "webhook", "http_endpoint": "receiver", "http_endpoint_path": "/backlog", "batch": true},
  "batch_size": 100}'
BACKLOG_SINK_ID=$(psql_state_val "SELECT id FROM sinks WHERE name = 'backlog_hook'")
sleep 2
B_STORED0=$(psql_state_val "SELECT count(*) FROM sink_messages WHERE sink_id = '$BACKLOG_SINK_ID'")
B_INS0=$(spilled_inserts)
B_CONFIRMED0=$(confirmed_flush)
B_GC_LINE0=$(gc_lines)
recv reset /lat >/dev/null
B_LAT0=$(psql_src_val "SELECT count(*) FROM lat")
jstat -gc "$SERVICE_PID" 500 >"$LOGS/jstat-backlog.txt" 2>/dev/null &
B_JSTAT_PID=$!; PIDS+=("$B_JSTAT_PID")
"$PGBIN/pgbench" -n -h 127.0.0.1 -p "$PGPORT" -U postgres -c 1 -R "$BACKLOG_PROBE_RATE" -T "$BACKLOG_TIMEOUT" \
    -f "$WORK/lat.sql" bench_src >"$LOGS/pgbench-backlog.log" 2>&1 &
B_PROBE_PID=$!; PIDS+=("$B_PROBE_PID")
log "backlog: committing $BACKLOG_ROWS inserts into public.backlog (1,000 per transaction) while the service streams"
B_T0=$(now_us)
psql_src -c "DO \$\$ BEGIN FOR b IN 0..$((BACKLOG_ROWS / 1000 - 1)) LOOP
  INSERT INTO backlog (id, account, amount, note)
    SELECT i, 'acct-' || (i % 1000), (i % 9973)::int, md5(i::text) FROM generate_series(b * 1000 + 1, b * 1000 + 1000) i;
  COMMIT; END LOOP; END \$\$;" >"$LOGS/backlog-insert.log" 2>&1 &
B_INSERT_PID=$!; PIDS+=("$B_INSERT_PID")
B_END_LSN=; B_INSERT_US=; B_SPILLED_US=; B_CONFIRMED_US=; B_MID_GC_MB=; B_TICK=0
B_DEADLINE=$(( $(date +%s) + BACKLOG_TIMEOUT ))
while :; do
    sleep 1
    if [[ -z $B_END_LSN ]] && ! kill -0 "$B_INSERT_PID" 2>/dev/null; then
        wait "$B_INSERT_PID" || die "the backlog inserts failed, see $LOGS/backlog-insert.log"
        forget "$B_INSERT_PID"
        B_INSERT_US=$(( $(now_us) - B_T0 )); B_END_LSN=$(psql_src_val "SELECT pg_current_wal_lsn()")
        log "backlog: inserts committed in $(( B_INSERT_US / 1000 )) ms, WAL up to $B_END_LSN"
    fi
    B_SPILLED=$(( $(spilled_inserts) - B_INS0 ))
    B_CONFIRMED=$(confirmed_flush)
    if [[ -z $B_MID_GC_MB ]] && (( B_SPILLED >= BACKLOG_ROWS / 2 )); then
        B_MID_GC_MB=$(heap_full_gc_mb); B_MID_GC_AT=$B_SPILLED
        log "backlog: heap after a full GC at $B_SPILLED stored: ${B_MID_GC_MB} MB"
    fi
    [[ -z $B_SPILLED_US ]] && (( B_SPILLED >= BACKLOG_ROWS )) && B_SPILLED_US=$(( $(now_us) - B_T0 ))
    if [[ -n $B_END_LSN ]] && lsn_ge "$B_CONFIRMED" "$B_END_LSN"; then
        B_CONFIRMED_US=$(( $(now_us) - B_T0 )); break
    fi
    if (( ++B_TICK % 10 == 0 )); then
        log "backlog: $B_SPILLED stored, slot confirmed $B_CONFIRMED, latency sink received $(recv stats /lat | cut -d' ' -f1)"
    fi
    (( $(date +%s) < B_DEADLINE )) || { log "backlog: not all stored within $BACKLOG_TIMEOUT s"; break; }
done
if kill -0 "$B_INSERT_PID" 2>/dev/null; then kill "$B_INSERT_PID"; wait "$B_INSERT_PID" 2>/dev/null || true; forget "$B_INSERT_PID"; fi
B_ELAPSED_US=$(( $(now_us) - B_T0 ))
kill "$B_PROBE_PID" 2>/dev/null || true; wait "$B_PROBE_PID" 2>/dev/null || true; forget "$B_PROBE_PID"
B_PEAK_MB=$(jstat_peak_mb "$LOGS/jstat-backlog.txt")
B_MAX_AFTER_GC_MB=$(max_after_gc_mb "$B_GC_LINE0"); B_MAX_AFTER_GC_MB=${B_MAX_AFTER_GC_MB:-0}
B_END_GC_MB=$(heap_full_gc_mb)
B_STORED=$(( $(psql_state_val "SELECT count(*) FROM sink_messages WHERE sink_id = '$BACKLOG_SINK_ID'") - B_STORED0 ))
B_CONFIRMED=$(confirmed_flush)
B_PAST=no; [[ -n $B_END_LSN ]] && lsn_ge "$B_CONFIRMED" "$B_END_LSN" && B_PAST=yes
B_RETAINED_MB=$(psql_src_val "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) / 1048576 FROM pg_replication_slots WHERE slot_name = 'sequin_slot'" | cut -d. -f1)
B_STORE_MB=$(psql_state_val "SELECT pg_total_relation_size('sink_messages') / 1048576")
B_RATE=$(( B_STORED * 1000000 / ${B_SPILLED_US:-$B_ELAPSED_US} ))
# The active sink meanwhile: every probe row committed during the build must arrive.
B_LAT_ROWS=$(( $(psql_src_val "SELECT count(*) FROM lat") - B_LAT0 ))
deadline=$(( $(date +%s) + 60 ))
while :; do
    read -r got _ < <(recv stats /lat)
    (( got >= B_LAT_ROWS || $(date +%s) >= deadline )) && break
    sleep 0.5
done
read -r B_LAT_N B_LAT_P50 B_LAT_P99 B_LAT_MAX < <(recv latency /lat)
log "backlog: $B_STORED stored in sink_messages (${B_STORE_MB} MB) in $(( ${B_SPILLED_US:-$B_ELAPSED_US} / 1000 )) ms = $B_RATE/s;" \
    "slot confirmed $B_CONFIRMED (inserts end $B_END_LSN, past: $B_PAST; WAL retained ${B_RETAINED_MB} MB);" \
    "heap peak $B_PEAK_MB MB, after GC at most $B_MAX_AFTER_GC_MB MB, full GC mid ${B_MID_GC_MB:-?} MB / end $B_END_GC_MB MB;" \
    "latency sink $B_LAT_N of $B_LAT_ROWS, p50 $B_LAT_P50 µs p99 $B_LAT_P99 µs max $B_LAT_MAX µs"
kill "$B_JSTAT_PID" 2>/dev/null || true; forget "$B_JSTAT_PID"

log "backlog: resuming backlog_hook; watching the drain for up to $DRAIN_SECONDS s"
jstat -gc "$SERVICE_PID" 500 >"$LOGS/jstat-drain.txt" 2>/dev/null &
D_JSTAT_PID=$!; PIDS+=("$D_JSTAT_PID")
D_GC_LINE0=$(gc_lines)
D_T0=$(now_us)
api PATCH sinks/backlog_hook '{"status": "active"}'
D_COUNT=0; D_LAST_US=$D_T0; SEEN=-1; SEEN_AT=$(date +%s)
D_DEADLINE=$(( $(date +%s) + DRAIN_SECONDS ))
while :; do
    sleep 1
    read -r D_COUNT _ _ D_LAST_US < <(recv stats /backlog)
    (( D_COUNT >= B_STORED )) && break
    (( $(date +%s) < D_DEADLINE )) || break
    if (( D_COUNT != SEEN )); then SEEN=$D_COUNT; SEEN_AT=$(date +%s)
    elif (( $(date +%s) - SEEN_AT >= 30 )); then log "drain stalled at $D_COUNT messages for 30 s"; break; fi
done
(( D_COUNT > 0 )) || D_LAST_US=$(now_us)
D_US=$(( D_LAST_US - D_T0 ))
D_RATE=$(( D_COUNT * 1000000 / (D_US > 0 ? D_US : 1) ))
D_DONE=no; (( D_COUNT >= B_STORED )) && D_DONE=yes
kill "$D_JSTAT_PID" 2>/dev/null || true; forget "$D_JSTAT_PID"
D_PEAK_MB=$(jstat_peak_mb "$LOGS/jstat-drain.txt")
D_MAX_AFTER_GC_MB=$(max_after_gc_mb "$D_GC_LINE0"); D_MAX_AFTER_GC_MB=${D_MAX_AFTER_GC_MB:-0}
D_LEFT=$(psql_state_val "SELECT count(*) FROM sink_messages WHERE sink_id = '$BACKLOG_SINK_ID'")
log "drain: $D_COUNT of $B_STORED delivered in $(( D_US / 1000 )) ms = $D_RATE/s (all: $D_DONE; $D_LEFT left in sink_messages);" \
    "heap peak $D_PEAK_MB MB, after GC at most $D_MAX_AFTER_GC_MB MB"
stop_service

# ---------------------------------------------------------------- the report
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
fmt() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
verdict() { if (( $1 >= $2 )); then echo "meets"; else echo "**misses**"; fi; }
verdict_max() { if (( $1 <= $2 )); then echo "meets"; else echo "**misses**"; fi; }
CPU_MODEL=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(free -h | awk '/^Mem:/ { print $2 }')
JDK=$(java -version 2>&1 | head -2 | tail -1)
mkdir -p "$(dirname "$REPORT")"

cat >"$REPORT" <<EOF
# Benchmarks

Written by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$COMMIT\`$( ((DIRTY > 0)) && echo " (with $DIRTY uncommitted files in the modules)" ). Targets are DESIGN §7's.

## Machine

| | |
|---|---|
| CPUs (\`nproc\`) | $(nproc) |
| CPU model | $CPU_MODEL |
| memory | $MEM |
| JDK | $JDK |
| PostgreSQL (source and our state, one cluster) | $PG_VERSION, \`wal_level=logical\`, \`shared_buffers=256MB\`, \`max_wal_size=4GB\`, fsync on |
| service | \`java $SERVICE_JAVA_OPTS -jar sequin-app/target/sequin.jar\`, state in \`PG_URL\` (database \`sequin_state\` on the same cluster) |

Everything runs on this one machine over 127.0.0.1: Postgres, the service, the receiver
(\`bench/Receiver.java\`, a JDK \`com.sun.net.httpserver\` program that answers 200 at once and
counts messages) and the load generators.

## Results

| measure | result | target | |
|---|---|---|---|
| catch-up, $(fmt "$ROWS") committed inserts (1,000 per txn) → webhook, \`batch_size\` 100 | **$(fmt "$CATCHUP_RATE") changes/s** ($(ms "$CATCHUP_US") ms) | ≥ 60,000/s | $(verdict "$CATCHUP_RATE" 60000) |
| catch-up, $(fmt "$PULL_ROWS") committed inserts → pull API, receive \`batch_size\` $PULL_BATCH + ack, $PULL_WORKERS pullers | **$(fmt "$P_RATE") changes/s** ($(ms "$P_US") ms) | ≥ 80,000/s | $(verdict "$P_RATE" 80000) |
| reference: \`pg_recvlogical\` (pgoutput) on the same WAL | **$(fmt "$RECV_RATE") changes/s** ($RECV_MS ms) | ≈ 113,000/s | |
| latency commit → receipt at 1,000 rows/s, \`batch: false\` | p50 $(ms "$L1_P50") ms, **p99 $(ms "$L1_P99") ms**, max $(ms "$L1_MAX") ms | | |
| latency commit → receipt at 5,000 rows/s, \`batch: false\` | p50 $(ms "$L5_P50") ms, **p99 $(ms "$L5_P99") ms**, max $(ms "$L5_MAX") ms | p50 ≤ 5 ms, p99 ≤ 25 ms | $(verdict_max "$L5_P99" 25000) (p99) |
| heap, peak during catch-up (\`-Xmx512m\`) | $PEAK_HEAP_MB MB in use (old generation at most $PEAK_OLD_MB MB) | | |
| heap after all runs, after a full GC | $HEAP_AFTER_MB MB | | |
| heap, $(fmt "$BACKLOG_ROWS")-insert backlog building on a paused sink (\`-Xmx512m\`) | peak $B_PEAK_MB MB in use; at most $B_MAX_AFTER_GC_MB MB after any GC; live (after a full GC) ${B_MID_GC_MB:-?} MB half-way, $B_END_GC_MB MB at the end | ≤ 512 MB (10M backlog) | $(verdict_max "$B_MAX_AFTER_GC_MB" 512)$( ((BACKLOG_ROWS < 10000000)) && echo " at $(fmt "$BACKLOG_ROWS")" ) |
| backlog build: inserts → \`sink_messages\` | **$(fmt "$B_RATE") messages/s**; $(fmt "$B_STORED") rows stored; slot confirmed past the inserts: **$B_PAST** | | |
| drain after \`PATCH {"status":"active"}\`, \`batch_size\` 100 | **$(fmt "$D_RATE") messages/s** ($(fmt "$D_COUNT") of $(fmt "$B_STORED") in $(ms "$D_US") ms) | | |

Details:

- Catch-up: $(fmt "$COUNT") messages arrived; $(( WAL_BYTES / 1048576 )) MiB of WAL. Timed from the service's
  \`Streaming slot sequin_slot\` log line to the arrival of the last message; from the first
  arrival to the last it is $(fmt "$STEADY_RATE")/s. The service used $CATCHUP_CPU cores on average
  meanwhile (of $(nproc); Postgres' walsender and the receiver share the rest). GC during catch-up:
  $GC_SUMMARY. The inserts themselves ran at $(fmt "$INSERT_RATE") rows/s.
- Pull catch-up: $(fmt "$P_COUNT") of $(fmt "$PULL_ROWS") messages acknowledged by $PULL_WORKERS concurrent pullers
  (\`bench/Puller.java\`, JDK HttpClient: \`POST …/receive {"batch_size": $PULL_BATCH, "wait_for": 1000}\`, then
  \`POST …/ack\` with every ack id; $(fmt "$P_RECEIVES") receives in all). Timed like the webhook catch-up, from
  \`Streaming slot sequin_slot\` to the last ack; first receive → last ack $(fmt "$P_STEADY")/s. The service
  used $P_CPU cores on average meanwhile.
- Latency: $(fmt "$L1_N") of $(fmt "$L1_ROWS") and $(fmt "$L5_N") of $(fmt "$L5_ROWS") rows received (pgbench reported
  $L1_TPS and $L5_TPS tps; the service used $L1_CPU and $L5_CPU cores). Each row's \`created_us\` is Postgres' \`clock_timestamp()\` at insert, so
  the interval includes the commit itself; the receiver subtracts it from its arrival time on the
  same clock. The sink is \`batch: false\` (one message per request, Sequin's README default shape):
  the strictest case, every row is its own HTTP request. After a 5 s warm-up.
- Backlog: sink \`backlog_hook\` (\`public.backlog\`, webhook, \`batch_size\` 100) created with
  \`"status": "paused"\` on \`sequin_slot\` while the service ran; then $(fmt "$BACKLOG_ROWS") inserts were committed
  (1,000 per transaction, in $(ms "${B_INSERT_US:-0}") ms) while the service streamed. The paused sink
  spilled them to \`sink_messages\` in our Postgres ($(fmt "$B_STORED") rows, ${B_STORE_MB} MB with its index) in
  $(ms "${B_SPILLED_US:-$B_ELAPSED_US}") ms from the first insert; the slot's \`confirmed_flush_lsn\` went from $B_CONFIRMED0 to
  $B_CONFIRMED (the inserts ended at ${B_END_LSN:-?}; past them: $B_PAST; WAL the slot still retains:
  ${B_RETAINED_MB} MB). Heap: peak from \`jstat -gc\` every 500 ms; "after any GC" from \`-Xlog:gc\`; live set by
  \`jcmd GC.run\` when half the rows were stored and at the end. Meanwhile the active \`latency_hook\`
  got $BACKLOG_PROBE_RATE rows/s (pgbench): $(fmt "$B_LAT_N") of $(fmt "$B_LAT_ROWS") arrived, commit → receipt p50 $(ms "$B_LAT_P50") ms,
  p99 $(ms "$B_LAT_P99") ms, max $(ms "$B_LAT_MAX") ms. Drain: timed from the \`PATCH\` to the last arrival, watched for at most
  $DRAIN_SECONDS s (all delivered: $D_DONE; $(fmt "$D_LEFT") rows left in \`sink_messages\`); heap meanwhile peak
  $D_PEAK_MB MB, at most $D_MAX_AFTER_GC_MB MB after any GC.
- Heap: peak = largest used (eden + survivors + old, garbage included, so an upper bound on the
  live set) that \`jstat -gc\` sampled every 250 ms during catch-up; after the runs = \`jvm_memory_used_bytes{area="heap"}\` summed, after \`jcmd GC.run\`.

## Commands

The whole run is one command, \`bench/run.sh\` (as root; it takes /tmp/sequin-mvn.lock and builds the
jar; \`BENCH_REF=HEAD bench/run.sh\` builds that commit from \`git archive\` instead of the working
tree$( [[ -n $REF ]] && echo ", as this run did" )). What it does, in order:

\`\`\`sh
initdb -U postgres --auth=trust; pg_ctl start -o "$PG_OPTS"   # as the postgres user
CREATE TABLE catchup (id bigint PRIMARY KEY, account text NOT NULL, amount int NOT NULL, note text,
                      created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE lat (id bigserial PRIMARY KEY, note text,
                  created_us bigint NOT NULL DEFAULT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint);
CREATE PUBLICATION bench_pub FOR TABLE catchup, lat, backlog;
SELECT pg_create_logical_replication_slot('sequin_slot', 'pgoutput');   -- the service's
SELECT pg_create_logical_replication_slot('recv_slot', 'pgoutput');     -- pg_recvlogical's, same point

java bench/Receiver.java <port> &
SEQUIN_API_TOKEN=… SERVER_PORT=… SEQUIN_METRICS_PORT=… PG_URL=…/sequin_state java -Xmx512m -jar sequin-app/target/sequin.jar &
POST /api/postgres_databases   {"name": "bench", "url": "…/bench_src", "replication_slots": [{"slot_name": "sequin_slot", "publication_name": "bench_pub"}]}
POST /api/destinations/http_endpoints {"name": "receiver", "url": "http://127.0.0.1:<port>"}
POST /api/sinks {"name": "catchup_hook", …, "source": {"include_tables": ["public.catchup"]},
                 "destination": {"type": "webhook", "http_endpoint": "receiver", "http_endpoint_path": "/catchup", "batch": true}, "batch_size": 100}
POST /api/sinks {"name": "latency_hook", …, "source": {"include_tables": ["public.lat"]},
                 "destination": {"type": "webhook", "http_endpoint": "receiver", "http_endpoint_path": "/lat", "batch": false}, "batch_size": 1}
# stop the service (SIGTERM), so nothing reads the slot while the rows are committed

DO \$\$ BEGIN FOR b IN 0..$((TXNS - 1)) LOOP
  INSERT INTO catchup (id, account, amount, note)
    SELECT i, 'acct-' || (i % 1000), (i % 9973)::int, md5(i::text) FROM generate_series(b * 1000 + 1, b * 1000 + 1000) i;
  COMMIT; END LOOP; END \$\$;

$RECV_CMD

# start the service again; time from "Streaming slot sequin_slot" to the last message's arrival
pgbench -n -c 4 -j 2 -R 1000 -T $LAT_SECONDS -f lat.sql bench_src   # lat.sql: INSERT INTO lat (note) VALUES ('latency probe');
pgbench -n -c 4 -j 2 -R 5000 -T $LAT_SECONDS -f lat.sql bench_src
jcmd <pid> GC.run; curl <metrics>/metrics | grep 'jvm_memory_used_bytes.*heap'

# the pull sink (registered with the others: {"name": "pull_stream", "destination": {"type": "sequin_stream"}, …})
# stop the service; commit $(fmt "$PULL_ROWS") inserts into public.pullc as above; start it again
java bench/Puller.java http://127.0.0.1:<port> <token> pull_stream $PULL_ROWS $PULL_BATCH $PULL_WORKERS 30

# the backlog (table backlog is in bench_pub from the start, like catchup)
POST /api/sinks {"name": "backlog_hook", "status": "paused", …, "source": {"include_tables": ["public.backlog"]},
                 "destination": {"type": "webhook", "http_endpoint": "receiver", "http_endpoint_path": "/backlog", "batch": true}, "batch_size": 100}
pgbench -n -c 1 -R $BACKLOG_PROBE_RATE -T $BACKLOG_TIMEOUT -f lat.sql bench_src &     # the active sink's probe, stopped when the build ends
DO \$\$ BEGIN FOR b IN 0..$((BACKLOG_ROWS / 1000 - 1)) LOOP INSERT INTO backlog … ; COMMIT; END LOOP; END \$\$;
# poll sink_messages' n_tup_ins and the slot's confirmed_flush_lsn every second, until it passes the inserts' end
PATCH /api/sinks/backlog_hook {"status": "active"}   # time to the last arrival at /backlog

\`\`\`
EOF
if [[ -f $ROOT/bench/findings.md ]]; then
    { echo; cat "$ROOT/bench/findings.md"; } >>"$REPORT"
fi
log "wrote $REPORT"
