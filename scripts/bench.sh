#!/usr/bin/env bash
# Sets everything up (as scripts/test.sh does), then runs the benchmark against
# aws-amplify v6 and amazon-cognito-identity-js; results go to bench/results/ and
# the README's Performance table. Pass --quick for a short smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node bench/run.mjs "$@"
