"""Before `bash scripts/run.sh --demo` starts Streamlit: refuse a non-loopback address, create the
demo account on first use and print its password once.

    .venv/bin/python scripts/demo_setup.py [streamlit options]

Exit 0: start (the caller adds `--server.address 127.0.0.1`); exit 2: refused, nothing started.
The address is resolved as Streamlit does: config files, STREAMLIT_* variables, then the options.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # run as a plain script from any directory
    sys.path.insert(0, str(REPO_ROOT))

from sozialraum.demo import demo_dir, ensure_demo_account, is_loopback  # noqa: E402

REFUSED = 2


def listen_address(args: list[str]) -> str:
    """`server.address` as `streamlit run` would resolve it ('' = every interface)."""
    from streamlit import config

    # reparsing warns that a changed [server] section needs a restart: nothing has started yet
    logging.getLogger("streamlit.config").addFilter(lambda record: "was detected" not in record.getMessage())
    flags = {k: os.environ[o.env_var] for k, o in config.get_config_options().items() if o.env_var in os.environ}
    rest = list(args)
    while rest:
        name, has_value, value = rest.pop(0).partition("=")
        if name.startswith("--") and "." in name:
            flags[name[2:]] = value if has_value else (rest.pop(0) if rest else "")
    config.get_config_options(force_reparse=True, options_from_flags=flags)
    return str(config.get_option("server.address") or "")


def main(args: list[str]) -> int:
    address = listen_address(args)
    if address and not is_loopback(address):
        print(
            f"Die Demo läuft nur auf diesem Rechner (127.0.0.1), nicht unter der Adresse „{address}“: "
            "ihr Konto hat Moderations- und Planungsrechte. Für einen Server: docs/betrieb.md.",
            file=sys.stderr,
        )
        return REFUSED
    account = ensure_demo_account(demo_dir())
    print("Demo: interne Ansicht mit allen Seiten, Konferenzen aus data/konferenzen/, nur auf diesem Rechner.")
    if account.password:
        print(f"Benutzername: {account.name}")
        print(f"Passwort:     {account.password}    (wird nur dieses eine Mal angezeigt)")
    else:
        print(
            f"Benutzername: {account.name}; das Passwort wurde beim ersten Start angezeigt. "
            f"Ein neues: {account.secrets_file} löschen und neu starten."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
