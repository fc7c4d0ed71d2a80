#!/usr/bin/env bash
# setup.sh - install what ERP Pipeline Studio needs: system libraries (Debian/Ubuntu, when
# missing) and a virtual environment in .venv with the app and its test tools.
#
#   scripts/setup.sh          libraries for the window + the Python environment
#   scripts/setup.sh --tests  also LibreOffice and fonts, which the tests use to convert
#                             every export to PDF
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--tests" ] && want_tests=1

# Qt's offscreen and xcb platforms need these shared libraries.
packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0
          libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
          libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1)
if [ "$want_tests" = 1 ]; then
  packages+=(libreoffice-writer-nogui libreoffice-calc-nogui fonts-crosextra-carlito
             fonts-crosextra-caladea fonts-liberation2 fonts-dejavu-core)
fi

if command -v dpkg >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing system packages: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
      --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "setup: not a Debian-based system; install Qt's runtime libraries and LibreOffice" \
       "with your package manager if the app or the tests cannot start." >&2
fi

PYTHON=${PYTHON:-python3}
"$PYTHON" - <<'PY' || { echo "setup: Python 3.11 or newer is needed (set PYTHON=...)." >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
