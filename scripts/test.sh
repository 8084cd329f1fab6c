#!/usr/bin/env bash
# `npm test`: everything, in order, against real parts (the release wasm build, a real HTTP
# server on 127.0.0.1, headless Chromium, Node). One build is reused by every later stage.
# Every stage runs even after a failure (so one run shows all problems); the exit code is
# non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

passed=0
failed=0
failures=()
built=1

stage() {
  local name=$1
  shift
  printf '\n\033[1m━━ %s\033[0m\n' "$name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    printf '\033[32m✔ %s (%ss)\033[0m\n' "$name" $((SECONDS - start))
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf '\033[31m✘ %s (%ss)\033[0m\n' "$name" $((SECONDS - start))
    return 1
  fi
}

wasm_tests() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --target wasm32-unknown-unknown --test wasm "$@"
}

stage "setup (tools, npm deps, chromium)" bash scripts/setup.sh --test || exit 1
stage "cargo fmt --check" cargo fmt --check
stage "cargo clippy (native, all targets)" cargo clippy --all-targets -- -D warnings
stage "cargo clippy (wasm32, all targets)" cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
stage "cargo test (native, incl. bounded property fuzzing)" env PROPTEST_CASES=1000 cargo test
stage "build pkg/ (release, wasm-opt)" node scripts/build.mjs || built=0
stage "wasm-bindgen tests in Node" wasm_tests
stage "wasm-bindgen tests in headless Chromium" env WASM_BINDGEN_USE_BROWSER=1 bash -c "$(declare -f wasm_tests); wasm_tests"
if [[ $built == 1 ]]; then
  stage "npm pack pkg/ + install into tests/js" bash scripts/pack-consumer.sh &&
    {
      stage "node:test integration (built package by name, mock API)" bash -c 'cd tests/js && node --test'
      stage "tsc --strict on the typed consumer" tsc -p tests/js
    }
  stage "Chromium: demo page, network and validation cases (Playwright)" node --test tests/browser/
  stage "examples: install (npm ci + packed tarball)" bash scripts/examples.sh &&
    stage "examples: Node ESM/CJS, Vite, webpack, Web Worker, MV3 extension, tsc bundler/node16" node --test tests/examples/
  stage "benchmark smoke run (Node + Chromium; numbers not judged)" bash -c 'node bench/node.mjs --quick && node bench/browser.mjs --quick && node bench/report.mjs --quick'
fi

printf '\n'
for f in "${failures[@]}"; do printf '\033[31mfailed: %s\033[0m\n' "$f"; done
echo "stages: $passed passed, $failed failed"
[[ $failed == 0 ]]
