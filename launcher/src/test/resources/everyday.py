"""docker-py (5.0.3 and 7.1.0) against Wharf, the way people use it every day.

Each check runs on its own; a failing check prints "FAIL <name>: <reason>" and the others still run.
Prints "OK <n>" and exits 0 when every check passes, exits 1 otherwise.
Usage: DOCKER_HOST=unix:///... python3 everyday.py TAG [REGISTRY_HOST:PORT]
The daemon must have the image "busybox" loaded.
"""
import io
import sys
import tarfile
import time
import traceback

import docker

TAG = sys.argv[1]
REGISTRY = sys.argv[2] if len(sys.argv) > 2 else None
client = docker.from_env()
api = client.api
CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


def name(suffix):
    return "py-%s-%s" % (TAG, suffix)


def run_detached(suffix, cmd, **kw):
    return client.containers.run("busybox", cmd, detach=True, name=name(suffix), **kw)


@check
def system_calls():
    assert client.ping() is True
    v = client.version()
    assert v["ApiVersion"] and v["Os"] == "linux" and v["Components"], v
    info = client.info()
    for key in ("ID", "Containers", "Images", "Driver", "OperatingSystem", "NCPU", "MemTotal", "ServerVersion",
                "OSType", "Architecture", "Name", "DockerRootDir", "Runtimes", "DefaultRuntime"):
        assert key in info, key
    df = client.df()
    for key in ("LayersSize", "Images", "Containers", "Volumes"):
        assert key in df, (key, df)


@check
def run_with_options_and_logs():
    out = client.containers.run("busybox", ["sh", "-c", "echo $FOO; pwd; id -u; echo err >&2"], remove=True,
                                environment={"FOO": "bar"}, working_dir="/tmp", user="1000", name=name("rm"))
    assert out == b"bar\n/tmp\n1000\n", out
    out = client.containers.run("busybox", "sh -c 'echo e >&2'", stdout=False, stderr=True, remove=True)
    assert out == b"e\n", out
    try:
        client.containers.run("busybox", ["sh", "-c", "exit 3"], remove=True)
        raise AssertionError("no ContainerError")
    except docker.errors.ContainerError as e:
        assert e.exit_status == 3, e
    try:
        client.containers.run("busybox", ["/no/such"], remove=True, name=name("nosuch"))
        raise AssertionError("no APIError for a missing binary")
    except docker.errors.APIError:
        pass
    finally:  # as with Docker, a container whose start failed stays behind
        client.containers.get(name("nosuch")).remove(force=True)


@check
def detached_lifecycle():
    c = run_detached("life", ["sh", "-c", "echo one; sleep 1; echo two; sleep 300"],
                     labels={"app": "everyday", "tag": TAG}, mem_limit="64m", environment=["A=1"])
    try:
        c.reload()
        assert c.status == "running", c.status
        state = c.attrs["State"]
        assert state["Running"] is True and state["Pid"] > 0 and state["StartedAt"], state
        assert c.attrs["HostConfig"]["Memory"] == 64 * 1024 * 1024, c.attrs["HostConfig"]["Memory"]
        assert c.labels == {"app": "everyday", "tag": TAG}, c.labels
        assert c.image.tags and c.image.tags[0].startswith("busybox"), c.image
        lines = []
        for chunk in c.logs(stream=True, follow=True):
            lines.append(chunk)
            if b"two" in b"".join(lines):
                break
        assert b"".join(lines) == b"one\ntwo\n", lines
        assert client.containers.get(c.name).id == c.id
        assert client.containers.get(c.id[:12]).id == c.id
        ts = c.logs(timestamps=True).decode().splitlines()
        assert len(ts) == 2 and ts[0].endswith(" one") and "T" in ts[0].split(" ")[0], ts
        assert c.logs(tail=1) == b"two\n", c.logs(tail=1)
        assert c.logs(since=int(time.time()) + 100) == b"", "since in the future"
        assert c.logs(until=1) == b"", "until in the past"
        c.rename(name("life2"))
        c.reload()
        assert c.name == name("life2"), c.name
        c.stop(timeout=0)
        c.reload()
        assert c.status == "exited" and c.attrs["State"]["ExitCode"] == 137, c.attrs["State"]
        assert c.wait() == {"Error": None, "StatusCode": 137}, c.wait()
    finally:
        c.remove(force=True)


@check
def wait_returns_the_exit_code():
    c = run_detached("wait", ["sh", "-c", "exit 7"])
    try:
        r = c.wait(timeout=30)
        assert r["StatusCode"] == 7, r
        assert r.get("Error") in (None, {"Message": ""}), r
    finally:
        c.remove()


