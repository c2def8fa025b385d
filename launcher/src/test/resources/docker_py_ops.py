"""docker-py (python3-docker 5.0.3) against Wharf: create, exec, stats, top, pause, update, commit (and run the
image), remove.

Prints OK and exits 0 when every check passes; any failed check raises (exit 1).
Usage: DOCKER_HOST=unix:///... python3 docker_py_ops.py NAME
"""
import sys

import docker

name = sys.argv[1]
client = docker.from_env(version="1.41")
c = client.containers.create("busybox", ["sleep", "300"], name=name)
try:
    c.start()
    code, out = c.exec_run(["sh", "-c", "echo out; echo err >&2; exit 3"], demux=True)
    assert code == 3, code
    assert out == (b"out\n", b"err\n"), out
    code, out = c.exec_run("env", environment={"FOO": "bar"}, workdir="/tmp", user="1000")
    assert code == 0 and b"FOO=bar" in out, (code, out)
    stats = c.stats(stream=False)
    assert stats["pids_stats"]["current"] >= 1, stats
    assert stats["memory_stats"]["usage"] > 0, stats
    top = c.top()
    assert "PID" in top["Titles"] and any("sleep 300" in " ".join(p) for p in top["Processes"]), top
    c.pause()
    c.reload()
    assert c.status == "paused", c.status
    c.unpause()
    c.update(mem_limit="64m", memswap_limit="128m", restart_policy={"Name": "on-failure", "MaximumRetryCount": 2})
    c.reload()
    assert c.attrs["HostConfig"]["Memory"] == 64 * 1024 * 1024, c.attrs["HostConfig"]
    assert c.attrs["HostConfig"]["RestartPolicy"]["Name"] == "on-failure", c.attrs["HostConfig"]
    c.exec_run(["sh", "-c", "echo committed > /marker"])
    image = c.commit(repository="pycommit", tag=name, message="from docker-py", author="py <py@x>",
                     changes=["ENV COMMITTED=1"])
    try:
        assert image.attrs["Author"] == "py <py@x>", image.attrs
        assert image.attrs["Comment"] == "from docker-py", image.attrs
        out = client.containers.run(image.id, ["sh", "-c", "cat /marker; echo $COMMITTED"], remove=True)
        assert out == b"committed\n1\n", out
    finally:
        client.images.remove(image.id, force=True)
finally:
    c.remove(force=True)
print("OK")
