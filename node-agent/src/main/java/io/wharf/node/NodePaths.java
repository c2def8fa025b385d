package io.wharf.node;

import java.nio.file.Path;

/**
 * Every path the node agent uses, computed in one place.
 *
 * <pre>
 * dataRoot/                          durable (default /var/lib/wharf)
 *   layers/&lt;diffhex&gt;/               one unpacked layer per diffID, whiteouts in overlay form
 *   layers/.tmp/&lt;random&gt;/            unpacks in progress; renamed into place when complete
 *   layers/.empty/                   an empty dir: the lower layer of an image without layers
 *   containers/&lt;id&gt;/container.json   the container's durable record (written atomically)
 *   containers/&lt;id&gt;/ctr.log          conmon's log (CRI "k8s-file" format)
 *   containers/&lt;id&gt;/upper/, work/    overlay upper and work dirs
 *   containers/&lt;id&gt;/hostname, hosts, resolv.conf   bind-mounted into the container
 * runDir/                            volatile (default /run/wharf)
 *   runc/                            runc --root (private state, nothing collides with docker/podman)
 *   exits/                           conmon --exit-dir of containers: file &lt;id&gt; holds the exit code
 *   c/&lt;id12&gt;/                        the OCI bundle; short because the attach socket path is
 *                                    limited to 108 bytes: config.json rootfs/ sync.json pidfile
 *                                    conmon.pid attach ctl oom exit runc.log conmon.err
 *   x/&lt;execid12&gt;/                    one exec's dir (process.json, exit file, log, attach)
 * </pre>
 */
public record NodePaths(Path dataRoot, Path runDir) {

  public Path layers() {
    return dataRoot.resolve("layers");
  }

  public Path layer(String diffId) {
    return layers().resolve(hex(diffId));
  }

  public Path layerTmp() {
    return layers().resolve(".tmp");
  }

  /** An empty directory used as the only lowerdir of an image that has no layers. */
  public Path emptyLayer() {
    return layers().resolve(".empty");
  }

  public Path containers() {
    return dataRoot.resolve("containers");
  }

  public Path containerDir(String id) {
    return containers().resolve(id);
  }

  public Path containerRecord(String id) {
    return containerDir(id).resolve("container.json");
  }

  public Path containerLog(String id) {
    return containerDir(id).resolve("ctr.log");
  }

  public Path upperDir(String id) {
    return containerDir(id).resolve("upper");
  }

  public Path workDir(String id) {
    return containerDir(id).resolve("work");
  }

  public Path runcRoot() {
    return runDir.resolve("runc");
  }

  public Path exitsDir() {
    return runDir.resolve("exits");
  }

  public Path bundle(String id) {
    return runDir.resolve("c").resolve(shortId(id));
  }

  public Path rootfs(String id) {
    return bundle(id).resolve("rootfs");
  }

  public Path attachSocket(String id) {
    return bundle(id).resolve("attach");
  }

  public Path ctlFifo(String id) {
    return bundle(id).resolve("ctl");
  }

  public Path execDir(String execId) {
    return runDir.resolve("x").resolve(shortId(execId));
  }

  /** The parent of every {@link #execDir}. */
  public Path execsDir() {
    return runDir.resolve("x");
  }

  /** The first 12 hex digits, as Docker abbreviates ids. */
  public static String shortId(String id) {
    String h = hex(id);
    return h.length() > 12 ? h.substring(0, 12) : h;
  }

  /** "sha256:abc" -> "abc"; a bare hex string is returned as it is. */
  public static String hex(String digest) {
    int colon = digest.indexOf(':');
    return colon >= 0 ? digest.substring(colon + 1) : digest;
  }
}
