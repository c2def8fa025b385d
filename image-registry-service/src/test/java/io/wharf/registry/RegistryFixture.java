package io.wharf.registry;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.wharf.registry.store.DurableFiles;
import io.wharf.registry.v2.V2Client;
import java.nio.file.Path;

/** A deployed ImageRegistryVerticle on a free port over a fresh data root under target/. */
public final class RegistryFixture implements AutoCloseable {
  public final Vertx vertx;
  public final Path root;
  public final ImageRegistryVerticle verticle;
  public final String deploymentId;
  public final V2Client client;

  private RegistryFixture(Vertx vertx, Path root, ImageRegistryVerticle verticle, String deploymentId) {
    this.vertx = vertx;
    this.root = root;
    this.verticle = verticle;
    this.deploymentId = deploymentId;
    this.client = new V2Client(baseUrl());
  }

  /** Deploys with {@code extra} config merged over dataRoot and httpPort 0. */
  public static RegistryFixture start(Vertx vertx, String prefix, JsonObject extra) throws Exception {
    Path root = TestImages.freshDir(prefix);
    return start(vertx, root, extra);
  }

  public static RegistryFixture start(Vertx vertx, Path root, JsonObject extra) {
    JsonObject config = new JsonObject().put("dataRoot", root.resolve("data").toString()).put("httpPort", 0)
        .mergeIn(extra == null ? new JsonObject() : extra);
    ImageRegistryVerticle v = new ImageRegistryVerticle();
    String id = vertx.deployVerticle(v, new DeploymentOptions().setConfig(config)).await();
    return new RegistryFixture(vertx, root, v, id);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + verticle.actualPort();
  }

  public int port() {
    return verticle.actualPort();
  }

  /** Undeploys (the data stays: see {@link #deleteData}). */
  public void stop() {
    vertx.undeploy(deploymentId).await();
  }

  public void deleteData() {
    DurableFiles.deleteTree(root);
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      deleteData();
    }
  }
}
