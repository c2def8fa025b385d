package io.wharf.node;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.InternalHttp;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerState;
import io.wharf.node.files.TreeTar;
import io.wharf.node.files.UpperDirChanges;
import io.wharf.node.nativeio.Xattrs;
import io.wharf.node.runtime.RuncConmonExecutor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code docker commit}: the container's writable layer (overlay whiteouts turned into OCI ones,
 * the runtime's init mountpoints left out) is written to {@code containers/<id>/commit-layer.tar}
 * while the container is frozen (runc pause, when {@code pause} and running), then handed to the
 * registry with the container's config; the registry builds and stores the image. Serialized with
 * the container's lifecycle. A crash leaves at most the temp tar (deleted by recovery) and a
 * frozen container (thawed by recovery); the registry's side is crash-safe on its own.
 */
public final class ContainerCommit {
  /** The query of Docker's {@code POST /commit}; changes are Dockerfile lines. */
  public record Params(String repo, String tag, String comment, String author, List<String> changes, boolean pause) {}

  static final String TEMP_TAR = "commit-layer.tar";

  private final ContainerLifecycle lifecycle;
  private final String token;
  /**
   * HTTP/1.1 only: the JDK client otherwise offers an h2c upgrade, and a Vert.x server accepting it
   * holds the whole request body (the layer) in memory.
   */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  public ContainerCommit(ContainerLifecycle lifecycle, String token) {
    this.lifecycle = lifecycle;
    this.token = token;
  }

  /** Commits and returns the new image id. NOT_FOUND for an unknown container. */
  public Future<String> commit(String id, Params p) {
    NodeContext node = lifecycle.node;
    node.store().require(id);
    return node.cluster().registryUrl().compose(url -> lifecycle.serialized(id, () -> lifecycle.blocking(() -> {
      ContainerRecord r = node.store().require(id);
      if (r.state() == ContainerState.REMOVING || r.state() == ContainerState.DEAD) {
        throw WharfException.conflict("container " + id + " is marked for removal and cannot be committed");
      }
      Path tar = node.paths().containerDir(id).resolve(TEMP_TAR);
      try {
        writeLayer(r, tar, p.pause());
        return upload(url, r, tar, p);
      } finally {
        Files.deleteIfExists(tar);
      }
    }))).map(imageId -> {
      node.store().get(id).ifPresent(r -> lifecycle.event(r, "commit", Map.of("comment", nz(p.comment()),
          "imageID", imageId, "imageRef", nz(p.repo()) + (nz(p.tag()).isEmpty() ? "" : ":" + p.tag()))));
      return imageId;
    });
  }

  /** Deletes a temp tar a crash left behind. Blocking. */
  static void discardLeftovers(NodePaths paths, String id) {
    try {
      Files.deleteIfExists(paths.containerDir(id).resolve(TEMP_TAR));
    } catch (IOException e) {
      // harmless: the next commit overwrites it
    }
  }

  private void writeLayer(ContainerRecord r, Path tar, boolean pause) throws IOException {
    boolean freeze = pause && r.state() == ContainerState.RUNNING;
    if (freeze) {
      freezer().ifPresent(f -> f.runtime().runc().pause(r.id()));
    }
    try (OutputStream out = Files.newOutputStream(tar)) {
      TreeTar t = new TreeTar(out, true, new Xattrs()).skipping(UpperDirChanges.INIT_PATHS);
      Path upper = lifecycle.node.paths().upperDir(r.id());
      if (Files.isDirectory(upper)) {
        try (Stream<Path> list = Files.list(upper)) {
          for (Path child : list.sorted().toList()) {
            t.add(child, child.getFileName().toString());
          }
        }
      }
      t.finish();
    } finally {
      if (freeze) {
        freezer().ifPresent(f -> f.runtime().runc().resume(r.id()));
      }
    }
  }

  /** The runc pause/resume of the real executor (tests' fake executors have none). */
  private java.util.Optional<RuncConmonExecutor> freezer() {
    return lifecycle.node.executor() instanceof RuncConmonExecutor e ? java.util.Optional.of(e)
        : java.util.Optional.empty();
  }

  private String upload(String registryUrl, ContainerRecord r, Path tar, Params p) throws Exception {
    StringBuilder q = new StringBuilder("?parent=").append(enc(r.imageId())).append("&container=").append(r.id());
    append(q, "repo", p.repo());
    append(q, "tag", p.tag());
    append(q, "comment", p.comment());
    append(q, "author", p.author());
    for (String change : p.changes()) {
      append(q, "changes", change);
    }
    String config = Base64.getEncoder().encodeToString(dockerConfig(r.effective()).encode().getBytes(StandardCharsets.UTF_8));
    HttpRequest req = HttpRequest.newBuilder(URI.create(registryUrl + InternalHttp.PREFIX + "/images/commit" + q))
        .header(InternalHttp.TOKEN_HEADER, token)
        .header(InternalHttp.COMMIT_CONFIG_HEADER, config)
        .header("Content-Type", "application/x-tar")
        .POST(HttpRequest.BodyPublishers.ofFile(tar)).build();
    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() / 100 != 2) {
      String msg = resp.body();
      try {
        msg = new JsonObject(resp.body()).getString("message", msg);
      } catch (RuntimeException e) {
        // not JSON: keep the raw body
      }
      throw new WharfException(categoryOf(resp.statusCode()), msg);
    }
    return new JsonObject(resp.body()).getString("Id");
  }

  /** The container's Config as Docker writes it in an image: what the new image runs with. */
  static JsonObject dockerConfig(ContainerSpec s) {
    JsonObject c = new JsonObject().put("User", nz(s.user())).put("WorkingDir", nz(s.workingDir()))
        .put("Env", s.env() == null ? null : new JsonArray(s.env()))
        .put("Cmd", s.cmd() == null ? null : new JsonArray(s.cmd()))
        .put("Entrypoint", s.entrypoint() == null ? null : new JsonArray(s.entrypoint()))
        .put("Labels", s.labels() == null ? null : new JsonObject(Map.copyOf(s.labels())));
    if (s.exposedPorts() != null && !s.exposedPorts().isEmpty()) {
      JsonObject ports = new JsonObject();
      s.exposedPorts().forEach(port -> ports.put(port, new JsonObject()));
      c.put("ExposedPorts", ports);
    }
    if (s.volumes() != null && !s.volumes().isEmpty()) {
      JsonObject vols = new JsonObject();
      s.volumes().forEach(v -> vols.put(v, new JsonObject()));
      c.put("Volumes", vols);
    }
    if (s.stopSignal() != null && !s.stopSignal().isEmpty()) {
      c.put("StopSignal", s.stopSignal());
    }
    return c;
  }

  private static ErrorCategory categoryOf(int status) {
    for (ErrorCategory c : ErrorCategory.values()) {
      if (c.code() == status) {
        return c;
      }
    }
    return ErrorCategory.INTERNAL;
  }

  private static void append(StringBuilder q, String key, String value) {
    if (value != null && !value.isEmpty()) {
      q.append('&').append(key).append('=').append(enc(value));
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
