package io.wharf.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ErrorCategory;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.event.WharfEvent;
import io.wharf.api.volume.VolumeRecord;
import io.wharf.api.volume.VolumeRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The verticle over a local event bus: every VOLUME_* address, its errors and its events. */
@ExtendWith(VertxExtension.class)
class VolumeVerticleTest {
  private static final TypeReference<List<VolumeRecord>> RECORDS = new TypeReference<>() {};
  @TempDir Path dir;
  private final List<WharfEvent> events = new CopyOnWriteArrayList<>();
  private Vertx vertx;

  @BeforeEach
  void deploy(Vertx vertx) {
    this.vertx = vertx;
    vertx.eventBus().<Buffer>consumer(Addresses.EVENTS,
        m -> events.add(Json.read(m.body().getBytes(), WharfEvent.class)));
    JsonObject config = new JsonObject().put("dataRoot", dir.toString()).put("nodeId", "n1");
    vertx.deployVerticle(new VolumeVerticle(), new DeploymentOptions().setConfig(config)).await();
  }

  private <T> T call(String address, Object body, Class<T> type) {
    return Bus.request(vertx.eventBus(), address, body, type).await();
  }

  private List<VolumeRecord> list(Map<String, List<String>> filters) {
    return Bus.<List<VolumeRecord>>request(vertx.eventBus(), Addresses.VOLUME_LIST,
        new VolumeRequests.ListVolumes(filters), Json.type(RECORDS)).await();
  }

  @Test
  void createListInspectRemove() {
    VolumeRecord v = call(Addresses.VOLUME_CREATE,
        new VolumeRequests.Create("vol1", "local", Map.of("k", "v"), Map.of()), VolumeRecord.class);
    assertEquals("n1", v.nodeId());
    assertTrue(Files.isDirectory(dir.resolve("volumes/vol1/_data")));
    List<VolumeRecord> listed = list(Map.of("label", List.of("k=v")));
    assertEquals(List.of("vol1"), listed.stream().map(VolumeRecord::name).toList());
    assertEquals("vol1", call(Addresses.VOLUME_INSPECT, new VolumeRequests.Name("vol1"), VolumeRecord.class).name());
    call(Addresses.VOLUME_REMOVE, new VolumeRequests.Remove("vol1", false), JsonNode.class);
    WharfException gone = assertThrows(WharfException.class,
        () -> call(Addresses.VOLUME_INSPECT, new VolumeRequests.Name("vol1"), VolumeRecord.class));
    assertEquals(ErrorCategory.NOT_FOUND, gone.category());
    assertEquals("get vol1: no such volume", gone.getMessage());
    assertTrue(events.stream().anyMatch(e -> e.action().equals("create") && e.actorId().equals("vol1")));
  }

  @Test
  void mountCountsReferencesAndReleaseDropsAnonymousVolumes() {
    VolumeRequests.Mounted m = call(Addresses.VOLUME_MOUNT, new VolumeRequests.Mount(null, "c1", true),
        VolumeRequests.Mounted.class);
    assertTrue(m.fresh());
    call(Addresses.VOLUME_MOUNT, new VolumeRequests.Mount("named1", "c1", false), VolumeRequests.Mounted.class);
    WharfException busy = assertThrows(WharfException.class,
        () -> call(Addresses.VOLUME_REMOVE, new VolumeRequests.Remove("named1", false), JsonNode.class));
    assertEquals(ErrorCategory.CONFLICT, busy.category());
    call(Addresses.VOLUME_RELEASE, new VolumeRequests.Release("c1", true), JsonNode.class);
    List<VolumeRecord> left = list(Map.of());
    assertEquals(List.of("named1"), left.stream().map(VolumeRecord::name).toList());
    assertTrue(left.get(0).usedBy().isEmpty());
  }

  @Test
  void badInputIsRefused() {
    WharfException name = assertThrows(WharfException.class, () -> call(Addresses.VOLUME_CREATE,
        new VolumeRequests.Create("x", null, null, null), VolumeRecord.class));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, name.category());
    WharfException filter = assertThrows(WharfException.class, () -> list(Map.of("colour", List.of("red"))));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, filter.category());
  }
}
