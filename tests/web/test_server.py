"""`searchidx serve` as a user runs it: prints its URL, answers on loopback, stops cleanly on Ctrl-C."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from searchidx.cli import cli
from searchidx.web import bind, is_loopback, url_of

# Seconds for a loaded machine to start Python, open the index and bind; never waited for when things work.
START_SECONDS = 60


def start(index: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    """`searchidx serve` on a free port; its URL, read from the first line it prints."""
    proc = subprocess.Popen([sys.executable, "-m", "searchidx", "serve", "--index", str(index), "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    assert url.startswith("http://127.0.0.1:"), (url, proc.stderr.read() if proc.poll() is not None else "")
    return proc, url


def test_serve_prints_its_url_answers_and_stops_on_ctrl_c(web_index: Path) -> None:
    proc, url = start(web_index)
    try:
        with urllib.request.urlopen(url + "api/search?q=marker5", timeout=START_SECONDS) as r:
            assert b'"total": 1' in r.read()
        with urllib.request.urlopen(url + "?q=marker5", timeout=START_SECONDS) as r:
            assert r.headers["content-security-policy"].startswith("default-src 'none'")
            assert "round 5" in r.read().decode()
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=START_SECONDS)
    assert proc.returncode == 0, err
    assert err.splitlines() == ["Ctrl-C stops the server", "stopped"]
    assert "Traceback" not in err


def test_serve_without_an_index_says_how_to_build_one(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["serve", "--index", str(tmp_path / "none"), "--port", "0"])
    assert result.exit_code == 1 and "run `searchidx index" in result.output


def test_a_port_in_use_is_one_line_and_exit_1(web_index: Path, runner: CliRunner) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--index", str(web_index), "--port", str(port)])
    assert result.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in result.output


def test_serve_help_has_an_example(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and "searchidx serve --index" in result.output and "127.0.0.1" in result.output


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("127.5.5.5", True), ("localhost", True),
                                                ("::1", True), ("[::1]", True), ("0.0.0.0", False),
                                                ("192.168.1.4", False), ("example.org", False)])
def test_which_hosts_are_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_bound_socket_gives_the_url_to_print() -> None:
    sock = bind("127.0.0.1", 0)
    try:
        assert url_of(sock) == f"http://127.0.0.1:{sock.getsockname()[1]}/"
    finally:
        sock.close()


def test_the_socket_says_it_is_tcp_so_responses_are_not_held_by_nagle() -> None:
    """asyncio sets TCP_NODELAY only on sockets whose protocol is IPPROTO_TCP; with proto 0 every
    response's body waited for the client's delayed ACK (40 ms a request)."""
    import asyncio

    sock = bind("127.0.0.1", 0)

    async def accepted_nodelay() -> int:
        found: list[int] = []

        def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            found.append(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connect, sock=sock)
        _, writer = await asyncio.open_connection(*sock.getsockname()[:2])
        while not found:
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        return found[0]

    try:
        assert sock.proto == socket.IPPROTO_TCP
        assert asyncio.run(accepted_nodelay()) != 0
    finally:
        sock.close()
