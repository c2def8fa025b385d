package io.wharf.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayVerticleTest {
  @Test
  void replacesAStaleSocketFileChmodsItAndServesTcp() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "gv-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath());
    Path socket = dir.resolve("w.sock");
    Files.writeString(socket, "stale");
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    try {
      JsonObject config = new JsonObject().put("socket", socket.toString()).put("tcp", "127.0.0.1:" + port);
      GatewayHarness.await(vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config)));
      assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
      assertEquals("OK", new RawDockerClient(socket).get("/_ping").text());
      HttpResponse<String> tcp = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_ping")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("OK", tcp.body());
    } finally {
      GatewayHarness.await(vertx.close());
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    }
  }

  @Test
  void configDefaults() {
    GatewayConfig c = GatewayConfig.from(new JsonObject());
    assertEquals("/run/wharf/wharf.sock", c.socket());
    assertNull(c.tcp());
    assertEquals("/var/lib/wharf", c.dataRoot());
    assertEquals(1024, c.eventHistory());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"tcp\":\"nohost\"}", "{\"tcp\":\"h:port\"}", "{\"eventHistory\":0}"})
  void badConfig(String json) {
    assertThrows(IllegalArgumentException.class, () -> GatewayConfig.from(new JsonObject(json)));
  }
}
