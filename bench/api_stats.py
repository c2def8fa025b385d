"""List containers, then GET /containers/{id}/stats?stream=0 for each, concurrently (as the CLI
does); prints the wall time in ms. Usage: python3 api_stats.py SOCKET"""
import http.client
import json
import socket
import sys
import time
from concurrent.futures import ThreadPoolExecutor


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost")
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)


def get(path):
    c = UnixConnection(sys.argv[1])
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    assert r.status == 200, (path, r.status, body)
    return body


t0 = time.monotonic()
ids = [c["Id"][:12] for c in json.loads(get("/containers/json"))]
with ThreadPoolExecutor(max_workers=max(1, len(ids))) as pool:
    list(pool.map(lambda i: get("/containers/%s/stats?stream=0" % i), ids))
print(int((time.monotonic() - t0) * 1000))
