package io.wharf.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.network.IpamPool;
import io.wharf.api.network.NetworkRequests;
import io.wharf.api.network.NetworkRequests.Attached;
import io.wharf.api.network.NetworkRequests.Connect;
import io.wharf.api.network.NetworkRequests.Create;
import io.wharf.api.network.NetworkRequests.Details;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Networks survive the cluster: a verticle with a {@code dataRoot} saves what it changes, and a
 * fresh Vert.x (a restarted daemon) on the same data root has the same networks, ids, subnets,
 * endpoints and taken addresses. A failed write fails the operation and leaves nothing behind.
 */
class NetworkRestoreTest {
  @TempDir
  Path dataRoot;

  private Vertx vertx;

  @AfterEach
  void close() throws Exception {
    if (vertx != null) {
      await(vertx.close());
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<?> f) throws Exception {
    return await(f.map(x -> (Throwable) null).otherwise(t -> t));
  }

  /** A new Vert.x (the daemon restarted) with the network-service on the data root. */
  private void startDaemon() throws Exception {
    if (vertx != null) {
      await(vertx.close());
    }
    vertx = Vertx.vertx();
    await(vertx.deployVerticle(new NetworkVerticle(),
        new DeploymentOptions().setConfig(new JsonObject().put("dataRoot", dataRoot.toString()))));
  }

  private <T> Future<T> request(String address, Object body, Class<T> type) {
    return Bus.request(vertx.eventBus(), address, body, type);
  }

  private Future<NetworkRequests.Created> create(String name, String subnet) {
    return request(Addresses.NETWORK_CREATE, new Create(name, "bridge", false, false, Map.of(), Map.of(),
        List.of(new IpamPool(subnet, null, null, null))), NetworkRequests.Created.class);
  }

  private Future<Attached> connect(String net, String cid) {
    return request(Addresses.NETWORK_CONNECT, new Connect(net, cid, "name-" + cid, null, List.of("a"), false),
        Attached.class);
  }

  private Future<Details> inspect(String ref) {
    return request(Addresses.NETWORK_INSPECT, new NetworkRequests.Ref(ref), Details.class);
  }

  private static String cid(char c) {
    return String.valueOf(c).repeat(64);
  }

  @Test
  void networksEndpointsAndAddressesSurviveARestart() throws Exception {
    startDaemon();
    Details bridgeBefore = await(inspect("bridge"));
    String id = await(create("keep", "10.91.0.0/24")).id();
    await(create("gone", "10.92.0.0/24"));
    assertEquals("10.91.0.2", await(connect("keep", cid('a'))).endpoint().ipv4());
    assertEquals("10.91.0.3", await(connect("keep", cid('b'))).endpoint().ipv4());
    await(request(Addresses.NETWORK_DISCONNECT, new NetworkRequests.Disconnect("keep", cid('a'), false), Attached.class));
    await(request(Addresses.NETWORK_REMOVE, new NetworkRequests.Ref("gone"), Object.class));

    startDaemon();
    Details keep = await(inspect("keep"));
    assertEquals(id, keep.network().id());
    assertEquals("10.91.0.0/24", keep.network().pools().get(0).subnet());
    assertEquals(List.of(cid('b')), keep.endpoints().stream().map(e -> e.containerId()).toList());
    assertEquals("10.91.0.3", keep.endpoints().get(0).ipv4());
    assertEquals(bridgeBefore.network(), await(inspect("bridge")).network());
    assertEquals(ErrorCategory.NOT_FOUND, WharfException.of(failure(inspect("gone"))).category());
    assertEquals("10.91.0.2", await(connect("keep", cid('c'))).endpoint().ipv4(), "freed address is free again");
    assertEquals("10.91.0.4", await(connect("keep", cid('d'))).endpoint().ipv4(), ".3 is still taken");
    assertEquals("endpoint with name name-" + cid('b') + " already exists in network keep",
        failure(connect("keep", cid('b'))).getMessage());
    Throwable overlap = failure(create("again", "10.91.0.0/25"));
    assertTrue(overlap.getMessage().contains("Pool overlaps"), overlap.getMessage());
  }

  @Test
  void aFailedWriteFailsTheOperationAndLeavesNothing() throws Exception {
    startDaemon();
    String id = await(create("w", "10.93.0.0/24")).id();
    Path endpoints = dataRoot.resolve("networks").resolve(id).resolve("endpoints");
    Files.writeString(endpoints, "a file where the directory should be");
    Throwable t = failure(connect("w", cid('a')));
    assertEquals(ErrorCategory.INTERNAL, WharfException.of(t).category(), t.getMessage());
    assertEquals(List.of(), await(inspect("w")).endpoints());
    Files.delete(endpoints);
    assertEquals("10.93.0.2", await(connect("w", cid('a'))).endpoint().ipv4(), "the address was given back");

    Path networks = dataRoot.resolve("networks");
    Path aside = dataRoot.resolve("aside");
    Files.move(networks, aside);
    Files.writeString(networks, "blocked");
    Throwable c = failure(create("x", "10.94.0.0/24"));
    assertEquals(ErrorCategory.INTERNAL, WharfException.of(c).category(), c.getMessage());
    Files.delete(networks);
    Files.move(aside, networks);
    assertEquals("x", await(inspect(await(create("x", "10.94.0.0/24")).id())).network().name(),
        "the name was given back");
  }

  @Test
  void aClusterThatHasNetworksAlreadyKeepsThem() throws Exception {
    startDaemon();
    await(create("mine", "10.95.0.0/24"));
    await(vertx.close());
    vertx = Vertx.vertx();
    await(vertx.deployVerticle(new NetworkVerticle())); // another member, up first, without files
    await(vertx.deployVerticle(new NetworkVerticle(),
        new DeploymentOptions().setConfig(new JsonObject().put("dataRoot", dataRoot.toString()))));
    assertEquals(ErrorCategory.NOT_FOUND, WharfException.of(failure(inspect("mine"))).category());
    try (Stream<Path> files = Files.list(dataRoot.resolve("networks"))) {
      assertTrue(files.count() >= 1, "the files stay");
    }
  }
}
