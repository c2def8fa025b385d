# docker-py's images.build against a Wharf daemon (DOCKER_HOST): path/tag/buildargs/target/dockerfile,
# fileobj, a gzip custom_context, BuildError with Docker's text. Prints one line per check; the IT
# compares them. Removes what it builds.
import io, os, sys, tarfile
import docker

c = docker.DockerClient(base_url=os.environ["DOCKER_HOST"])
ctx, tag = sys.argv[1], sys.argv[2]
made = []
try:
    img, logs = c.images.build(path=ctx, tag=tag + "-a:1", buildargs={"V": "7"}, rm=True, nocache=True)
    made.append(tag + "-a:1")
    streams = "".join(l.get("stream", "") for l in logs)
    print("a", img.tags == [tag + "-a:1"], "Successfully built" in streams, c.containers.run(img.id, remove=True))
    img, _ = c.images.build(path=ctx, tag=tag + "-b:1", target="base", rm=True)
    made.append(tag + "-b:1")
    print("b", img.labels.get("stage"))
    img, _ = c.images.build(path=ctx, tag=tag + "-c:1", dockerfile="Other.dockerfile", rm=True)
    made.append(tag + "-c:1")
    print("c", img.attrs["Config"]["Cmd"])
    img, logs = c.images.build(fileobj=io.BytesIO(b"FROM busybox\nRUN echo from-fileobj\n"), tag=tag + "-d:1", rm=True)
    made.append(tag + "-d:1")
    print("d", any("from-fileobj" in l.get("stream", "") for l in logs))
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        for name, data in [("Dockerfile", b"FROM busybox\nCOPY hi.txt /\nCMD [\"cat\", \"/hi.txt\"]\n"), ("hi.txt", b"hi\n")]:
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            t.addfile(ti, io.BytesIO(data))
    buf.seek(0)
    img, _ = c.images.build(fileobj=buf, custom_context=True, encoding="gzip", tag=tag + "-e:1", rm=True)
    made.append(tag + "-e:1")
    print("e", c.containers.run(img.id, remove=True))
    try:
        c.images.build(fileobj=io.BytesIO(b"FROM busybox\nRUN exit 5\n"), forcerm=True)
    except docker.errors.BuildError as e:
        print("f", e.msg)
    try:
        c.images.build(path=ctx, target="nope", rm=True)
    except docker.errors.BuildError as e:
        print("g", e.msg)
finally:
    for t in made:
        c.images.remove(t, force=True)
