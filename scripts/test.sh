#!/usr/bin/env bash
# Run the whole test suite on a fresh machine: set up first (idempotent), then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
