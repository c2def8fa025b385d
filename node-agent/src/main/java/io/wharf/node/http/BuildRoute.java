package io.wharf.node.http;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.wharf.api.WharfException;
import io.wharf.api.http.RequestInputStream;
import io.wharf.api.http.ResponseOutputStream;
import io.wharf.node.NodeContext;
import io.wharf.node.build.BuildMessages;
import io.wharf.node.build.BuildOptions;
import io.wharf.node.build.NodeBuilder;

/**
 * {@code POST /internal/v1/build?<Docker's query>} with the context tar as the body. A bad query,
 * context or Dockerfile is a plain HTTP error (as dockerd answers); otherwise 200 and the build's
 * JSON message stream, written from the worker that runs the build.
 */
final class BuildRoute {
  private final NodeContext node;
  private final NodeBuilder builder;

  BuildRoute(NodeContext node, NodeBuilder builder) {
    this.node = node;
    this.builder = builder;
  }

  void handle(HttpServerRequest req) {
    BuildOptions options;
    try {
      options = BuildOptions.fromQuery(name -> req.params().getAll(name))
          .withRegistryConfig(req.getHeader("X-Registry-Config"));
      options.tags().forEach(BuildRoute::checkTag);
      options.checkPlatform(BuildOptions.nodeArch());
    } catch (WharfException e) {
      NodeHttpServer.error(req, e);
      return;
    }
    Context context = node.vertx().getOrCreateContext();
    RequestInputStream body = new RequestInputStream(req, context);
    HttpServerResponse response = req.response();
    node.workers().executeBlocking(() -> {
      try {
        return builder.prepare(body, options);
      } finally {
        body.discardRest();
      }
    }, false).onFailure(t -> NodeHttpServer.error(req, t)).onSuccess(prepared -> {
      response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
      ResponseOutputStream out = new ResponseOutputStream(response, context);
      BuildMessages messages = new BuildMessages(out, options.quiet());
      response.closeHandler(x -> messages.cancelled().set(true));
      response.writeHead().compose(v -> node.workers().executeBlocking(() -> {
        try (prepared; out) {
          builder.run(prepared, options, messages);
        }
        return null;
      }, false)).onComplete(ar -> {
        if (ar.succeeded()) {
          response.end();
        } else {
          response.reset();
        }
      });
    });
  }

  /** Docker's reference rules, loosely: lower-case repository path, optional host:port, tag <= 128. */
  private static void checkTag(String tag) {
    if (!tag.matches("^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
        + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$")) {
      throw WharfException.invalid("invalid reference format: repository name (" + tag + ") must be lowercase"
          + " or is not a valid reference");
    }
  }
}
