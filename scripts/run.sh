#!/usr/bin/env bash
# Start the Sozialraum-Dashboard on the bundled data.
#   bash scripts/run.sh [streamlit options, e.g. --server.port 8502]
# Creates .venv on first use and reinstalls requirements.txt whenever it changed.
# Another data folder: SOZIALRAUM_DATA_DIR=/pfad/zum/ordner bash scripts/run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-python3}"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_venv() {
    if [ -x .venv/bin/python ]; then
        return
    fi
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        echo "Python 3.11 oder neuer nötig, gefunden: $("$PYTHON" --version 2>&1)" >&2
        exit 1
    fi
    echo "Lege .venv an …"
    if ! "$PYTHON" -m venv .venv; then
        # Debian ships venv's pip bootstrap separately.
        echo "python3 -m venv scheitert, installiere python3-venv …" >&2
        rm -rf .venv
        as_root apt-get update
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
        "$PYTHON" -m venv .venv
    fi
}

# install_requirements STAMP_NAME FILE... : pip install -r FILE when the files changed.
install_requirements() {
    local stamp=".venv/$1" digest
    shift
    digest="$(cat "$@" | sha256sum | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ]; then
        return
    fi
    echo "Installiere $* …"
    .venv/bin/python -m pip install --quiet -r "${@: -1}"
    echo "$digest" >"$stamp"
}

ensure_venv
install_requirements requirements.sha256 requirements.txt
exec .venv/bin/streamlit run app.py "$@"
