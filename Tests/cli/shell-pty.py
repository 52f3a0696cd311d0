#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Drives the interactive shell (`xfrmkey` on a terminal) through a pseudo-terminal.

Usage: Tests/cli/shell-pty.py [path/to/xfrmkey]

Types into the shell as a user would (editing keys, arrows, Tab) and checks what comes
back: prompts, statement output, completion lists, the caret under an error, help, and
the history file, which must never hold a key. HOME points at a temporary directory. As
root, the shell runs in a throwaway network namespace (`unshare -n`) so statements reach
a kernel; otherwise the checks that need one are skipped. Ends with "N passed, N failed".
"""
import os
import pty
import re
import select
import shutil
import struct
import sys
import tempfile
import termios
import fcntl
import time

XFRMKEY = os.path.realpath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/xfrmkey")
HOME = tempfile.mkdtemp(prefix="xfrmkey-shell-")
HISTORY = os.path.join(HOME, ".xfrmkey_history")
AS_ROOT = os.geteuid() == 0 and shutil.which("unshare") is not None
PROMPT = "xfrmkey> "
CONTINUATION = "    ...> "
HEX_KEY = "00112233445566778899aabbccddeeff01020304"
# How long to wait for an answer before a check fails. It only bounds a failure (a passing
# run waits for what it expects, no longer): a busy machine can take seconds to start a
# process or to schedule it.
PATIENCE = 30.0
ASCII_KEY = "abcdefghijklmnopqrst"

UP, CTRL_A, CTRL_C, CTRL_D, CTRL_F, CTRL_U, BACKSPACE, TAB = (
    "\x1b[A", "\x01", "\x03", "\x04", "\x06", "\x15", "\x7f", "\t")

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS {name}")
    else:
        failed += 1
        print(f"FAIL {name}")
        for line in str(detail).splitlines()[-15:]:
            print(f"  {line}")


def clean(raw):
    """Terminal output as text: escape sequences, padding NULs and carriage returns gone."""
    text = raw.decode("utf-8", "replace").replace("\x00", "")
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
    text = re.sub(r"\x1b[()][A-Za-z0-9]|\x1b[=>]", "", text)
    return text.replace("\r", "").replace("\x07", "")


class Shell:
    """One xfrmkey process on a pseudo-terminal."""

    def __init__(self, *arguments):
        command = [XFRMKEY, *arguments]
        if AS_ROOT:
            command = ["unshare", "-n", *command]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update(HOME=HOME, TERM="vt100", LC_ALL="C.UTF-8")
            os.environ.pop("EDITRC", None)
            os.execvp(command[0], command)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        self.pending = ""

    def send(self, text):
        os.write(self.fd, text.encode())

    def read(self, seconds):
        raw = b""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            raw += chunk
        return clean(raw)

    def expect(self, pattern, seconds=PATIENCE):
        """Reads until `pattern` matches; returns (match or None, text read so far)."""
        end = time.monotonic() + seconds
        while True:
            match = re.search(pattern, self.pending, re.S)
            if match:
                text = self.pending[: match.end()]
                self.pending = self.pending[match.end():]
                return match, text
            if time.monotonic() > end:
                text, self.pending = self.pending, ""
                return None, text
            self.pending += self.read(0.1)

    def statement(self, line, until=PROMPT):
        """Sends a line and returns what came back up to the next prompt."""
        self.send(line + "\r")
        match, text = self.expect(re.escape(line[-12:]) + r".*?" + re.escape(until))
        return text if match else None, text

    def finish(self, seconds=PATIENCE):
        """Waits for the exit; the exit status, or None when it does not end."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.read(0.05)
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)
        return None


def policy_dump_shows(text, source, destination, direction):
    return re.search(
        rf"{re.escape(source)}\[any\] {re.escape(destination)}\[any\] 255\n\t{direction} ",
        text or "")


