#!/usr/bin/env bash
# test.sh - set everything up (system packages included) and run the whole test suite headless.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
