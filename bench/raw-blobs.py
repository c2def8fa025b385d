#!/usr/bin/env python3
"""Server-side blob throughput without a heavy client: one keep-alive HTTP/1.1 connection, the
OCI upload protocol (POST session, PATCH body, PUT ?digest) and blob GETs. Prints
"upload_MBps download_MBps" for COUNT blobs of SIZE bytes. Usage: raw-blobs.py PORT REPO COUNT SIZE"""
import hashlib, http.client, os, sys, time

port, repo, count, size = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
blobs = [os.urandom(size) for _ in range(count)]
digests = ["sha256:" + hashlib.sha256(b).hexdigest() for b in blobs]
c = http.client.HTTPConnection("127.0.0.1", port)

def call(method, path, body=None, headers=None):
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    return r, data

t0 = time.time()
for b, d in zip(blobs, digests):
    r, _ = call("POST", "/v2/%s/blobs/uploads/" % repo, b"")
    loc = r.getheader("Location")
    r, _ = call("PATCH", loc, b, {"Content-Type": "application/octet-stream"})
    loc = r.getheader("Location")
    r, _ = call("PUT", loc + ("&" if "?" in loc else "?") + "digest=" + d, b"")
    assert r.status == 201, r.status
t1 = time.time()
for d in digests:
    r, data = call("GET", "/v2/%s/blobs/%s" % (repo, d))
    assert r.status == 200 and len(data) == size
t2 = time.time()
total = count * size / 1048576.0
print("%.1f %.1f" % (total / (t1 - t0), total / (t2 - t1)))
