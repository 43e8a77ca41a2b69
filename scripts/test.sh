#!/usr/bin/env bash
# The whole test suite: lint, then unit, integration, app and real-data tests on two workers, then the browser tests.
#   bash scripts/test.sh [pytest options, e.g. tests/unit -n 2, -m "not e2e" or -k karte]
# With options, one pytest run with exactly those options.
# Creates .venv on first use, reinstalls requirements-dev.txt whenever a requirements
# file changed, installs Debian's Chromium when it is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CHROMIUM=/usr/bin/chromium
# shellcheck source=scripts/setup.sh
source scripts/setup.sh

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
    echo "pytest ohne Browser (unit, integration, app, realdata; ${TEST_WORKERS:-2} Prozesse) …"
    # --dist loadscope: a module stays on one worker, so its module fixtures (a whole Sozialbericht, six
    # imported cities) are built once, not once per worker.
    run_pytest -n "${TEST_WORKERS:-2}" --dist loadscope -m "not e2e" || status=$?
    echo "pytest Browser-Tests (e2e) …"
    # Browser tests live only in tests/e2e (their fixtures are defined there): collecting the other folders
    # again only to deselect them cost seconds.
    # E2E_WORKERS=2 runs them on two workers (a module stays on one); one by default, as measured in
    # notes/result-s5-tests.md.
    e2e_workers=()
    if [ "${E2E_WORKERS:-1}" -gt 1 ]; then
        e2e_workers=(-n "$E2E_WORKERS" --dist loadscope)
    fi
    run_pytest tests/e2e -m e2e --durations=25 "${e2e_workers[@]}" || status=$?
else
    echo "pytest $* …"
    run_pytest "$@" || status=$?
fi
exit "$status"
