#!/usr/bin/env bash
# Sets everything up, then runs every test: Rust (format, lint, unit, known-answer,
# flows), the SRP vectors against amazon-cognito-identity-js, the TypeScript types,
# and the browser suites against a local ministack.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
step() { echo "==> $*"; }

step "size budget of pkg/"
node bench/size-budget.mjs
step "cargo fmt --check"
cargo fmt --all -- --check
cargo fmt --manifest-path inflate/Cargo.toml -- --check
step "cargo clippy"
cargo clippy --all-targets -- -D warnings  # the core with std, its tests included
cargo clippy --workspace --all-targets -- -D warnings  # the same built as the modules build it (no_std)
cargo clippy --target wasm32-unknown-unknown -p cognito-wasm --lib -- -D warnings  # the core alone, with std
cargo clippy --target wasm32-unknown-unknown -p cognito-wasm --lib --features typed -- -D warnings  # without
for f in engine-v2 module-steps module-oauth module-identity module-account; do
  cargo clippy --target wasm32-unknown-unknown -p cognito-wasm-modules --features $f -- -D warnings
done
cargo clippy --manifest-path inflate/Cargo.toml --all-targets -- -D warnings
cargo clippy --manifest-path inflate/Cargo.toml --target wasm32-unknown-unknown --lib -- -D warnings
step "cargo test"
cargo test
cargo test --manifest-path inflate/Cargo.toml
step "SRP vectors still match amazon-cognito-identity-js"
node tests/vectors/gen-srp-vectors.mjs --check
node tests/vectors/gen-device-srp-vectors.mjs --check
step "JavaScript units (Node): config, import safety, the wasm ABI"
node --test tests/js/
# (The build has type-checked the package's TypeScript sources, their wasm bindings against
# the Rust exports included: scripts/build.sh.)
step "TypeScript: the sources' exports against the public declarations"
npx tsc -p tests/types/tsconfig.impl.json
step "TypeScript declarations"
npx tsc -p tests/types/tsconfig.json
step "fuzzing, bounded (cargo fuzz, 15 s per target)"
bash scripts/fuzz.sh 15
step "browser tests (headless Chromium + ministack)"
node --test --test-concurrency=1 tests/browser/ tests/stack/
