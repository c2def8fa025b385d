package io.wharf.registry;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;

/**
 * Runs the registry alone in its own JVM on a non-clustered Vert.x: for the kill -9 test and the
 * benchmark. {@code java ... StandaloneRegistry DATA_ROOT PORT [CONFIG_JSON]}; prints
 * "READY &lt;port&gt;" once it listens, then serves until killed.
 */
public final class StandaloneRegistry {
  private StandaloneRegistry() {}

  public static void main(String[] args) throws Exception {
    JsonObject config = new JsonObject().put("dataRoot", args[0]).put("httpPort", Integer.parseInt(args[1]));
    if (args.length > 2) {
      config.mergeIn(new JsonObject(args[2]));
    }
    // epoll, as the launcher runs it: native sendfile for blob reads
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    ImageRegistryVerticle v = new ImageRegistryVerticle();
    try {
      vertx.deployVerticle(v, new DeploymentOptions().setConfig(config)).await();
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(1); // Vert.x threads would otherwise keep a registry that never started alive
    }
    System.out.println("READY " + v.actualPort() + (vertx.isNativeTransportEnabled() ? " epoll" : " nio"));
    System.out.flush();
    Thread.currentThread().join();
  }
}
