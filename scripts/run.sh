#!/usr/bin/env bash
# Start the Sozialraum-Dashboard on the bundled data.
#   bash scripts/run.sh [--demo] [streamlit options, e.g. --server.port 8502]
# Creates .venv on first use and reinstalls requirements.txt whenever it changed
# (SOZIALRAUM_NO_INSTALL=1 skips that, e.g. on a machine without a package registry).
# --demo: everything to try on this machine only (README "Alles ausprobieren"): the internal view with a
# demo account (moderator and planner) in var/demo/, its password printed once; refuses any address
# other than loopback.
# Another data folder: SOZIALRAUM_DATA_DIR=/pfad/zum/ordner bash scripts/run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/setup.sh
source scripts/setup.sh

# dashboard_url [streamlit options]: where the app will answer. Streamlit's own start message is off
# (.streamlit/config.toml, logger.hideWelcomeMessage): it asks outside hosts for this machine's
# addresses. Same sources as Streamlit (config files, STREAMLIT_* variables, the options given here);
# without a port set Streamlit takes the first free one from 8501 on, and so does this.
dashboard_url() {
    .venv/bin/python - "$@" <<'PY'
import os
import socket
import sys

from streamlit import config
from streamlit.web.server import server_util

# like `streamlit run`: STREAMLIT_SERVER_PORT … first, then the options
flags = {k: os.environ[o.env_var] for k, o in config.get_config_options().items() if o.env_var in os.environ}
args = sys.argv[1:]
while args:
    name, has_value, value = args.pop(0).partition("=")
    if name.startswith("--") and "." in name:
        flags[name[2:]] = value if has_value else (args.pop(0) if args else "")
config.get_config_options(force_reparse=True, options_from_flags=flags)

address = config.get_option("server.address") or ""
if address.startswith("unix://"):
    print(address)
    sys.exit()
port = int(config.get_option("server.port"))
if not config.is_manually_set("server.port"):
    for candidate in range(port, port + 100):
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("", candidate))
            except OSError:
                continue
        config.set_option("server.port", candidate)
        break
if config.is_manually_set("browser.serverAddress"):
    host = config.get_option("browser.serverAddress")
elif address and address not in {"0.0.0.0", "::"}:
    host = f"[{address}]" if ":" in address else address
else:
    host = "localhost"
print(server_util.get_url(host))
PY
}

demo=0
args=()
for arg in "$@"; do
    if [ "$arg" = "--demo" ]; then demo=1; else args+=("$arg"); fi
done
set -- ${args[@]+"${args[@]}"}

ensure_venv
ensure_pango
if [ "${SOZIALRAUM_NO_INSTALL:-0}" != "1" ]; then
    install_requirements requirements.sha256 requirements.txt
fi
if [ "$demo" = 1 ]; then
    # the demo account's own secrets file and conference store; never .streamlit/secrets.toml
    demo_dir="${SOZIALRAUM_DEMO_DIR:-var/demo}"
    export SOZIALRAUM_DEMO=1 SOZIALRAUM_DEMO_DIR="$demo_dir" SOZIALRAUM_MODUS=intern
    export SOZIALRAUM_SECRETS="$demo_dir/secrets.toml" SOZIALRAUM_DB_DIR="$demo_dir"
    unset SOZIALRAUM_DB_URL
    .venv/bin/python scripts/demo_setup.py "$@" || exit $?
    set -- --server.address 127.0.0.1 "$@"
fi
# A cookie secret that survives restarts (generated once into the git-ignored secrets file): without it
# Streamlit invents one per start, and after a restart the projector would show the login to the room.
if [ -z "${STREAMLIT_SERVER_COOKIE_SECRET:-}" ]; then
    STREAMLIT_SERVER_COOKIE_SECRET="$(.venv/bin/python -m sozialraum cookie-secret)"
    export STREAMLIT_SERVER_COOKIE_SECRET
fi
if url="$(dashboard_url "$@" 2>/dev/null)" && [ -n "$url" ]; then
    echo "Sozialraum-Dashboard: $url (beenden mit Strg+C)"
fi
# serve.py: the dashboard plus the light phone vote page (/abstimmen) on the same server
exec .venv/bin/streamlit run serve.py "$@"
