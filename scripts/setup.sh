# Shared by scripts/run.sh and scripts/test.sh (sourced, not run): the virtualenv, its requirements and
# the Debian packages the app needs at run time. Expects the repository root as working directory.

PYTHON="${PYTHON:-python3}"
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
    apt_install libpango-1.0-0 libpangoft2-1.0-0
}
