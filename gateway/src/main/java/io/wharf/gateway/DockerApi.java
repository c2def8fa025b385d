package io.wharf.gateway;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.wharf.api.WharfException;
import io.wharf.gateway.cluster.ClusterView;
import io.wharf.gateway.container.BusContainerBackend;
import io.wharf.gateway.container.ContainerOpsRoutes;
import io.wharf.gateway.container.ContainerRoutes;
import io.wharf.gateway.event.EventBuffer;
import io.wharf.gateway.exec.ExecLocator;
import io.wharf.gateway.exec.ExecRoutes;
import io.wharf.gateway.event.EventRoutes;
import io.wharf.gateway.http.ErrorResponder;
import io.wharf.gateway.http.HijackProxy;
import io.wharf.gateway.http.StreamProxy;
import io.wharf.gateway.http.VersionGate;
import io.wharf.gateway.image.BusImageBackend;
import io.wharf.gateway.image.ImageBackend;
import io.wharf.gateway.image.ImageRoutes;
import io.wharf.gateway.system.HostFacts;
import io.wharf.gateway.system.ClusterSystemBackend;
import io.wharf.gateway.system.SystemRoutes;

/**
 * Assembles the Docker Engine API router: the version middleware first, then one router class
 * per resource, then "page not found" for everything else and one failure handler that maps
 * errors to Docker's JSON error responses.
 */
public final class DockerApi {
  private DockerApi() {}

  public static Router router(Vertx vertx, GatewayConfig config, HostFacts host, ClusterView cluster,
      EventBuffer events) {
    ImageBackend images = new BusImageBackend(vertx.eventBus(), cluster);
    StreamProxy streams = new StreamProxy(vertx);
    Router r = Router.router(vertx);
    r.route().handler(new VersionGate(config.version()));
    BusContainerBackend containers = new BusContainerBackend(vertx.eventBus(), cluster);
    new SystemRoutes(new ClusterSystemBackend(cluster, images).withContainerOps(containers).withVolumes(vertx.eventBus()), host,
        config.version(), config.dataRoot()).mount(r);
    HijackProxy hijacks = new HijackProxy(vertx);
    var networkSettings = new io.wharf.gateway.network.NetworkSettingsFiller(vertx.sharedData());
    var ports = new io.wharf.gateway.network.PublishedPortsView(vertx.sharedData());
    new ContainerRoutes(containers, streams, hijacks)
        .withInspectDecorator(j -> networkSettings.fill(j).compose(ports::fillInspect))
        .withListDecorator(ports::fillList)
        .withCreateNetworkHook(new io.wharf.gateway.network.EndpointsConfigHook(vertx.eventBus(), containers)).mount(r);
    new ContainerOpsRoutes(vertx.eventBus(), containers, streams).mount(r);
    new ExecRoutes(vertx.eventBus(), containers, new ExecLocator(vertx, cluster), hijacks).mount(r);
    new ImageRoutes(images, streams).mount(r);
    new io.wharf.gateway.build.BuildRoutes(vertx.eventBus(), cluster, streams).mount(r);
    new io.wharf.gateway.image.ImagePruneRoutes(images, containers).mount(r);
    new io.wharf.gateway.image.ImageSearchRoutes().mount(r);
    new io.wharf.gateway.network.NetworkRoutes(vertx.eventBus(), containers).mount(r);
    new EventRoutes(vertx, events).mount(r);
    new io.wharf.gateway.volume.VolumeRoutes(vertx.eventBus()).mount(r);
    r.route().handler(ctx -> ErrorResponder.send(ctx, WharfException.notFound("page not found")));
    r.route().failureHandler(DockerApi::onFailure);
    return r;
  }

  /** Handler exceptions become Docker errors; bare statuses (413 from the body limit...) keep their code. */
  private static void onFailure(io.vertx.ext.web.RoutingContext ctx) {
    if (ctx.failure() != null) {
      ErrorResponder.send(ctx, ctx.failure());
    } else {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      ErrorResponder.send(ctx.response(), status,
          io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase());
    }
  }
}
