#!/usr/bin/env bash
# Runs a local Neo4j 5 Community (embedded, Bolt on loopback, auth off) for
# development and tests.
#
#   tools/neo4j/neo4j.sh build    download the Maven artifacts and build the launcher
#   tools/neo4j/neo4j.sh start    start in the background; wait until Bolt answers
#   tools/neo4j/neo4j.sh stop     stop cleanly (SIGTERM, then wait)
#   tools/neo4j/neo4j.sh status   say whether it runs and where
#   tools/neo4j/neo4j.sh run      run in the foreground
#   tools/neo4j/neo4j.sh admin ARGS...
#                                 run neo4j-admin on the stopped database, e.g.
#                                 "admin database import full --overwrite-destination ... neo4j"
#
# Settings (environment):
#   NEO4J_HOME_DIR    data and logs (default: .neo4j in the repository root)
#   NEO4J_BOLT        Bolt listen address (default 127.0.0.1:7687)
#   NEO4J_PAGE_CACHE  page cache in MiB (default 256)
#   NEO4J_HEAP        JVM heap, e.g. 1g (default 1g)
#   NEO4J_START_WAIT  seconds to wait for Bolt (default 120)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
home="${NEO4J_HOME_DIR:-$root/.neo4j}"
bolt="${NEO4J_BOLT:-127.0.0.1:7687}"
page_cache="${NEO4J_PAGE_CACHE:-256}"
heap="${NEO4J_HEAP:-1g}"
wait_s="${NEO4J_START_WAIT:-120}"
pidfile="$home/neo4j.pid"
logfile="$home/neo4j.out"
host="${bolt%:*}"
port="${bolt##*:}"

log() { echo "neo4j: $*" >&2; }

java_bin() {
  # Neo4j 5.26 runs on Java 17 or 21; prefer 17 where several are installed.
  if [[ -n "${NEO4J_JAVA_HOME:-}" ]]; then echo "$NEO4J_JAVA_HOME/bin/java"; return; fi
  for d in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [[ -x "$d/bin/java" ]]; then echo "$d/bin/java"; return; fi
  done
  command -v java || { log "no java found; install openjdk-17-jre-headless"; exit 1; }
}

build() {
  if [[ -f "$here/target/classes/org/onework/neo4j/Main.class" && -d "$here/target/lib" \
        && "$here/target/classes/org/onework/neo4j/Main.class" -nt "$here/src/main/java/org/onework/neo4j/Main.java" \
        && "$here/target/lib" -nt "$here/pom.xml" ]]; then
    return
  fi
  command -v mvn >/dev/null || { log "maven is missing; install it with: apt-get install -y maven"; exit 1; }
  log "building the launcher (the first run downloads Neo4j from Maven Central)"
  (cd "$here" && mvn -B -q package -DskipTests)
  touch "$here/target/lib"
}

running_pid() {
  [[ -f "$pidfile" ]] || return 1
  local pid
  pid="$(cat "$pidfile")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && { echo "$pid"; return 0; }
  return 1
}

bolt_answers() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }

jvm_args() {
  echo "-Xmx$heap -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
 --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
 --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
 -Dio.netty.tryReflectionSetAccessible=true"
}

start() {
  if pid="$(running_pid)"; then
    log "already running (pid $pid, bolt://$bolt); refusing to start twice"
    exit 1
  fi
  if bolt_answers; then
    log "something already listens on $bolt; refusing to start"
    exit 1
  fi
  build
  mkdir -p "$home"
  local java
  java="$(java_bin)"
  # shellcheck disable=SC2046
  nohup "$java" $(jvm_args) -cp "$here/target/classes:$here/target/lib/*" org.onework.neo4j.Main \
    --home "$home" --bolt "$bolt" --page-cache "$page_cache" >"$logfile" 2>&1 &
  echo $! >"$pidfile"
  local pid=$!
  local deadline=$((SECONDS + wait_s))
  while ! grep -q "onework-neo4j: ready" "$logfile" 2>/dev/null || ! bolt_answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "failed to start; last lines of $logfile:"
      tail -n 30 "$logfile" >&2
      rm -f "$pidfile"
      exit 1
    fi
    if ((SECONDS > deadline)); then
      log "Bolt did not answer within ${wait_s}s; stopping it; see $logfile"
      stop
      exit 1
    fi
    sleep 0.5
  done
  log "ready at bolt://$bolt (pid $pid, data in $home)"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    log "not running"
    rm -f "$pidfile"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; log "stopped"; return 0; }
    sleep 0.5
  done
  log "did not stop within 60s; killing pid $pid"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    if bolt_answers; then echo "running (pid $pid, bolt://$bolt, data in $home)"; else echo "starting (pid $pid)"; fi
  else
    echo "stopped"
    return 3
  fi
}

run() {
  build
  mkdir -p "$home"
  # shellcheck disable=SC2046
  exec "$(java_bin)" $(jvm_args) -cp "$here/target/classes:$here/target/lib/*" org.onework.neo4j.Main \
    --home "$home" --bolt "$bolt" --page-cache "$page_cache"
}

admin() {
  if pid="$(running_pid)"; then
    log "running (pid $pid): stop it before neo4j-admin"
    exit 1
  fi
  build
  mkdir -p "$home/conf"
  touch "$home/conf/neo4j.conf"
  # shellcheck disable=SC2046
  NEO4J_HOME="$home" NEO4J_CONF="$home/conf" exec "$(java_bin)" $(jvm_args) \
    -cp "$here/target/classes:$here/target/lib/*" org.neo4j.cli.AdminTool "$@"
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  run) run ;;
  admin) shift; admin "$@" ;;
  *) echo "usage: $0 build|start|stop|status|run|admin ARGS..." >&2; exit 2 ;;
esac
