package io.wharf.node.http;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.http.RequestInputStream;
import io.wharf.api.http.ResponseOutputStream;
import io.wharf.node.ContainerFilesystem;
import io.wharf.node.NodeContext;
import io.wharf.node.files.PathStat;
import io.wharf.node.files.RootfsArchive;
import io.wharf.node.files.UpperDirChanges;
import java.util.Map;

/**
 * The file routes of Docker's API for one container: {@code HEAD/GET/PUT .../archive?path=}
 * (docker cp), {@code GET .../export}, {@code GET .../changes}. The gateway adds
 * {@code container=<name as the user gave it>} for Docker's error wording. GET streams the tar as
 * it is written; PUT reads the body as it is extracted; both with back-pressure.
 */
final class ArchiveRoute {
  private final NodeContext node;
  private final ContainerFilesystem files;
  private final io.wharf.node.ContainerCommit committer;

  ArchiveRoute(NodeContext node, ContainerFilesystem files, String token) {
    this.node = node;
    this.files = files;
    this.committer = files.committer(token);
  }

  /** {@code POST .../commit?repo=&tag=&comment=&author=&changes=&pause=}: 201 {"Id":"sha256:..."}. */
  void commit(HttpServerRequest req, String id) {
    var p = new io.wharf.node.ContainerCommit.Params(req.getParam("repo"), req.getParam("tag"),
        req.getParam("comment"), req.getParam("author"), req.params().getAll("changes"),
        QueryFlags.flag(req.params(), "pause", true));
    committer.commit(id, p).onSuccess(imageId -> req.response().setStatusCode(201)
            .putHeader("Content-Type", "application/json").end(new JsonObject().put("Id", imageId).encode()))
        .onFailure(t -> NodeHttpServer.error(req, t));
  }

  void head(HttpServerRequest req, String id) {
    String path = req.getParam("path", "");
    files.withRootfs(id, (r, rootfs) -> new RootfsArchive(rootfs, displayName(req, id), containerFiles(id)).stat(path))
        .onSuccess(stat -> req.response().setStatusCode(200).putHeader(PathStat.HEADER, stat.header())
            .putHeader("Content-Length", "0").end())
        .onFailure(t -> NodeHttpServer.error(req, t));
  }

  void get(HttpServerRequest req, String id) {
    String path = req.getParam("path", "");
    HttpServerResponse resp = req.response();
    Context context = node.vertx().getOrCreateContext();
    ResponseOutputStream out = new ResponseOutputStream(resp, context);
    files.withRootfs(id, (r, rootfs) -> {
      RootfsArchive archive = new RootfsArchive(rootfs, displayName(req, id), containerFiles(id));
      PathStat stat = archive.stat(path);
      context.runOnContext(v -> resp.setStatusCode(200).setChunked(true)
          .putHeader("Content-Type", "application/x-tar").putHeader(PathStat.HEADER, stat.header()));
      archive.writeTar(path, out);
      out.close();
      return stat;
    }).onSuccess(stat -> {
      resp.end();
      files.event(id, "archive-path", Map.of("path", path));
    }).onFailure(t -> NodeHttpServer.error(req, t));
  }

  void put(HttpServerRequest req, String id) {
    String path = req.getParam("path", "");
    boolean noOverwrite = QueryFlags.flag(req.params(), "noOverwriteDirNonDir", false);
    boolean keepOwners = QueryFlags.flag(req.params(), "copyUIDGID", false);
    RequestInputStream body = new RequestInputStream(req, node.vertx().getOrCreateContext());
    files.withRootfs(id, (r, rootfs) -> {
      try {
        if (r.effective().host() != null && r.effective().host().readonlyRootfs()) {
          // Docker's ErrRootFSReadOnly (there are no volumes yet that could take the write instead)
          throw new io.wharf.api.WharfException(io.wharf.api.ErrorCategory.PERMISSION_DENIED,
              "container rootfs is marked read-only");
        }
        new RootfsArchive(rootfs, displayName(req, id)).extract(path, body, noOverwrite, keepOwners);
      } finally {
        body.discardRest();
      }
      return null;
    }).onSuccess(v -> {
      req.response().setStatusCode(200).end();
      files.event(id, "extract-to-dir", Map.of("path", path));
    }).onFailure(t -> {
      body.discardRest();
      NodeHttpServer.error(req, t);
    });
  }

  void export(HttpServerRequest req, String id) {
    HttpServerResponse resp = req.response();
    Context context = node.vertx().getOrCreateContext();
    ResponseOutputStream out = new ResponseOutputStream(resp, context);
    files.withRootfs(id, (r, rootfs) -> {
      context.runOnContext(v -> resp.setStatusCode(200).setChunked(true)
          .putHeader("Content-Type", "application/octet-stream"));
      new RootfsArchive(rootfs, displayName(req, id)).export(out);
      out.close();
      return null;
    }).onSuccess(v -> {
      resp.end();
      files.event(id, "export", Map.of());
    }).onFailure(t -> NodeHttpServer.error(req, t));
  }

  void changes(HttpServerRequest req, String id) {
    files.changes(id).onSuccess(list -> {
      JsonArray out = new JsonArray();
      for (UpperDirChanges.Change c : list) {
        out.add(new JsonObject().put("Path", c.path()).put("Kind", c.kind()));
      }
      req.response().setStatusCode(200).putHeader("Content-Type", "application/json")
          .end(list.isEmpty() ? "null" : out.encode());
    }).onFailure(t -> NodeHttpServer.error(req, t));
  }

  /** What the runtime bind-mounts over the rootfs (see ContainerFiles): cp reads those, as in Docker. */
  private Map<String, java.nio.file.Path> containerFiles(String id) {
    return Map.of("/etc/hosts", node.files().hosts(id), "/etc/hostname", node.files().hostname(id),
        "/etc/resolv.conf", node.files().resolvConf(id));
  }

  private static String displayName(HttpServerRequest req, String id) {
    String given = req.getParam("container");
    return given == null || given.isEmpty() ? id : given;
  }
}
