#!/usr/bin/env bash
# Packs pkg/ exactly as `npm publish` would and installs the tarball into the consumer
# project tests/js/, so tests import the package by its name, as a user does.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/pack tests/js/node_modules
mkdir -p target/pack
(cd pkg && npm pack --silent --pack-destination ../target/pack >/dev/null)
mv target/pack/handinger-wasm-*.tgz target/pack/handinger-wasm.tgz
(cd tests/js && npm install --silent --no-package-lock --no-audit --no-fund)
