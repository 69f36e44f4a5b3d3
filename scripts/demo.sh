#!/usr/bin/env bash
# Sets everything up, then serves the demo (www/) against a local ministack.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node scripts/demo.mjs
