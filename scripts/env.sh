# Sourced by the scripts: tool locations. Cargo's bin first (wasm-pack, wasm-bindgen), and the
# npm `binaryen` wasm-opt ahead of any system one (Debian's v108 emits broken modules).
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/lib/chromium/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
