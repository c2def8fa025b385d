package io.wharf.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The verticle over real (local) Vert.x shared-data maps, driven through the event bus. */
@ExtendWith(VertxExtension.class)
class NetworkVerticleTest {
  private Vertx vertx;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    this.vertx = vertx;
    vertx.deployVerticle(new NetworkVerticle()).onComplete(ctx.succeedingThenComplete());
  }

  private Future<NetworkRequests.Created> create(String name, String subnet) {
    List<IpamPool> pools = subnet == null ? List.of() : List.of(new IpamPool(subnet, null, null, null));
    return Bus.request(vertx.eventBus(), Addresses.NETWORK_CREATE,
        new Create(name, "bridge", false, false, Map.of("k", "v"), Map.of(), pools), NetworkRequests.Created.class);
  }

  private Future<Details> inspect(String ref) {
    return Bus.request(vertx.eventBus(), Addresses.NETWORK_INSPECT, new NetworkRequests.Ref(ref), Details.class);
  }

  private Future<Attached> connect(String net, String cid, String ip) {
    return Bus.request(vertx.eventBus(), Addresses.NETWORK_CONNECT,
        new Connect(net, cid, "name-" + cid, ip, List.of("alias1"), false), Attached.class);
  }

  private Future<?> remove(String ref) {
    return Bus.request(vertx.eventBus(), Addresses.NETWORK_REMOVE, new NetworkRequests.Ref(ref), Object.class);
  }

  private static void assertFailure(Throwable t, ErrorCategory category, String message) {
    WharfException e = WharfException.of(t);
    assertEquals(category, e.category(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void hasTheBuiltinNetworks(VertxTestContext ctx) {
    Bus.request(vertx.eventBus(), Addresses.NETWORK_LIST, new NetworkRequests.Filtered(Map.of()),
        NetworkRequests.Listing.class).onComplete(ctx.succeeding(l -> ctx.verify(() -> {
          assertEquals(List.of("bridge", "host", "none"), l.networks().stream().map(d -> d.network().name()).toList());
          assertEquals("172.17.0.1", l.networks().get(0).network().pools().get(0).gateway());
          ctx.completeNow();
        })));
  }

  @Test
  void createsAndInspectsByNameAndIdPrefix(VertxTestContext ctx) {
    create("net1", null)
        .compose(c -> inspect("net1").compose(byName -> inspect(c.id().substring(0, 6)).map(byId -> {
          assertEquals(byName.network(), byId.network());
          return byName;
        })))
        .onComplete(ctx.succeeding(d -> ctx.verify(() -> {
          assertEquals("172.18.0.0/16", d.network().pools().get(0).subnet());
          assertEquals(Map.of("k", "v"), d.network().labels());
          ctx.completeNow();
        })));
  }

  @Test
  void refusesADuplicateNameAndAnOverlappingSubnet(VertxTestContext ctx) {
    create("dup", "10.77.0.0/24")
        .compose(c -> create("dup", "10.78.0.0/24"))
        .onComplete(ctx.failing(t -> ctx.verify(() -> {
          assertFailure(t, ErrorCategory.CONFLICT, "network with name dup already exists");
          create("other", "10.77.0.0/25").onComplete(ctx.failing(t2 -> ctx.verify(() -> {
            assertFailure(t2, ErrorCategory.PERMISSION_DENIED, "Pool overlaps");
            ctx.completeNow();
          })));
        })));
  }

  @Test
  void connectsWithPickedAndRequestedAddresses(VertxTestContext ctx) {
    create("appnet", "10.80.0.0/24")
        .compose(c -> connect("appnet", "c1", null))
        .compose(a -> {
          assertEquals("10.80.0.2", a.endpoint().ipv4());
          return connect("appnet", "c2", "10.80.0.9");
        })
        .compose(a -> {
          assertEquals("02:42:0a:50:00:09", a.endpoint().mac());
          return connect("appnet", "c3", "10.80.0.9");
        })
        .onComplete(ctx.failing(t -> ctx.verify(() -> {
          assertFailure(t, ErrorCategory.FAILED_PRECONDITION, "Address already in use");
          inspect("appnet").onComplete(ctx.succeeding(d -> ctx.verify(() -> {
            assertEquals(2, d.endpoints().size());
            ctx.completeNow();
          })));
        })));
  }

  private Future<NetworkRequests.Renamed> rename(String cid, String name) {
    return Bus.request(vertx.eventBus(), Addresses.NETWORK_RENAME, new NetworkRequests.Rename(cid, name),
        NetworkRequests.Renamed.class);
  }

  @Test
  void renamesEveryEndpointOfTheContainerOnly(VertxTestContext ctx) {
    create("ren1", "10.81.0.0/24").compose(c -> create("ren2", "10.82.0.0/24"))
        .compose(c -> connect("ren1", "c1", null)).compose(a -> connect("ren2", "c1", null))
        .compose(a -> connect("ren1", "c2", null))
        .compose(a -> rename("c1", "fresh"))
        .compose(r -> {
          assertEquals(2, r.endpoints());
          return rename("nobody", "x");
        })
        .compose(r -> {
          assertEquals(0, r.endpoints());
          return inspect("ren1");
        })
        .onComplete(ctx.succeeding(d -> ctx.verify(() -> {
          Map<String, String> names = new java.util.TreeMap<>();
          d.endpoints().forEach(e -> names.put(e.containerId(), e.containerName()));
          assertEquals(Map.of("c1", "fresh", "c2", "name-c2"), names);
          assertEquals(List.of("alias1"), d.endpoints().get(0).aliases());
          ctx.completeNow();
        })));
  }

  @Test
  void refusesARenameWithoutContainerOrName(VertxTestContext ctx) {
    rename("c1", "").onComplete(ctx.failing(t -> ctx.verify(() -> {
      assertFailure(t, ErrorCategory.INVALID_ARGUMENT, "new name");
      ctx.completeNow();
    })));
  }

  @Test
  void refusesToRemoveANetworkInUseUntilDisconnected(VertxTestContext ctx) {
    create("busy", "10.81.0.0/24")
        .compose(c -> connect("busy", "c1", null))
        .compose(a -> remove("busy").map(x -> (Throwable) null).otherwise(t -> t))
        .compose(err -> {
          assertFailure(err, ErrorCategory.PERMISSION_DENIED,
              "error while removing network: network busy id ");
          assertTrue(err.getMessage().endsWith(" has active endpoints"));
          return Bus.request(vertx.eventBus(), Addresses.NETWORK_DISCONNECT,
              new NetworkRequests.Disconnect("busy", "c1", false), Attached.class);
        })
        .compose(a -> remove("busy"))
        .compose(v -> inspect("busy"))
        .onComplete(ctx.failing(t -> ctx.verify(() -> {
          assertFailure(t, ErrorCategory.NOT_FOUND, "network busy not found");
          ctx.completeNow();
        })));
  }

  @Test
  void refusesToRemoveOrCreateBuiltins(VertxTestContext ctx) {
    remove("bridge").onComplete(ctx.failing(t -> ctx.verify(() -> {
      assertFailure(t, ErrorCategory.PERMISSION_DENIED, "bridge is a pre-defined network and cannot be removed");
      create("host", null).onComplete(ctx.failing(t2 -> ctx.verify(() -> {
        assertFailure(t2, ErrorCategory.PERMISSION_DENIED, "host is a pre-defined network and cannot be created");
        ctx.completeNow();
      })));
    })));
  }

  @Test
  void prunesOnlyUnusedCustomNetworks(VertxTestContext ctx) {
    create("p1", "10.82.0.0/24").compose(c -> create("p2", "10.83.0.0/24"))
        .compose(c -> connect("p2", "c1", null))
        .compose(a -> Bus.request(vertx.eventBus(), Addresses.NETWORK_PRUNE,
            new NetworkRequests.Filtered(Map.of()), NetworkRequests.Pruned.class))
        .onComplete(ctx.succeeding(p -> ctx.verify(() -> {
          assertEquals(List.of("p1"), p.names());
          ctx.completeNow();
        })));
  }

  @Test
  void rejectsUnknownFiltersDriversAndBadNames(VertxTestContext ctx) {
    Bus.request(vertx.eventBus(), Addresses.NETWORK_LIST, new NetworkRequests.Filtered(Map.of("colour", List.of("x"))),
        NetworkRequests.Listing.class).onComplete(ctx.failing(t -> ctx.verify(() -> {
          assertFailure(t, ErrorCategory.INVALID_ARGUMENT, "invalid filter 'colour'");
          Bus.request(vertx.eventBus(), Addresses.NETWORK_CREATE,
              new Create("n", "macvlan", false, false, null, null, null), NetworkRequests.Created.class)
              .onComplete(ctx.failing(t2 -> ctx.verify(() -> {
                assertFailure(t2, ErrorCategory.NOT_FOUND, "plugin \"macvlan\" not found");
                create("-bad", null).onComplete(ctx.failing(t3 -> ctx.verify(() -> {
                  assertFailure(t3, ErrorCategory.INVALID_ARGUMENT, "invalid network name");
                  ctx.completeNow();
                })));
              })));
        })));
  }
}
