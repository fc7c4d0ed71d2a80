#!/usr/bin/env bash
# run-demo.sh - set everything up and open ERP Pipeline Studio on the bundled demo project.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/python main.py --demo "$@"
