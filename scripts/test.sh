#!/usr/bin/env bash
# The whole test suite: lint, then unit, app and real-data tests on two workers, then the browser tests.
#   bash scripts/test.sh [pytest options, e.g. tests/unit -n 2, -m "not e2e" or -k karte]
# With options, one pytest run with exactly those options.
# Creates .venv on first use, reinstalls requirements-dev.txt whenever a requirements
# file changed, installs Debian's Chromium when it is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-python3}"
CHROMIUM=/usr/bin/chromium
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
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
        apt_install python3-venv
        "$PYTHON" -m venv .venv
    fi
}

# install_requirements STAMP_NAME FILE... : pip install -r (last FILE) when any FILE changed.
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

ensure_pango() {
    # WeasyPrint (Sozialbericht) loads Debian's Pango at run time; a minimal Debian may lack it.
    if ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'; then
        return
    fi
    echo "Installiere Pango (Debian) für den Sozialbericht …"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y libpango-1.0-0 libpangoft2-1.0-0
}

ensure_chromium() {
    # Playwright cannot download its own browser here; the tests drive Debian's.
    if [ -x "$CHROMIUM" ]; then
        return
    fi
    echo "Installiere Chromium (Debian) …"
    apt_install chromium
}

ensure_nginx() {
    # tests/e2e/test_two_instances.py runs two app instances behind Debian's nginx.
    if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
        return
    fi
    echo "Installiere nginx (Debian) …"
    apt_install nginx
}

ensure_venv
# requirements-dev.txt includes benchmarks/requirements.txt, which includes requirements.txt: one stamp for all.
install_requirements requirements-dev.sha256 requirements.txt benchmarks/requirements.txt requirements-dev.txt
ensure_chromium
ensure_pango
ensure_nginx

echo "ruff check …"
.venv/bin/ruff check .

# run_pytest ARGS… : pytest -q ARGS; "no tests collected" (exit 5) is reported as the failure it is.
run_pytest() {
    local rc=0
    .venv/bin/pytest -q "$@" || rc=$?
    if [ "$rc" -eq 5 ]; then
        echo "pytest hat keine Tests gesammelt (Exit 5): das zählt als Fehler." >&2
    fi
    return "$rc"
}

status=0
if [ "$#" -eq 0 ]; then
    # Everything without a browser on two workers (pytest-xdist), then the browser tests one after
    # another: each drives a Streamlit server and Chromium, which keep two cores busy on their own.
    echo "pytest ohne Browser (unit, app, realdata; ${TEST_WORKERS:-2} Prozesse) …"
    # --dist loadscope: a module stays on one worker, so its module fixtures (a whole Sozialbericht, six
    # imported cities) are built once, not once per worker.
    run_pytest -n "${TEST_WORKERS:-2}" --dist loadscope -m "not e2e" || status=$?
    echo "pytest Browser-Tests (e2e) …"
    run_pytest -m e2e || status=$?
else
    echo "pytest $* …"
    run_pytest "$@" || status=$?
fi
exit "$status"
