"""Debian's nginx serving a built site with the repository's configuration, as production does
(deploy/nginx/may-chu-rieng.conf including deploy/nginx/cchc.conf: gzip, cache lifetimes,
security headers), under the sub-path /cai-cach-hanh-chinh/. Runs unprivileged on 127.0.0.1 and
an ephemeral port with a temporary prefix; only the three lines that name this machine are
rewritten: the port, the snippet's path, the site folder. Used by tests/browser/test_nginx.py and
tests/bench/lighthouse.py; its free_port and stop serve every test that starts a server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUB_PATH = "/cai-cach-hanh-chinh/"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"expected exactly one {old!r} in the nginx configuration"
    return text.replace(old, new)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_conf(prefix: Path, port: int, served: Path) -> Path:
    snippet = (ROOT / "deploy" / "nginx" / "cchc.conf").read_text(encoding="utf-8")
    snippet = _replace_once(snippet, "alias /var/www/cai-cach-hanh-chinh/hien-tai/;", f"alias {served}/;")
    (prefix / "cchc.conf").write_text(snippet, encoding="utf-8")
    server = (ROOT / "deploy" / "nginx" / "may-chu-rieng.conf").read_text(encoding="utf-8")
    server = _replace_once(server, "listen 80;", f"listen 127.0.0.1:{port};")
    server = _replace_once(server, "include /etc/nginx/snippets/cchc.conf;", f"include {prefix}/cchc.conf;")
    (prefix / "server.conf").write_text(server, encoding="utf-8")
    temp = " ".join(
        f"{name}_temp_path {prefix}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = prefix / "nginx.conf"
    conf.write_text(
        # As root (CI), workers would switch to `nobody`, who cannot read pytest's private folders.
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log warn;\n"
        "events { worker_connections 128; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log off;\n  {temp}\n  include {prefix}/server.conf;\n}}\n",
        encoding="utf-8",
    )
    return conf


def start(prefix: Path, port: int, served: Path) -> subprocess.Popen:
    """nginx in the foreground, listening once this returns; stop it with `stop`."""
    conf = nginx_conf(prefix, port, served)
    command = [NGINX, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(conf)]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stdout.read().decode()) from None
            if time.monotonic() > deadline:
                stop(process)
                raise RuntimeError("nginx did not start listening") from None
            time.sleep(0.05)


def stop(process: subprocess.Popen, timeout: float = 5) -> None:
    """Stop a server the tests started (nginx here, Python's http.server in tests/browser/serve.py,
    `mkdocs serve` in tests/test_preview.py): politely, then with SIGKILL after `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()
