#!/usr/bin/env bash
# Builds the npm package into pkg/: Rust → one wasm per module (no_std, our own small
# ABI, no wasm-bindgen) → wasm-opt → pkg/ (each module inlined in its JS chunk).
set -euo pipefail
cd "$(dirname "$0")/.."
# The wasm exports' TypeScript shape (pkg-template/wasm-exports.d.ts) must be what the Rust
# exports: the package's bindings are type-checked against it when they are compiled.
node scripts/wasm-types.mjs --check
# wasm-opt for the typed modules (names, producers and feature lists are not shipped).
# Flattening the control flow (--flatten --rereloop) before the -Oz rounds lets them find
# ~1% more (measured: ~0.25 KB gzip off the core, ~0.5 KB off all five; bench/README.md).
opt_typed() {
  node_modules/.bin/wasm-opt -Oz --flatten --rereloop -Oz -Oz --converge --strip-debug --strip-producers --strip-target-features \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals "$1" -o "$2"
}
# Each module is the wasm facade crate (wasm/) built alone with its feature, over the
# pure core crate. The typed core (wasm/src/core.rs): the password sign-in, session,
# refresh and sign-out every app runs. Its boundary is our own small ABI
# (pkg-template/core-v2.ts).
cargo build --release --target wasm32-unknown-unknown -p cognito-wasm-modules --features engine-v2 --target-dir target/v2
mkdir -p target/bindgen
opt_typed target/v2/wasm32-unknown-unknown/release/cognito_wasm_modules.wasm target/bindgen/cognito_wasm_v2_opt.wasm
# The modules the driver loads on first use: steps (challenges, MFA set-up, sign-up),
# oauth (the hosted UI), identity (identity pool credentials), account (the account
# calls). Devices run on the core.
for m in steps oauth identity account; do
  cargo build --release --target wasm32-unknown-unknown -p cognito-wasm-modules --features module-$m --target-dir target/$m
  opt_typed target/$m/wasm32-unknown-unknown/release/cognito_wasm_modules.wasm target/bindgen/cognito_wasm_${m}_opt.wasm
done
# The small decoder that unpacks the modules where the browser has no DecompressionStream (inflate/). Its stack
# needs ~135 KB (two 64 KB code tables): 256 KB instead of the default 1 MB keeps
# the page's memory down.
RUSTFLAGS="-C link-arg=-zstack-size=262144" \
  cargo build --release --target wasm32-unknown-unknown --manifest-path inflate/Cargo.toml
node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
  inflate/target/wasm32-unknown-unknown/release/cognito_wasm_inflate.wasm -o target/bindgen/inflate.wasm
node scripts/assemble-pkg.mjs target/bindgen/inflate.wasm target/bindgen/cognito_wasm_v2_opt.wasm \
  target/bindgen/cognito_wasm_account_opt.wasm target/bindgen/cognito_wasm_steps_opt.wasm \
  target/bindgen/cognito_wasm_oauth_opt.wasm target/bindgen/cognito_wasm_identity_opt.wasm