@check
def exec_run_variants():
    c = run_detached("exec", ["sleep", "300"])
    try:
        code, out = c.exec_run(["sh", "-c", "echo out; echo err >&2; exit 2"], demux=True)
        assert (code, out) == (2, (b"out\n", b"err\n")), (code, out)
        code, out = c.exec_run("sh -c 'echo $X; pwd'", environment={"X": "y"}, workdir="/etc")
        assert (code, out) == (0, b"y\n/etc\n"), (code, out)
        r = c.exec_run(["sh", "-c", "echo a; echo b"], stream=True)
        assert r.exit_code is None and b"".join(r.output) == b"a\nb\n", r
        r = c.exec_run(["true"], detach=True)
        assert r.exit_code is None and not r.output, r
        eid = api.exec_create(c.id, ["sh", "-c", "exit 4"])["Id"]
        api.exec_start(eid)
        assert api.exec_inspect(eid)["ExitCode"] == 4, api.exec_inspect(eid)
    finally:
        c.remove(force=True)


@check
def attach_socket_reads_output():
    c = client.containers.create("busybox", ["sh", "-c", "sleep 1; echo attached"], name=name("attach"))
    try:
        sock = c.attach_socket(params={"stdout": 1, "stderr": 1, "stream": 1, "logs": 1})
        c.start()
        raw = getattr(sock, "_sock", sock)
        raw.settimeout(20)
        data = b""
        while True:
            piece = raw.recv(4096)
            if not piece:
                break
            data += piece
        assert b"attached\n" in data, data
        sock.close()
        c.wait(timeout=20)
    finally:
        c.remove(force=True)


@check
def attach_stream_ends_with_the_container():
    c = client.containers.create("busybox", ["sh", "-c", "sleep 1; echo att"], name=name("attach2"))
    try:
        out = api.attach(c.id, stream=True, logs=True)
        c.start()
        assert b"".join(out) == b"att\n"
        c.remove()  # no force: the stream ended, so the container has exited
    finally:
        try:
            c.remove(force=True)
        except docker.errors.NotFound:
            pass


@check
def archive_put_and_get():
    c = run_detached("cp", ["sleep", "300"])
    try:
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w") as tar:
            info = tarfile.TarInfo("hello.txt")
            payload = b"hello archive\n"
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
        assert c.put_archive("/tmp", buf.getvalue()) is True
        assert c.exec_run("cat /tmp/hello.txt").output == b"hello archive\n"
        bits, stat = c.get_archive("/tmp/hello.txt")
        assert stat["name"] == "hello.txt" and stat["size"] == 14, stat
        with tarfile.open(fileobj=io.BytesIO(b"".join(bits))) as tar:
            assert tar.extractfile("hello.txt").read() == b"hello archive\n"
        try:
            c.get_archive("/no/such")
            raise AssertionError("no NotFound")
        except docker.errors.NotFound:
            pass
    finally:
        c.remove(force=True)


@check
def stats_top_diff_commit():
    c = run_detached("obs", ["sh", "-c", "echo x > /tmp/made; sleep 300"])
    try:
        time.sleep(0.5)
        s = c.stats(stream=False)
        for key in ("read", "cpu_stats", "memory_stats", "pids_stats", "blkio_stats", "precpu_stats"):
            assert key in s, key
        top = c.top()
        assert "PID" in top["Titles"], top
        diff = c.diff()
        assert {"Path": "/tmp/made", "Kind": 1} in diff and {"Path": "/tmp", "Kind": 0} in diff, diff
        img = c.commit(repository="py-commit-" + TAG, tag="v1", message="m", author="me",
                       changes=["ENV COMMITTED=1"], conf={"Labels": {"committed": "yes"}})
        try:
            assert "py-commit-%s:v1" % TAG in img.tags, img.tags
            assert "COMMITTED=1" in img.attrs["Config"]["Env"], img.attrs["Config"]
            out = client.containers.run(img.id, ["cat", "/tmp/made"], remove=True)
            assert out == b"x\n", out
        finally:
            client.images.remove(img.id, force=True)
    finally:
        c.remove(force=True)


