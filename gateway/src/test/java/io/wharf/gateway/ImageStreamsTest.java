package io.wharf.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wharf.gateway.http.ResponseHead;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** load, import and save: byte streams proxied to the (fake) registry's internal endpoint. */
class ImageStreamsTest {
  private static GatewayHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = new GatewayHarness();
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void loadForwardsAChunkedBodyOfSeveralMegabytes() throws Exception {
    int size = 8 * 1024 * 1024;
    try (SocketChannel ch = h.client.open()) {
      RawDockerClient.write(ch, ("POST /v1.41/images/load?quiet=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          + "Content-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = new byte[64 * 1024];
      byte[] sizeLine = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
      for (int sent = 0; sent < size; sent += chunk.length) {
        RawDockerClient.write(ch, sizeLine);
        RawDockerClient.write(ch, chunk);
        RawDockerClient.write(ch, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      RawDockerClient.write(ch, "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      byte[] all = RawDockerClient.readAll(ch);
      ResponseHead head = ResponseHead.parse(all);
      assertEquals(200, head.status());
      assertEquals("application/json", head.header("content-type"));
      String body = new String(RawDockerClient.dechunk(java.util.Arrays.copyOfRange(all, head.length(), all.length)),
          StandardCharsets.UTF_8);
      assertEquals("Loaded image: loaded:1 (" + size + " bytes)\n", new JsonObject(body.trim()).getString("stream"));
    }
    assertTrue(h.registry.requests.contains("POST /internal/v1/images/load?quiet=1"), h.registry.requests.toString());
  }

  @Test
  void importSplitsTheTagOutOfRepo() throws Exception {
    RawDockerClient.Response r = h.client.call("POST",
        "/v1.41/images/create?fromSrc=-&repo=127.0.0.1%3A5000%2Fimported%3A1&changes=CMD+%5B%22sh%22%5D", "tarbytes");
    assertEquals(200, r.status(), r.text());
    assertEquals("sha256:8:127.0.0.1:5000/imported:1", new JsonObject(r.text().trim()).getString("status"));
    assertTrue(h.registry.requests.stream().anyMatch(q -> q.startsWith("POST /internal/v1/images/import?repo=127.0.0.1%3A5000%2Fimported&tag=1&changes=CMD%20%5B%22sh%22%5D")),
        h.registry.requests.toString());
  }

  @Test
  void saveStreamsTheTar() throws Exception {
    RawDockerClient.Response r = h.client.get("/v1.41/images/get?names=busybox&names=app%3A1");
    assertEquals(200, r.status());
    assertEquals("application/x-tar", r.header("Content-Type"));
    assertEquals(FakeRegistry.SAVE_SIZE, r.body().length);
    assertTrue(h.registry.requests.contains("GET /internal/v1/images/get?names=busybox&names=app%3A1"));
  }

  @Test
  void pullIsProxiedWithPlatformAndErrorsPassThrough() throws Exception {
    RawDockerClient.Response ok = h.client.post("/v1.41/images/create?fromImage=busybox&tag=latest&platform=linux%2Farm64", null);
    assertEquals(200, ok.status(), ok.text());
    assertEquals("Status: Image is up to date for busybox:latest", new JsonObject(ok.text().trim()).getString("status"));
    assertTrue(h.registry.requests.contains("POST /internal/v1/images/pull?fromImage=busybox&tag=latest&platform=linux%2Farm64"),
        h.registry.requests.toString());
    RawDockerClient.Response missing = h.client.post("/v1.41/images/create?fromImage=127.0.0.1%3A5000%2Fnosuch&tag=1", null);
    assertEquals(404, missing.status());
    assertEquals("manifest for 127.0.0.1:5000/nosuch:1 not found: manifest unknown: manifest unknown",
        missing.json().getString("message"));
    assertEquals(400, h.client.post("/v1.41/images/create?fromImage=&tag=1", null).status());
  }

  @Test
  void pushIsProxiedWithNameAndTag() throws Exception {
    RawDockerClient.Response r = h.client.post("/v1.41/images/127.0.0.1:5000/app/push?tag=1", null);
    assertEquals(200, r.status(), r.text());
    assertTrue(h.registry.requests.contains("POST /internal/v1/images/push?name=127.0.0.1%3A5000%2Fapp&tag=1"),
        h.registry.requests.toString());
  }

  @Test
  void loginAnswersLikeDockerd() throws Exception {
    RawDockerClient.Response ok = h.client.post("/v1.41/auth",
        "{\"username\":\"u\",\"password\":\"good\",\"serveraddress\":\"127.0.0.1:5000\"}");
    assertEquals(200, ok.status(), ok.text());
    assertEquals("Login Succeeded", ok.json().getString("Status"));
    assertEquals("", ok.json().getString("IdentityToken"));
    RawDockerClient.Response bad = h.client.post("/v1.41/auth",
        "{\"username\":\"u\",\"password\":\"bad\",\"serveraddress\":\"127.0.0.1:5000\"}");
    assertEquals(500, bad.status());
    assertEquals("login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized",
        bad.json().getString("message"));
  }
}
