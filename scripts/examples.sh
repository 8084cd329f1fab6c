#!/usr/bin/env bash
# Prepares examples/ as a user's project would be: its own locked dev dependencies (Vite,
# webpack), then the packed handinger-wasm tarball (made by scripts/pack-consumer.sh).
set -euo pipefail
cd "$(dirname "$0")/../examples"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --silent --no-audit --no-fund
fi
npm install --silent --no-save --no-audit --no-fund ../target/pack/handinger-wasm.tgz