@check
def list_filters_and_prune():
    a = run_detached("lsa", ["sleep", "300"], labels={"sweep": TAG})
    b = client.containers.create("busybox", ["true"], name=name("lsb"), labels={"sweep": TAG, "other": "1"})
    try:
        ids = lambda **kw: sorted(x.id for x in client.containers.list(**kw))
        assert ids(filters={"label": "sweep=" + TAG}) == [a.id], "running only"
        assert ids(all=True, filters={"label": "sweep=" + TAG}) == sorted([a.id, b.id])
        assert ids(all=True, filters={"label": ["sweep=" + TAG, "other"]}) == [b.id]
        assert ids(all=True, filters={"status": "created", "label": "sweep=" + TAG}) == [b.id]
        assert ids(all=True, filters={"name": name("lsa")}) == [a.id]
        assert a.id in ids(filters={"ancestor": "busybox"})
        assert ids(all=True, filters={"id": b.id[:12]}) == [b.id]
        assert len(client.containers.list(all=True, limit=1)) == 1
        b.start()
        b.wait(timeout=20)
        assert b.id in ids(all=True, filters={"exited": 0, "label": "sweep=" + TAG})
        assert b.id in ids(all=True, filters={"status": "exited"})
        sparse = client.containers.list(all=True, sparse=True, filters={"id": a.id})
        assert sparse and sparse[0].id == a.id
        pruned = client.containers.prune(filters={"label": "sweep=" + TAG})
        assert pruned["ContainersDeleted"] == [b.id], pruned
        assert "SpaceReclaimed" in pruned, pruned
    finally:
        a.remove(force=True)
        try:
            b.remove(force=True)
        except docker.errors.NotFound:
            pass


@check
def not_found_errors():
    for call in (lambda: client.containers.get("nope-" + TAG), lambda: client.images.get("nope-" + TAG),
                 lambda: client.volumes.get("nope-" + TAG), lambda: client.networks.get("nope-" + TAG)):
        try:
            call()
            raise AssertionError("no NotFound")
        except docker.errors.NotFound:
            pass
    try:
        client.containers.run("nope-image-" + TAG + ":latest", ["true"], remove=True)
        raise AssertionError("no ImageNotFound")
    except docker.errors.ImageNotFound:
        pass
    except docker.errors.APIError as e:  # no route to Docker Hub here: the pull fails instead
        assert "null" not in str(e), e


@check
def images_api():
    img = client.images.get("busybox")
    assert img.id.startswith("sha256:") and img.short_id.startswith("sha256:"), img
    assert img.attrs["Os"] == "linux" and img.attrs["Architecture"], img.attrs
    repo = "py-img-" + TAG
    assert img.tag(repo, "one") is True
    try:
        assert client.images.get(repo + ":one").id == img.id
        assert [i.id for i in client.images.list(name=repo)] == [img.id]
        listed = api.images(name=repo)
        assert [i["RepoTags"] for i in listed] == [[repo + ":one"]], listed
        assert [i.id for i in client.images.list(filters={"reference": repo + ":*"})] == [img.id]
        assert all(not i.tags for i in client.images.list(filters={"dangling": True}))
        assert client.images.list(filters={"label": "no-such-label-" + TAG}) == []
        hist = img.history()
        assert hist and "Id" in hist[0] and "CreatedBy" in hist[0], hist
        data = b"".join(img.save(named=True))
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            assert "manifest.json" in tar.getnames(), tar.getnames()
        loaded = client.images.load(data)
        assert loaded and loaded[0].id == img.id, loaded
        assert client.images.list(all=True)
        pruned = client.images.prune(filters={"dangling": True})
        assert "SpaceReclaimed" in pruned, pruned
    finally:
        client.images.remove(repo + ":one")
    try:
        client.images.get(repo + ":one")
        raise AssertionError("tag survived remove")
    except docker.errors.ImageNotFound:
        pass


@check
def images_pull_from_registry():
    if not REGISTRY:
        return
    repo = "%s/py-pull-%s" % (REGISTRY, TAG)
    client.images.get("busybox").tag(repo, "v1")
    try:
        for line in client.images.push(repo, tag="v1", stream=True, decode=True):
            assert "error" not in line, line
        client.images.remove(repo + ":v1")
        img = client.images.pull(repo, tag="v1")
        assert repo + ":v1" in img.tags, img.tags
        assert any(d.startswith(repo + "@sha256:") for d in img.attrs["RepoDigests"]), img.attrs["RepoDigests"]
        pulled = api.pull(repo, tag="v1", stream=True, decode=True)
        assert any("Status:" in (m.get("status") or "") for m in pulled)
    finally:
        client.images.remove(repo + ":v1", force=True)


