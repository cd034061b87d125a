"""The server dies in the middle of a send (kill -9 of a real `kiosk serve`, right after the
Send request goes out), then starts again: the person finds either their one letter or their
whole draft, never nothing and never two."""
from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

from sqlalchemy import select

from kiosk.extensions import db
from kiosk.models import Letter, LetterDraft
from support.kiosk import LIFER, PIN, import_people, varied_people
from support.postgres import free_port

KIOSK = Path(sys.executable).with_name("kiosk")
TEXT = "Dear RMT,\nI have done every course on my plan.\nPlease think about the open prison for me."
# How long after the Send request is written before the server is killed: from at once to
# after the answer, so the kill lands before, during or after the transaction.
DELAYS = (0.0, 0.005, 0.05)


class Server:
    """`kiosk serve` (gunicorn) in its own process group, so kill -9 takes every worker."""

    def __init__(self, database_url: str):
        self.port = free_port()
        self.env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "crash-test"}
        self.process: subprocess.Popen | None = None

    def start(self) -> "Server":
        self.process = subprocess.Popen(
            [str(KIOSK), "serve", "--bind", f"127.0.0.1:{self.port}", "--workers", "1"],
            env=self.env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2):
                    return self
            except OSError:
                time.sleep(0.1)
        raise AssertionError("kiosk serve did not start")

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


class Kiosk:
    """A browser stand-in: cookies, CSRF tokens from pages, form posts."""

    def __init__(self, server: Server):
        self.base = f"http://127.0.0.1:{server.port}"
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=10) as response:
            return response.read().decode()

    def post(self, path: str, **fields) -> str:
        data = urllib.parse.urlencode(fields).encode()
        with self.opener.open(self.base + path, data=data, timeout=10) as response:
            return response.read().decode()

    def token(self, path: str) -> str:
        return re.search(r'name="csrf_token" value="([^"]+)"', self.get(path)).group(1)

    def sign_in(self) -> None:
        self.post("/sign-in", prison_number=LIFER, pin=PIN, csrf_token=self.token("/sign-in"))

    def raw_post(self, path: str, **fields) -> socket.socket:
        """Write a POST and return without reading the answer (the server is about to die)."""
        body = urllib.parse.urlencode(fields)
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.cookies)
        request = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
                   "Content-Type: application/x-www-form-urlencoded\r\n"
                   f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}")
        connection = socket.create_connection(("127.0.0.1", int(self.base.rsplit(":", 1)[1])), timeout=5)
        connection.sendall(request.encode())
        return connection


def state(app) -> tuple[list[str], list[str]]:
    """(texts of letters, texts of drafts) in the database now."""
    with app.app_context():
        db.session.expire_all()
        return (list(db.session.scalars(select(Letter.text))),
                list(db.session.scalars(select(LetterDraft.text))))


def wipe_letters(app) -> None:
    with app.app_context():
        with db.transaction() as session:
            session.query(Letter).delete()
            session.query(LetterDraft).delete()


def test_killing_the_server_mid_send_leaves_the_letter_or_the_whole_draft(app, database_url, db_session):
    import_people(db_session, varied_people(date.today()))
    server = Server(database_url).start()
    outcomes = []
    try:
        for delay in DELAYS:
            kiosk = Kiosk(server)
            kiosk.sign_in()
            write = "/me/letters/write/forum/rmt"
            kiosk.post(write, text=TEXT, action="save", csrf_token=kiosk.token(write))
            check = kiosk.get("/me/letters/check/forum/rmt")
            send_key = re.search(r'name="send_key" value="([^"]+)"', check).group(1)
            token = re.search(r'name="csrf_token" value="([^"]+)"', check).group(1)
            connection = kiosk.raw_post("/me/letters/send", send_key=send_key, csrf_token=token)
            time.sleep(delay)
            server.kill()
            connection.close()
            server.start()

            letters_now, drafts_now = state(app)
            assert (letters_now == [TEXT] and drafts_now == []) or (letters_now == [] and drafts_now == [TEXT]), (
                f"after a kill {delay}s into the send: letters {letters_now}, drafts {drafts_now}")
            # Whichever it was, the person can see it after signing in again, and send it.
            kiosk = Kiosk(server)
            kiosk.sign_in()
            if drafts_now:
                page = kiosk.get("/me/letters/")
                assert "Letters you have not sent yet" in page
                check = kiosk.get("/me/letters/check/forum/rmt")
                kiosk.post("/me/letters/send", send_key=send_key,
                           csrf_token=re.search(r'name="csrf_token" value="([^"]+)"', check).group(1))
            assert state(app) == ([TEXT], [])
            outcomes.append("letter" if letters_now else "draft")
            wipe_letters(app)
    finally:
        server.kill()
    print("outcomes by delay:", dict(zip(DELAYS, outcomes)))
    assert len(outcomes) == len(DELAYS)
