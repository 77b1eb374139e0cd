#!/usr/bin/env bash
# Installs what OneWork needs on a fresh Debian machine of this kind and
# fetches the Go modules. Safe to run again: it installs only what is missing.
set -euo pipefail

need=()
java17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
if [[ ! -x $java17 ]] && ! (command -v java >/dev/null && java -version 2>&1 | grep -qE 'version "(17|21)'); then
  need+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null || need+=(maven)
command -v curl >/dev/null || need+=(curl)
# Headless Chromium renders GraphiQL and the console in the browser tests;
# node and npm build the console (web/).
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v chromium >/dev/null || need+=(chromium)
if ((${#need[@]})); then
  echo "deps: installing ${need[*]}" >&2
  if [[ $(id -u) -ne 0 ]]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v go >/dev/null || { echo "deps: Go 1.26 or later is required (https://go.dev/dl/)" >&2; exit 1; }
go mod download
tools/neo4j/neo4j.sh build