@check
def volumes_api():
    v = client.volumes.create(name=name("vol"), labels={"sweep": TAG})
    try:
        assert v.attrs["Driver"] == "local" and v.attrs["Mountpoint"], v.attrs
        assert client.volumes.get(v.name).name == v.name
        assert [x.name for x in client.volumes.list(filters={"label": "sweep=" + TAG})] == [v.name]
        out = client.containers.run("busybox", ["sh", "-c", "echo kept > /data/f; cat /data/f"], remove=True,
                                    volumes={v.name: {"bind": "/data", "mode": "rw"}})
        assert out == b"kept\n", out
        out = client.containers.run("busybox", ["cat", "/data/f"], remove=True, volumes=[v.name + ":/data:ro"])
        assert out == b"kept\n", out
        assert client.volumes.prune(filters={"label": "sweep=" + TAG})["VolumesDeleted"] in (None, [v.name])
    finally:
        try:
            v.remove(force=True)
        except docker.errors.NotFound:
            pass


@check
def networks_api():
    n = client.networks.create(name("net"), driver="bridge", labels={"sweep": TAG})
    c = run_detached("netc", ["sleep", "300"])
    try:
        assert client.networks.get(n.id).name == n.name
        assert [x.id for x in client.networks.list(names=[n.name])] == [n.id]
        assert [x.id for x in client.networks.list(filters={"label": "sweep=" + TAG})] == [n.id]
        n.connect(c)
        n.reload()
        assert c.id in [x.id for x in n.containers], n.attrs.get("Containers")
        n.disconnect(c)
        assert client.networks.prune(filters={"label": "sweep=" + TAG})["NetworksDeleted"] in (None, [n.name])
    finally:
        c.remove(force=True)
        try:
            n.remove()
        except docker.errors.NotFound:
            pass


@check
def events_with_since_until_and_filters():
    start = int(time.time()) - 1
    c = client.containers.create("busybox", ["true"], name=name("ev"), labels={"sweep-ev": TAG})
    c.start()
    c.wait(timeout=20)
    c.remove()
    until = int(time.time()) + 1
    events = list(client.events(since=start, until=until, decode=True,
                                filters={"type": "container", "label": "sweep-ev=" + TAG}))
    actions = [e["Action"] for e in events]
    for a in ("create", "start", "die", "destroy"):
        assert a in actions, actions
    e = events[0]
    assert e["Type"] == "container" and e["Actor"]["ID"] == c.id and e["time"] >= start, e
    assert e["Actor"]["Attributes"]["name"] == name("ev") and "timeNano" in e, e
    only = list(client.events(since=start, until=until, decode=True,
                              filters={"event": "die", "container": c.id}))
    assert [x["Action"] for x in only] == ["die"], only
    assert only[0]["Actor"]["Attributes"]["exitCode"] == "0", only


@check
def low_level_odd_parameters():
    cid = api.create_container("busybox", "true", host_config=api.create_host_config(
        auto_remove=False, restart_policy={"Name": "no"}, init=False, privileged=False, shm_size="8m"))["Id"]
    try:
        info = api.inspect_container(cid)
        assert info["HostConfig"]["ShmSize"] == 8 * 1024 * 1024, info["HostConfig"]["ShmSize"]
        assert api.containers(all=True, quiet=True, filters={"id": cid}) == [{"Id": cid}]
        assert api.containers(all=True, trunc=True, filters={"id": cid})[0]["Id"] == cid[:12]
        sized = api.containers(all=True, size=True, filters={"id": cid})[0]
        assert "SizeRw" in sized and "SizeRootFs" in sized, sized
        api.start(cid)
        assert api.wait(cid, condition="not-running")["StatusCode"] == 0
        assert api.inspect_container(cid, )["State"]["Status"] == "exited"
        api.restart(cid, timeout=0)
    finally:
        api.remove_container(cid, force=True, v=True)
    out = client.containers.run("busybox", ["sh", "-c", "mount | grep -c ' /data type tmpfs'"], remove=True,
                                mounts=[docker.types.Mount("/data", None, type="tmpfs")])  # sends "Source": null
    assert out == b"1\n", out
    assert api.images(name="busybox", quiet=True)
    assert isinstance(api.images(all=True, filters={"dangling": False}), list)


failed = 0
for fn in CHECKS:
    try:
        fn()
    except Exception as e:  # report every failing check, not only the first
        failed += 1
        tb = traceback.extract_tb(e.__traceback__)[-1]
        print("FAIL %s (line %d): %r" % (fn.__name__, tb.lineno, e))
if failed:
    sys.exit(1)
print("OK %d" % len(CHECKS))
