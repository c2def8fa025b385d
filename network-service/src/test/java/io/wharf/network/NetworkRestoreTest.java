package io.wharf.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.WharfException;
import io.wharf.api.event.WharfEvent;
import io.wharf.api.network.IpamPool;
import io.wharf.api.network.NetworkRequests;
import io.wharf.api.network.NetworkRequests.Attached;
import io.wharf.api.network.NetworkRequests.Connect;
import io.wharf.api.network.NetworkRequests.Details;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a dataRoot, a network-service started on fresh (empty) maps gets back the networks and
 * endpoints the previous one had: the one-node daemon restart. Also: create/destroy events.
 */
class NetworkRestoreTest {
  @TempDir
  Path dataRoot;

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private Vertx started() throws Exception {
    Vertx vertx = Vertx.vertx();
    await(vertx.deployVerticle(new NetworkVerticle(),
        new DeploymentOptions().setConfig(new JsonObject().put("dataRoot", dataRoot.toString()))));
    return vertx;
  }

  @Test
  void networksEndpointsAndAddressesSurviveARestartOnEmptyMaps() throws Exception {
    Vertx first = started();
    List<WharfEvent> events = new CopyOnWriteArrayList<>();
    await(first.eventBus().<io.vertx.core.buffer.Buffer>consumer(Addresses.EVENTS,
        m -> events.add(io.wharf.api.Json.read(m.body().getBytes(), WharfEvent.class))).completion());
    var created = await(Bus.request(first.eventBus(), Addresses.NETWORK_CREATE, new NetworkRequests.Create("front",
        "bridge", false, false, Map.of(), Map.of(), List.of(new IpamPool("10.61.0.0/24", null, null, null))),
        NetworkRequests.Created.class));
    Attached a = await(Bus.request(first.eventBus(), Addresses.NETWORK_CONNECT,
        new Connect("front", "c1", "web", null, List.of("www"), false), Attached.class));
    await(Bus.request(first.eventBus(), Addresses.NETWORK_CONNECT,
        new Connect("bridge", "c1b", "def", null, List.of(), true), Attached.class));
    await(first.close());
    assertTrue(Files.list(dataRoot.resolve("networks")).count() >= 3);

    Vertx second = started();
    try {
      Details d = await(Bus.request(second.eventBus(), Addresses.NETWORK_INSPECT, new NetworkRequests.Ref("front"),
          Details.class));
      assertEquals(created.id(), d.network().id());
      assertEquals(List.of(a.endpoint()), d.endpoints());
      // the address stays taken: the next container gets the next one
      Attached next = await(Bus.request(second.eventBus(), Addresses.NETWORK_CONNECT,
          new Connect("front", "c2", "db", null, List.of(), false), Attached.class));
      assertEquals("10.61.0.3", next.endpoint().ipv4());
      Details bridge = await(Bus.request(second.eventBus(), Addresses.NETWORK_INSPECT,
          new NetworkRequests.Ref("bridge"), Details.class));
      assertEquals(List.of("c1b"), bridge.endpoints().stream().map(e -> e.containerId()).toList());
      WharfException inUse = WharfException.of(org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
          () -> await(Bus.request(second.eventBus(), Addresses.NETWORK_REMOVE, new NetworkRequests.Ref("front"),
              Object.class))).getCause());
      assertTrue(inUse.getMessage().contains("has active endpoints"), inUse.getMessage());
    } finally {
      await(second.close());
    }
    assertEquals("create front bridge", events.get(0).action() + " " + events.get(0).attributes().get("name")
        + " " + events.get(0).attributes().get("type"));
    assertEquals(created.id(), events.get(0).actorId());
  }
}
