package io.wharf.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.container.ContainerState;
import io.wharf.api.event.WharfEvent;
import io.wharf.gateway.http.ResponseHead;
import java.net.URLEncoder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway driven over its unix socket by a raw HTTP client, with fake services behind it. */
class GatewayComponentTest {
  private static final String RUNNING_ID = "c1".repeat(32);
  private static final String EXITED_ID = "c2".repeat(32);
  private static GatewayHarness h;
  private static RawDockerClient client;

  @BeforeAll
  static void start() throws Exception {
    h = new GatewayHarness();
    client = h.client;
    GatewayHarness.await(h.services.add(RUNNING_ID, "web1", ContainerState.RUNNING));
    GatewayHarness.await(h.services.add(EXITED_ID, "old1", ContainerState.EXITED));
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void pingCarriesDockerHeaders() throws Exception {
    RawDockerClient.Response r = client.get("/_ping");
    assertEquals(200, r.status());
    assertEquals("OK", r.text());
    assertEquals("1.47", r.header("Api-Version"));
    assertEquals("false", r.header("Docker-Experimental"));
    assertEquals("linux", r.header("Ostype"));
    assertEquals("Wharf/0.1.0-test (linux)", r.header("Server"));
    assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
    RawDockerClient.Response head = client.call("HEAD", "/_ping", null);
    assertEquals(200, head.status());
    assertEquals("0", head.header("Content-Length"));
  }

  @Test
  void versionPrefixesAreCheckedAndStripped() throws Exception {
    assertEquals("1.47", client.get("/v1.41/version").json().getString("ApiVersion"));
    assertEquals("Engine", client.get("/version").json().getJsonArray("Components").getJsonObject(0).getString("Name"));
    // Docker-shaped numbers for clients that compare them (Testcontainers wants >= 1.6.0); Wharf's own aside
    io.vertx.core.json.JsonObject version = client.get("/version").json();
    assertEquals("27.5.1", version.getString("Version"));
    assertEquals("0.1.0-test", version.getJsonArray("Components").getJsonObject(1).getString("Version"));
    assertEquals("27.5.1", client.get("/info").json().getString("ServerVersion"));
    RawDockerClient.Response tooNew = client.get("/v1.52/version");
    assertEquals(400, tooNew.status());
    assertEquals("application/json", tooNew.header("Content-Type"));
    assertEquals("client version 1.52 is too new. Maximum supported API version is 1.47",
        tooNew.json().getString("message"));
    RawDockerClient.Response tooOld = client.get("/v1.12/containers/json");
    assertEquals(400, tooOld.status());
    assertTrue(tooOld.json().getString("message").startsWith(
        "client version 1.12 is too old. Minimum supported API version is 1.24"));
  }

  @Test
  void buildPruneAnswersDockersShapeAndABadBuildQueryIsRefused() throws Exception {
    RawDockerClient.Response prune = client.call("POST", "/v1.41/build/prune", null);
    assertEquals(200, prune.status());
    assertEquals("{\"CachesDeleted\":null,\"SpaceReclaimed\":0}", prune.text());
    RawDockerClient.Response bad = client.call("POST", "/v1.41/build?memory=lots", null);
    assertEquals(400, bad.status());
    assertEquals("invalid memory value \"lots\"", bad.json().getString("message"));
  }

  @Test
  void unknownRouteIsPageNotFound() throws Exception {
    RawDockerClient.Response r = client.get("/v1.47/nothing/here");
    assertEquals(404, r.status());
    assertEquals("page not found", r.json().getString("message"));
  }

  @Test
  void infoReportsClusterFigures() throws Exception {
    JsonObject info = client.get("/v1.47/info").json();
    assertTrue(info.getInteger("Containers") >= 2);
    assertTrue(info.getInteger("ContainersRunning") >= 1);
    assertEquals(1, info.getInteger("Images"));
    assertEquals(2, info.getInteger("NCPU"));
    assertEquals("/var/lib/wharf-test", info.getString("DockerRootDir"));
    assertEquals("inactive", info.getJsonObject("Swarm").getString("LocalNodeState"));
    assertEquals("runc", info.getString("DefaultRuntime"));
  }

  @Test
  void systemDfCountsImageUsers() throws Exception {
    JsonObject df = client.get("/v1.41/system/df").json();
    assertEquals(FakeServices.BUSYBOX_ID, df.getJsonArray("Images").getJsonObject(0).getString("Id"));
    assertTrue(df.getJsonArray("Images").getJsonObject(0).getInteger("Containers") >= 2);
    assertTrue(df.getJsonArray("Containers").size() >= 2);
    assertEquals(new JsonArray(), df.getJsonArray("Volumes"));
    assertEquals(0, df.getInteger("BuilderSize"));
  }

  @Test
  void psShowsRunningByDefaultAndAllWithFlag() throws Exception {
    JsonArray running = client.get("/v1.41/containers/json").jsonArray();
    assertTrue(running.stream().map(o -> ((JsonObject) o).getString("Id")).anyMatch(RUNNING_ID::equals));
    assertTrue(running.stream().map(o -> ((JsonObject) o).getString("Id")).noneMatch(EXITED_ID::equals));
    JsonArray all = client.get("/v1.41/containers/json?all=1").jsonArray();
    assertTrue(all.stream().map(o -> ((JsonObject) o).getString("Id")).anyMatch(EXITED_ID::equals));
    JsonObject web = all.stream().map(o -> (JsonObject) o).filter(o -> o.getString("Id").equals(RUNNING_ID)).findFirst().orElseThrow();
    assertEquals("/web1", web.getJsonArray("Names").getString(0));
    assertTrue(web.getString("Status").startsWith("Up "), web.getString("Status"));
    String filters = URLEncoder.encode("{\"name\":[\"old1\"]}", StandardCharsets.UTF_8);
    JsonArray byName = client.get("/v1.41/containers/json?all=True&filters=" + filters).jsonArray();
    assertEquals(1, byName.size());
  }

  @Test
  void inspectResolvesNamesAndPrefixes() throws Exception {
    JsonObject byName = client.get("/v1.41/containers/web1/json").json();
    assertEquals(RUNNING_ID, byName.getString("Id"));
    assertEquals("/web1", byName.getString("Name"));
    assertEquals(FakeServices.NODE, byName.getJsonObject("Node").getString("Name"));
    assertTrue(byName.getJsonObject("State").getBoolean("Running"));
    assertEquals(RUNNING_ID, client.get("/v1.41/containers/c1c1c1/json").json().getString("Id"));
    RawDockerClient.Response ambiguous = client.get("/v1.41/containers/c/json");
    assertEquals(400, ambiguous.status());
    assertEquals("Multiple IDs found with provided prefix: c", ambiguous.json().getString("message"));
    RawDockerClient.Response missing = client.get("/v1.41/containers/nosuchthing/json");
    assertEquals(404, missing.status());
    assertEquals("No such container: nosuchthing", missing.json().getString("message"));
  }

  @Test
  void createStartStopRemoveLifecycle() throws Exception {
    RawDockerClient.Response created = client.post("/v1.41/containers/create?name=life1",
        "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"9\"],\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"no\"}}}\n");
    assertEquals(201, created.status(), created.text());
    String id = created.json().getString("Id");
    assertEquals(204, client.post("/v1.41/containers/life1/start", null).status());
    assertEquals(304, client.post("/v1.41/containers/life1/start", null).status());
    assertEquals(409, client.call("DELETE", "/v1.41/containers/life1", null).status());
    assertEquals(204, client.post("/v1.41/containers/" + id.substring(0, 12) + "/stop?t=1", null).status());
    assertEquals(204, client.call("DELETE", "/v1.41/containers/life1?v=True&force=False", null).status());
    assertEquals(404, client.get("/v1.41/containers/life1/json").status());
  }

  @Test
  void createValidatesLikeDockerd() throws Exception {
    assertEquals("Invalid container name (a/b), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
        client.post("/v1.41/containers/create?name=a/b", "{\"Image\":\"busybox\"}").json().getString("message"));
    RawDockerClient.Response mem = client.post("/v1.41/containers/create", "{\"Image\":\"busybox\",\"HostConfig\":{\"Memory\":1024}}");
    assertEquals(400, mem.status());
    assertEquals("Minimum memory limit allowed is 6MB", mem.json().getString("message"));
    RawDockerClient.Response bad = client.post("/v1.41/containers/create", "{not json");
    assertEquals(400, bad.status());
    assertEquals("application/json", bad.header("Content-Type"));
    RawDockerClient.Response noImage = client.post("/v1.41/containers/create", "{\"Image\":\"nosuchimage\"}");
    assertEquals(404, noImage.status());
    assertEquals("No such image: nosuchimage:latest", noImage.json().getString("message"));
  }

  @Test
  void killOfStoppedContainerIsConflict() throws Exception {
    RawDockerClient.Response r = client.post("/v1.41/containers/old1/kill?signal=SIGKILL", null);
    assertEquals(409, r.status());
    assertTrue(r.json().getString("message").contains("is not running"));
  }

  @Test
  void logsAreProxiedFromTheNode() throws Exception {
    RawDockerClient.Response r = client.get("/v1.41/containers/web1/logs?stdout=1&stderr=1&tail=all");
    assertEquals(200, r.status());
    assertNull(r.header("Content-Type"), "API 1.41 logs carry no Content-Type");
    assertEquals("application/vnd.docker.multiplexed-stream",
        client.get("/v1.47/containers/web1/logs?stdout=1").header("Content-Type"));
    byte[] expected = concat(FakeNode.frame(1, "line1\n"), FakeNode.frame(2, "line2\n"));
    assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(r.body(), StandardCharsets.ISO_8859_1));
    assertTrue(h.node.requests.stream().anyMatch(q -> q.startsWith("GET /internal/v1/containers/" + RUNNING_ID
        + "/logs?stdout=1&stderr=1&tail=all ")));
  }

