package io.wharf.gateway;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Starts Vert.x with the native (epoll) transport, the fake services and node, and a
 * {@link GatewayVerticle} on a unix socket under target/. Close it to undo everything.
 */
public final class GatewayHarness implements AutoCloseable {
  public final Vertx vertx;
  public final FakeServices services;
  public final FakeNode node;
  public final FakeRegistry registry;
  public final Path socket;
  public final Path dir;
  public final RawDockerClient client;

  public GatewayHarness() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    dir = Files.createDirectories(Path.of("target", "gw-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath());
    socket = dir.resolve("w.sock");
    node = new FakeNode(FakeServices.TOKEN);
    services = new FakeServices(vertx);
    registry = new FakeRegistry(vertx);
    await(services.start(node.url(), await(registry.start(FakeServices.TOKEN))));
    JsonObject config = new JsonObject().put("socket", socket.toString()).put("dataRoot", "/var/lib/wharf-test")
        .put("version", "0.1.0-test");
    await(vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config)));
    client = new RawDockerClient(socket);
  }

  public static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    try {
      await(vertx.close());
    } finally {
      node.close();
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    }
  }
}
