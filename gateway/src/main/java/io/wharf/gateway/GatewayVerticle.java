package io.wharf.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.wharf.api.Addresses;
import io.wharf.api.Json;
import io.wharf.api.event.WharfEvent;
import io.wharf.gateway.cluster.SharedDataClusterView;
import io.wharf.gateway.event.EventBuffer;
import io.wharf.gateway.system.HostFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker Engine API edge. Config (see {@link GatewayConfig}): {@code socket}, {@code tcp},
 * {@code dataRoot}, {@code version}, {@code eventHistory}. Stateless apart from the event replay
 * buffer. Attach needs half-close on the unix socket, which needs Vert.x created with
 * {@code setPreferNativeTransport(true)} and the epoll jar; without it attach still works but
 * output after the client's stdin EOF is lost (a warning is logged).
 */
public final class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);

  private GatewayConfig config;
  private EventBuffer events;

  @Override
  public Future<?> start() {
    config = GatewayConfig.from(config());
    events = new EventBuffer(config.eventHistory());
    if (!vertx.isNativeTransportEnabled()) {
      LOG.warn("native transport is off: docker attach loses output after the client half-closes");
    }
    vertx.eventBus().<Buffer>consumer(Addresses.EVENTS, msg -> onEvent(msg.body()));
    return vertx.executeBlocking(() -> {
      prepareSocketPath(Path.of(config.socket()));
      return HostFacts.read(Path.of("/"));
    }).compose(host -> {
      Router router = DockerApi.router(vertx, config, host, new SharedDataClusterView(vertx), events);
      return listen(router);
    });
  }

  /** Removes the socket file so no client connects to a dead gateway. */
  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(() -> Files.deleteIfExists(Path.of(config.socket())));
  }

  private void onEvent(Buffer body) {
    try {
      events.add(Json.read(body.getBytes(), WharfEvent.class));
    } catch (RuntimeException e) {
      LOG.warn("dropping undecodable event: {}", e.getMessage());
    }
  }

  private Future<Void> listen(Router router) {
    // Long filter queries (compose labels) and X-Registry-Auth headers exceed Netty's defaults.
    HttpServerOptions options = new HttpServerOptions().setIdleTimeout(0).setMaxInitialLineLength(64 * 1024)
        .setMaxHeaderSize(64 * 1024);
    Future<HttpServer> uds = vertx.createHttpServer(options).requestHandler(router)
        .listen(SocketAddress.domainSocketAddress(config.socket()))
        .compose(server -> vertx.executeBlocking(() -> {
          Files.setPosixFilePermissions(Path.of(config.socket()), PosixFilePermissions.fromString("rw-rw----"));
          return server;
        }));
    if (config.tcp() == null) {
      return uds.mapEmpty();
    }
    return uds.compose(s -> vertx.createHttpServer(options).requestHandler(router)
        .listen(config.tcpPort(), config.tcpHost())).mapEmpty();
  }

  /** Creates the socket's directory and deletes a stale socket file left by a previous run. BLOCKS. */
  private static void prepareSocketPath(Path socket) throws IOException {
    if (socket.getParent() != null) {
      Files.createDirectories(socket.getParent());
    }
    if (Files.exists(socket) && !Files.isDirectory(socket)) {
      Files.delete(socket);
    }
  }
}
