"""benchmarks/public_load.py measures the shipped two-instance nginx file, with this run's ports filled in."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks.public_load import CLUSTER_CONFIG, cluster_config


def test_the_shipped_file_gets_one_upstream_line_per_instance_and_the_listen_port() -> None:
    site = cluster_config(18080, [18501, 18502, 18503])
    servers = re.findall(r"^\s*server (127\.0\.0\.1:\d+) ([^;]*);", site, flags=re.MULTILINE)
    assert [address for address, _ in servers] == ["127.0.0.1:18501", "127.0.0.1:18502", "127.0.0.1:18503"]
    assert {options for _, options in servers} == {"max_fails=3 fail_timeout=10s"}  # as shipped
    assert "listen 127.0.0.1:18080;" in site and "listen [::]:80;" not in site
    assert "127.0.0.1:8501" not in site and "127.0.0.1:8502" not in site  # no shipped port left over
    assert '"127.0.0.1:18501" a;' in site  # the header naming the instance that answered
    # the rest is the shipped file: the cookie binding and the websocket origin check stay
    shipped = CLUSTER_CONFIG.read_text("utf-8")
    for line in ("hash $sozialraum_bindung consistent;", "if ($sozialraum_fremder_origin) {"):
        assert line in shipped and line in site


@pytest.mark.skipif(shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(), reason="nginx fehlt")
def test_nginx_accepts_the_filled_in_file(tmp_path: Path) -> None:
    (tmp_path / "site.conf").write_text(cluster_config(18080, [18501, 18502]), "utf-8")
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"pid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\nevents {{}}\n"
        f"http {{\n include {tmp_path / 'site.conf'};\n}}\n",
        "utf-8",
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    result = subprocess.run([nginx, "-t", "-c", str(conf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
