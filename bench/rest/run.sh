#!/usr/bin/env bash
# REST benchmark: 16 concurrent HTTP clients (wrk, its own process) allocating from one pool, then
# from 16 pools, against master-service on its embedded MariaDB. Prints allocations/s and latency
# percentiles, then counts duplicates and checks the ledger in the database. Run by hand:
#   apt-get install -y wrk && [WARM_UP=30] bench/rest/run.sh [seconds] [--master.property=value ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
warm_up=${WARM_UP:-30}
shift || true
port=18080
data=$(mktemp -d)
jar=master-service/target/master-service-0.1.0-SNAPSHOT-exec.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests -pl master-service -am package

IPLEDGER_ADMIN_PASSWORD=bench-password java -jar "$jar" --ipledger.data-dir="$data" --server.port=$port --management.server.port=$((port + 1000)) "$@" >"$data/master.log" 2>&1 &
master=$!
trap 'kill $master 2>/dev/null; wait $master 2>/dev/null || true; rm -rf "$data"' EXIT
until curl -sf 127.0.0.1:$port/api/v1/info >/dev/null; do
  kill -0 $master 2>/dev/null || { echo "master-service did not start:"; tail -20 "$data/master.log"; exit 1; }
  sleep 1
done

api() { curl -sf -XPOST "127.0.0.1:$port$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$2"; }
TOKEN=$(curl -sf -XPOST 127.0.0.1:$port/api/v1/auth/login -H 'Content-Type: application/json' \
  -d '{"email":"admin@example.com","password":"bench-password"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
export TOKEN
api /api/v1/networks '{"cidr":"10.0.0.0/8","name":"one pool"}' >/dev/null
api /api/v1/pools '{"name":"one"}' >/dev/null
api /api/v1/pools/1/ranges '{"cidr":"10.0.0.0/8"}' >/dev/null
api /api/v1/networks '{"cidr":"172.16.0.0/12","name":"sixteen pools"}' >/dev/null
for i in $(seq 0 15); do
  api /api/v1/pools "{\"name\":\"p$i\"}" >/dev/null
  api /api/v1/pools/$((i + 2))/ranges "{\"cidr\":\"172.$((16 + i)).0.0/16\"}" >/dev/null
done

echo "warming up the JIT ($((2 * warm_up)) s)..."
for script in alloc-one-pool alloc-sixteen-pools; do
  wrk -t2 -c16 -d${warm_up}s -s bench/rest/$script.lua http://127.0.0.1:$port >/dev/null
done
for script in alloc-one-pool alloc-sixteen-pools; do
  printf '%-22s ' "$script:"
  wrk -t2 -c16 -d${seconds}s --latency -s bench/rest/$script.lua http://127.0.0.1:$port \
    | grep -E 'Requests/sec|^ +(50|90|99)%|Non-2xx|Socket errors' | tr -s ' ' | tr '\n' ' '
  echo
done

db_port=$(ss -ltnp | grep "pid=$(pgrep -P $master mariadbd || pgrep -f "$data/mariadb" | head -1)," | awk '{print $4}' | sed 's/.*://' | head -1)
mariadb=$(ls -d /tmp/ipledger-mariadb-*/bin/mariadb | head -1)
"$mariadb" -h127.0.0.1 -P"$db_port" -uroot ipledger -e "
  SELECT COUNT(*) AS stored, COUNT(*) - COUNT(DISTINCT addr_bin) AS duplicates FROM ip;
  SELECT (SELECT COUNT(*) FROM ledger_outbox) AS ledger_entries, COUNT(*) AS numbered, MAX(seq) AS max_seq,
         COUNT(*) - COUNT(DISTINCT seq) AS seq_duplicates FROM ledger_entry;"