def main():
    note = "" if AS_ROOT else " (no root: kernel checks skipped)"
    print(f"shell-pty: {XFRMKEY}, HOME={HOME}{note}")

    # 1. The prompt.
    shell = Shell()
    match, text = shell.expect(re.escape(PROMPT))
    check("prompt appears", match, text)

    # 2. A typed statement runs as soon as its ';' arrives.
    if AS_ROOT:
        shell.statement("spdadd 10.0.0.1 10.0.0.2 any -P out discard;")
        out, raw = shell.statement("spddump;")
        shown = policy_dump_shows(out, "10.0.0.1", "10.0.0.2", "out")
        check("statement runs when complete", shown, raw)

    # 3. Editing: backspace, then Ctrl-A / Ctrl-F to insert a missing letter.
    shell.send("spdump" + BACKSPACE + "p;" + CTRL_A + CTRL_F * 3 + "d\r")
    match, text = shell.expect(re.escape(PROMPT))
    edited_ok = match and "unknown command" not in text
    if AS_ROOT:
        edited_ok = edited_ok and policy_dump_shows(text, "10.0.0.1", "10.0.0.2", "out")
    check("line editing (backspace, Ctrl-A, Ctrl-F, insert)", edited_ok, text)

    # 4. History recall with the up arrow.
    shell.send(UP)
    match, text = shell.expect(r"spddump;")
    shell.send("\r")
    match2, text2 = shell.expect(re.escape(PROMPT))
    recall_ok = match and match2 and "unknown command" not in text2
    if AS_ROOT:
        recall_ok = recall_ok and policy_dump_shows(text2, "10.0.0.1", "10.0.0.2", "out")
    check("up arrow recalls the last statement", recall_ok, text + text2)

    # 5. Completion: a list for an ambiguous prefix, the word for a unique one.
    shell.send("spdd" + TAB)
    match, text = shell.expect(r"spddelete\s+spddump")
    check("Tab lists the commands a prefix can start", match, text)
    shell.send("u" + TAB + ";\r")
    match, text = shell.expect(r"spddump ;.*?" + re.escape(PROMPT))
    check("Tab completes a unique command", match and "unknown command" not in text, text)

    shell.send("add 10.0.0.1 10.0.0.2 e" + TAB)
    match, text = shell.expect(r"10\.0\.0\.2 esp")
    check("Tab inserts what the candidates share", match, text)
    shell.send(TAB)
    match, text = shell.expect(r"esp\s+esp-udp")
    check("a second Tab lists SA protocols", match, text)
    shell.send(CTRL_U + "add 10.0.0.1 10.0.0.2 esp 0x100 -E aes-gcm-1" + TAB)
    match, text = shell.expect(r"aes-gcm-12\s+aes-gcm-16")
    check("Tab lists algorithm names from the catalogue", match, text)
    shell.send("6" + TAB + "0x" + HEX_KEY + ";\r")
    match, text = shell.expect(re.escape(PROMPT))
    check("completed algorithm parses", match and "unknown algorithm" not in text
          and "expected" not in text, text)

    # 6. A statement over several lines gets the continuation prompt.
    shell.send("spdadd 10.0.0.3 10.0.0.4 any\r")
    match, text = shell.expect(re.escape(CONTINUATION))
    check("continuation prompt while ';' is missing", match, text)
    shell.send("-P out discard;\r")
    match, text = shell.expect(re.escape(PROMPT))
    check("multi-line statement completes", match and "expected" not in text, text)
    if AS_ROOT:
        out, raw = shell.statement("spddump;")
        shown = policy_dump_shows(out, "10.0.0.3", "10.0.0.4", "out")
        check("multi-line statement ran", shown, raw)

    # Ctrl-C drops an unfinished statement and leaves the shell running.
    shell.send("spdadd 10.0.0.5 10.0.0.6 any\r")
    shell.expect(re.escape(CONTINUATION))
    shell.send("-P out" + CTRL_C)
    match, text = shell.expect(r"\n" + re.escape(PROMPT))
    check("Ctrl-C drops the unfinished statement", match, text)
    out, raw = shell.statement("spddump;")
    check("the shell goes on after Ctrl-C", out and "expected" not in out
          and "10.0.0.5" not in out, raw)

    # 7. An error shows a caret under the offending word, then the message.
    bad = "spdadd 10.0.0.1 10.0.0.2 any -P sideways discard;"
    shell.send(bad + "\r")
    match, text = shell.expect(r"\n( *)\^\n(error: [^\n]*)\n.*?" + re.escape(PROMPT))
    column = len(PROMPT) + bad.index("sideways")
    check("caret under the error", match and len(match.group(1)) == column, text)
    check("error message after the caret",
          match and "expected a direction ('in', 'out' or 'fwd'), found 'sideways'"
          in match.group(2),
          text)

    # 8. help and help COMMAND.
    shell.send("help\r")
    match, text = shell.expect(r"spdadd\s+create a policy.*?" + re.escape(PROMPT))
    check("help lists the commands", match and "spdflush" in text, text)
    shell.send("help add\r")
    match, text = shell.expect(
        r"add \[-46n\] src dst proto spi.*?-E alg key.*?" + re.escape(PROMPT))
    check("help COMMAND shows syntax and options", match, text)

    # 9. Keys typed at the prompt: a quoted key too, then leave with Ctrl-D.
    shell.send(f'add 10.0.0.1 10.0.0.2 esp 0x200 -E aes-cbc 0x{HEX_KEY[:32]} '
               f'-A hmac-sha1 "{ASCII_KEY}";\r')
    shell.expect(re.escape(PROMPT))
    shell.send(CTRL_D)
    status = shell.finish()
    check("Ctrl-D leaves the shell (status 65 after the bad statement)", status == 65, status)

    history = ""
    if os.path.exists(HISTORY):
        history = open(HISTORY, encoding="utf-8", errors="replace").read()
    check("history file written", "spddump" in history, history)
    check("no key in the history file",
          HEX_KEY[:16] not in history and ASCII_KEY not in history
          and "<hidden>" in history, history)
    check("history file is private (0600)",
          os.path.exists(HISTORY) and os.stat(HISTORY).st_mode & 0o777 == 0o600,
          oct(os.stat(HISTORY).st_mode) if os.path.exists(HISTORY) else "missing")

    # 10. The next session recalls the masked statement, and exits 0 after no errors.
    shell = Shell()
    shell.expect(re.escape(PROMPT))
    shell.send(UP)
    match, text = shell.expect(r"-A hmac-sha1 <hidden>;")
    check("history survives a restart, keys masked", match, text)
    shell.send(CTRL_U + "exit;\r")
    status = shell.finish()
    check("exit; leaves with status 0", status == 0, status)

    # 11. -c on a terminal is the shell too.
    shell = Shell("-c")
    match, text = shell.expect(re.escape(PROMPT))
    check("-c on a terminal opens the shell", match, text)
    shell.send(CTRL_D)
    check("-c shell ends on Ctrl-D", shell.finish() == 0)

    shutil.rmtree(HOME, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
