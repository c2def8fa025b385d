package io.wharf.gateway.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.WharfException;
import io.wharf.api.volume.VolumeRecord;
import io.wharf.api.volume.VolumeRequests;
import io.wharf.gateway.GatewayHarness;
import io.wharf.gateway.RawDockerClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The /volumes routes over the gateway's socket, with a fake volume service on the bus. */
class VolumeRoutesTest {
  private static GatewayHarness h;
  private static final List<Object> requests = new CopyOnWriteArrayList<>();
  private static final VolumeRecord VV1 = new VolumeRecord("vv1", "local", "/d/volumes/vv1/_data",
      Map.of("a", "b"), Map.of(), "2026-11-27T17:33:56Z", "n1", false, List.of());

  @BeforeAll
  static void start() throws Exception {
    h = new GatewayHarness();
    var bus = h.vertx.eventBus();
    Bus.serve(bus, Addresses.VOLUME_CREATE, VolumeRequests.Create.class, req -> {
      requests.add(req);
      return Future.succeededFuture(new VolumeRecord(req.name(), "local", "/m", req.labels(), req.driverOpts(),
          "2026-11-27T17:33:56Z", "n1", false, List.of()));
    });
    Bus.serve(bus, Addresses.VOLUME_INSPECT, VolumeRequests.Name.class, req -> req.name().equals("vv1")
        ? Future.succeededFuture(VV1) : Future.failedFuture(WharfException.notFound("get " + req.name()
        + ": no such volume")));
    Bus.serve(bus, Addresses.VOLUME_LIST, VolumeRequests.ListVolumes.class, req -> {
      requests.add(req);
      return Future.succeededFuture(List.of(VV1));
    });
    Bus.serve(bus, Addresses.VOLUME_REMOVE, VolumeRequests.Remove.class, req -> req.name().equals("busy1")
        ? Future.failedFuture(WharfException.conflict("remove busy1: volume is in use - [c1]"))
        : Future.succeededFuture(new JsonObject().getMap()));
    Bus.serve(bus, Addresses.VOLUME_PRUNE, VolumeRequests.Prune.class, req -> {
      requests.add(req);
      return Future.succeededFuture(new VolumeRequests.Pruned(List.of("pv1"), 7));
    });
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void createSendsLabelsAndOptionsAndAnswers201() throws Exception {
    RawDockerClient.Response r = h.client.post("/v1.41/volumes/create",
        "{\"Name\":\"new1\",\"Driver\":\"local\",\"Labels\":{\"k\":\"v\"},\"DriverOpts\":{\"type\":\"tmpfs\"}}");
    assertEquals(201, r.status());
    JsonObject v = r.json();
    assertEquals("new1", v.getString("Name"));
    assertEquals("v", v.getJsonObject("Labels").getString("k"));
    assertEquals("tmpfs", v.getJsonObject("Options").getString("type"));
    assertEquals("local", v.getString("Scope"));
  }

  @Test
  void badBodyIs400() throws Exception {
    RawDockerClient.Response r = h.client.post("/v1.41/volumes/create", "{not json");
    assertEquals(400, r.status());
  }

  @Test
  void inspectListAndDockerShapes() throws Exception {
    JsonObject v = h.client.get("/v1.41/volumes/vv1").json();
    assertEquals("/d/volumes/vv1/_data", v.getString("Mountpoint"));
    assertNull(v.getValue("Options"));
    RawDockerClient.Response missing = h.client.get("/v1.41/volumes/nope1");
    assertEquals(404, missing.status());
    assertEquals("get nope1: no such volume", missing.json().getString("message"));
    String filters = URLEncoder.encode("{\"label\":[\"a=b\"],\"dangling\":[\"true\"]}", StandardCharsets.UTF_8);
    JsonObject list = h.client.get("/v1.41/volumes?filters=" + filters).json();
    assertEquals("vv1", list.getJsonArray("Volumes").getJsonObject(0).getString("Name"));
    assertTrue(requests.contains(new VolumeRequests.ListVolumes(Map.of("label", List.of("a=b"),
        "dangling", List.of("true")))), requests.toString());
  }

  @Test
  void removeIs204Or409() throws Exception {
    assertEquals(204, h.client.call("DELETE", "/v1.41/volumes/vv1", null).status());
    RawDockerClient.Response busy = h.client.call("DELETE", "/v1.41/volumes/busy1", null);
    assertEquals(409, busy.status());
    assertEquals("remove busy1: volume is in use - [c1]", busy.json().getString("message"));
  }

  @Test
  void pruneIsAllBefore142AndAnonymousOnlyAfterUnlessAll() throws Exception {
    JsonObject old = h.client.post("/v1.41/volumes/prune", null).json();
    assertEquals("pv1", old.getJsonArray("VolumesDeleted").getString(0));
    assertEquals(7, old.getInteger("SpaceReclaimed"));
    h.client.post("/v1.43/volumes/prune", null);
    String all = URLEncoder.encode("{\"all\":[\"true\"]}", StandardCharsets.UTF_8);
    h.client.post("/v1.43/volumes/prune?filters=" + all, null);
    List<Boolean> flags = requests.stream().filter(r -> r instanceof VolumeRequests.Prune)
        .map(r -> ((VolumeRequests.Prune) r).all()).toList();
    assertEquals(List.of(true, false, true), flags);
  }
}