  @Test
  void followedLogsAreFlushedFrameByFrame() throws Exception {
    try (SocketChannel ch = client.open()) {
      RawDockerClient.write(ch, ("GET /v1.41/containers/web1/logs?stdout=1&follow=1 HTTP/1.1\r\nHost: x\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      long t0 = System.nanoTime();
      assertEquals(200, ResponseHead.parse(RawDockerClient.readHead(ch)).status());
      byte[] first = FakeNode.frame(1, "line1\n");
      byte[] chunk = HijackAttachTest.readExactly(ch, Integer.toHexString(first.length).length() + 2 + first.length);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(new String(chunk, StandardCharsets.ISO_8859_1).endsWith("line1\n"));
      assertTrue(ms < 500, "first log frame took " + ms + " ms: chunks must be flushed as they come");
      RawDockerClient.readAll(ch);
    }
  }

  @Test
  void waitHeadArrivesBeforeTheBody() throws Exception {
    try (SocketChannel ch = client.open()) {
      long t0 = System.nanoTime();
      RawDockerClient.write(ch, ("POST /v1.41/containers/web1/wait?condition=next-exit HTTP/1.1\r\nHost: x\r\n"
          + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      ResponseHead head = ResponseHead.parse(RawDockerClient.readHead(ch));
      long headMs = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(200, head.status());
      assertTrue(headMs < 250, "wait head took " + headMs + " ms: it must not wait for the exit");
      String body = new String(RawDockerClient.dechunk(RawDockerClient.readAll(ch)), StandardCharsets.UTF_8);
      assertEquals(3, new JsonObject(body.trim()).getInteger("StatusCode"));
    }
  }

  @Test
  void abandonedWaitIsCancelledOnTheNode() throws Exception {
    int before = h.node.abandonedWaits.get();
    try (SocketChannel ch = client.open()) {
      RawDockerClient.write(ch, ("POST /v1.41/containers/web1/wait?condition=next-exit HTTP/1.1\r\nHost: x\r\n"
          + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      assertEquals(200, ResponseHead.parse(RawDockerClient.readHead(ch)).status());
    }
    long deadline = System.currentTimeMillis() + 3000;
    while (h.node.abandonedWaits.get() == before && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(before + 1, h.node.abandonedWaits.get(), "the proxied wait must be reset when the client leaves");
  }

  @Test
  void imagesListInspectHistoryAndPull() throws Exception {
    JsonArray images41 = client.get("/v1.41/images/json").jsonArray();
    assertEquals("busybox:latest", images41.getJsonObject(0).getJsonArray("RepoTags").getString(0));
    assertTrue(images41.getJsonObject(0).containsKey("VirtualSize"));
    assertTrue(!client.get("/v1.47/images/json").jsonArray().getJsonObject(0).containsKey("VirtualSize"));
    JsonObject inspect = client.get("/v1.41/images/busybox/json").json();
    assertEquals(FakeServices.BUSYBOX_ID, inspect.getString("Id"));
    assertEquals("layers", inspect.getJsonObject("RootFS").getString("Type"));
    assertEquals(404, client.get("/v1.41/images/nosuch/json").status());
    assertEquals(1, client.get("/v1.41/images/busybox/history").jsonArray().size());
    RawDockerClient.Response pull = client.post("/v1.41/images/create?fromImage=docker.io%2Flibrary%2Fbusybox&tag=latest", null);
    assertEquals(200, pull.status());
    assertEquals("Status: Image is up to date for busybox:latest", new JsonObject(pull.text().trim()).getString("status"));
    RawDockerClient.Response missing = client.post("/v1.41/images/create?fromImage=nosuch&tag=1", null);
    assertEquals(404, missing.status());
    assertEquals("manifest for nosuch:1 not found: manifest unknown: manifest unknown",
        missing.json().getString("message"));
  }

  @Test
  void eventsReplayHistoryWithinTheWindow() throws Exception {
    long now = System.currentTimeMillis() * 1_000_000L;
    Bus.publish(h.vertx.eventBus(), Addresses.EVENTS, new WharfEvent("container", "start", RUNNING_ID,
        Map.of("name", "web1", "image", "busybox"), now, "n1"));
    Bus.publish(h.vertx.eventBus(), Addresses.EVENTS, new WharfEvent("image", "tag", FakeServices.BUSYBOX_ID,
        Map.of("name", "busybox:x"), now + 1, "n1"));
    Thread.sleep(100);
    long since = now / 1_000_000_000L - 1;
    long until = now / 1_000_000_000L + 1;
    String filters = URLEncoder.encode("{\"type\":{\"container\":true}}", StandardCharsets.UTF_8);
    RawDockerClient.Response r = client.get("/v1.41/events?since=" + since + "&until=" + until + "&filters=" + filters);
    assertEquals(200, r.status());
    String[] lines = r.text().trim().split("\n");
    assertEquals(1, lines.length, r.text());
    JsonObject e = new JsonObject(lines[0]);
    assertEquals("start", e.getString("status"));
    assertEquals("busybox", e.getString("from"));
    assertEquals("web1", e.getJsonObject("Actor").getJsonObject("Attributes").getString("name"));
    assertEquals("local", e.getString("scope"));
    assertEquals(now, e.getLong("timeNano"));
  }

  @Test
  void eventsStreamLiveEvents() throws Exception {
    try (SocketChannel ch = client.open()) {
      RawDockerClient.write(ch, "GET /v1.41/events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      assertEquals(200, ResponseHead.parse(RawDockerClient.readHead(ch)).status());
      Bus.publish(h.vertx.eventBus(), Addresses.EVENTS, new WharfEvent("network", "connect", "net1",
          Map.of("container", RUNNING_ID), System.currentTimeMillis() * 1_000_000L, "n1"));
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4096);
      ch.read(buf);
      String chunk = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
      assertTrue(chunk.contains("\"Type\":\"network\""), chunk);
      assertTrue(!chunk.contains("\"status\""), chunk);
    }
  }

  @Test
  void errorsWithoutImplementationAreNotHtml() throws Exception {
    RawDockerClient.Response r = client.post("/v1.41/swarm/init", null);
    assertEquals(404, r.status());
    assertNull(r.header("content-type") == null ? null : (r.header("content-type").contains("html") ? "html" : null));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
