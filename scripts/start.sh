#!/usr/bin/env bash
# npm start: installs what is missing, builds, and runs the whole system (apps/stack/main.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run --silent build
exec node dist/apps/stack/main.js
