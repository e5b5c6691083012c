#!/usr/bin/env bash
# The browser tests drive Debian's Chromium with playwright-core (Playwright's own browser download needs
# the internet; apt does not). Installs it when missing; CHROMIUM_PATH points at another one instead.
set -euo pipefail
if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  [[ -x "$CHROMIUM_PATH" ]] || { echo "[chromium] CHROMIUM_PATH=$CHROMIUM_PATH is not executable" >&2; exit 1; }
  exit 0
fi
command -v chromium >/dev/null 2>&1 && exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "[chromium] Chromium is missing and installing it needs root: run 'sudo apt-get install -y chromium'" >&2
  echo "[chromium] (or set CHROMIUM_PATH to a Chromium/Chrome binary)" >&2
  exit 1
fi
echo "[chromium] installing Debian's chromium for the browser tests"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
