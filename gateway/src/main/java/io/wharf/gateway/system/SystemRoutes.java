package io.wharf.gateway.system;

import static io.wharf.gateway.http.RoutePattern.regex;

import io.vertx.core.Future;
import io.wharf.api.container.ContainerSummary;
import java.util.List;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.wharf.gateway.http.DockerResponses;
import io.wharf.gateway.http.ErrorResponder;
import io.wharf.gateway.http.VersionGate;

/** {@code /_ping}, {@code /version}, {@code /info}, {@code /system/df}. */
public final class SystemRoutes {
  private final SystemBackend backend;
  private final HostFacts host;
  private final String wharfVersion;
  private final String dataRoot;

  public SystemRoutes(SystemBackend backend, HostFacts host, String wharfVersion, String dataRoot) {
    this.backend = backend;
    this.host = host;
    this.wharfVersion = wharfVersion;
    this.dataRoot = dataRoot;
  }

  public void mount(Router r) {
    r.getWithRegex(regex("/_ping")).handler(this::getPing);
    r.headWithRegex(regex("/_ping")).handler(this::headPing);
    r.getWithRegex(regex("/version")).handler(this::getVersion);
    r.getWithRegex(regex("/info")).handler(this::getInfo);
    r.getWithRegex(regex("/system/df")).handler(this::getSystemDf);
  }

  void getPing(RoutingContext ctx) {
    pingHeaders(ctx).end("OK");
  }

  /** HEAD carries the same headers as GET and an explicit zero length, as dockerd sends. */
  void headPing(RoutingContext ctx) {
    pingHeaders(ctx).putHeader("Content-Length", "0").end();
  }

  private io.vertx.core.http.HttpServerResponse pingHeaders(RoutingContext ctx) {
    return ctx.response().setStatusCode(200)
        .putHeader("Cache-Control", "no-cache, no-store, must-revalidate")
        .putHeader("Pragma", "no-cache")
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Swarm", "inactive");
  }

  void getVersion(RoutingContext ctx) {
    DockerResponses.json(ctx, 200, SystemInfo.version(host, wharfVersion));
  }

  void getInfo(RoutingContext ctx) {
    Future<Integer> images = backend.images().map(java.util.List::size).otherwise(0);
    Future.all(backend.containers(), backend.nodes(), images)
        .map(all -> new SystemInfo.Figures(all.resultAt(0), all.resultAt(1), all.resultAt(2)))
        .onSuccess(f -> DockerResponses.json(ctx, 200,
            SystemInfo.info(host, f, wharfVersion, dataRoot, System.currentTimeMillis() * 1_000_000L)))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  void getSystemDf(RoutingContext ctx) {
    var version = VersionGate.of(ctx);
    Future<List<ContainerSummary>> containers = backend.containers();
    Future.all(containers, backend.images(), containers.compose(backend::writableSizes), backend.volumeUsage())
        .onSuccess(all -> DockerResponses.json(ctx, 200, DiskUsage.of(all.resultAt(0), all.resultAt(1), version,
            System.currentTimeMillis() * 1_000_000L, all.resultAt(2))
            .put("Volumes", io.wharf.gateway.volume.VolumeJson.usage(all.resultAt(3)))))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }
}
