"""A stand-in for the app process in server tests: speaks textual-serve's packet protocol,
reports the identity it was started with (and its process id), and echoes the keys it
receives; with FAKE_APP_LINGER set it hangs instead, as a stuck app would; with
FAKE_APP_WAIT set it starts only when its first key arrives, as a slow start would."""

import json
import os
import sys

out = sys.stdout.buffer


def send(kind: bytes, payload: bytes) -> None:
    out.write(kind + len(payload).to_bytes(4, "big") + payload)
    out.flush()


stdin = sys.stdin.buffer
first = {}
if os.environ.get("FAKE_APP_WAIT"):  # a slow start: nothing drawn until a key arrives
    head = stdin.read(5)
    first["FIRST_KEY"] = stdin.read(int.from_bytes(head[1:], "big")).decode()
out.write(b"__GANGLION__\n")
identity = {k: v for k, v in os.environ.items() if k.startswith("PEERSIM_")}
send(b"D", json.dumps({**identity, **first, "PID": str(os.getpid())}).encode())
if os.environ.get("FAKE_APP_LINGER"):  # a hung app: ignores its input ending, never quits
    import time

    time.sleep(3600)
while True:
    head = stdin.read(5)
    if len(head) < 5:
        break
    body = stdin.read(int.from_bytes(head[1:], "big"))
    if head[:1] == b"M" and json.loads(body).get("type") == "quit":
        break
    if head[:1] == b"D":
        send(b"D", b"echo:" + body)
    else:
        send(b"D", b"meta:" + body)
