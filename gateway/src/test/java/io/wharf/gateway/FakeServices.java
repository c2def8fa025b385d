package io.wharf.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.wharf.api.Addresses;
import io.wharf.api.Addresses.NodeOp;
import io.wharf.api.Bus;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerDetails;
import io.wharf.api.container.ContainerRequests;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.image.HistoryEntry;
import io.wharf.api.image.ImageConfig;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageRequests;
import io.wharf.api.image.ImageSummary;
import io.wharf.api.image.LayerRef;
import io.wharf.api.node.NodeRecord;
import io.wharf.api.node.Placement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory stand-ins for the scheduler, one node agent ("n1") and the image registry, bound to
 * the real addresses with {@link Bus#serve}, so the gateway talks to them exactly as to the real
 * services. The node publishes its containers to the CONTAINERS map as a real node does.
 */
public final class FakeServices {
  public static final String NODE = "n1";
  public static final String TOKEN = "test-token";
  public static final String BUSYBOX_ID = "sha256:" + "b".repeat(64);

  private final Vertx vertx;
  public final Map<String, ContainerSummary> containers = new ConcurrentHashMap<>();
  private final AtomicInteger counter = new AtomicInteger();

  public FakeServices(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Void> start(String nodeUrl, String registryUrl) {
    var bus = vertx.eventBus();
    Bus.serve(bus, Addresses.SCHEDULER_PLACE, Placement.Request.class, r -> Future.succeededFuture(new Placement.Decision(NODE)));
    Bus.serve(bus, NodeOp.CONTAINER_CREATE.on(NODE), ContainerRequests.Create.class, this::create);
    Bus.serve(bus, NodeOp.CONTAINER_INSPECT.on(NODE), ContainerRequests.Inspect.class, r -> Future.succeededFuture(details(get(r.id()))));
    Bus.serve(bus, NodeOp.CONTAINER_START.on(NODE), ContainerRequests.Ref.class, r -> transition(r.id(), ContainerState.RUNNING));
    Bus.serve(bus, NodeOp.CONTAINER_STOP.on(NODE), ContainerRequests.Stop.class, r -> transition(r.id(), ContainerState.EXITED));
    Bus.serve(bus, NodeOp.CONTAINER_KILL.on(NODE), ContainerRequests.Kill.class, this::kill);
    Bus.serve(bus, NodeOp.CONTAINER_REMOVE.on(NODE), ContainerRequests.Remove.class, this::remove);
    Bus.serve(bus, Addresses.IMAGE_LIST, ImageRequests.ListImages.class, r -> Future.succeededFuture(List.of(busybox())));
    Bus.serve(bus, Addresses.IMAGE_INSPECT, ImageRequests.Ref.class, r -> image(r.name()));
    Bus.serve(bus, Addresses.IMAGE_HISTORY, ImageRequests.Ref.class, r -> image(r.name()).map(ImageDetails::history));
    // A heartbeat an hour ahead: the fake node never beats again but must stay alive (LostNodes).
    NodeRecord node = new NodeRecord(NODE, "node1", nodeUrl, 2, 2L << 30, "6.1.0", "Test OS", Map.of(),
        System.currentTimeMillis() + 3_600_000);
    var shared = vertx.sharedData();
    return shared.<String, String>getAsyncMap(ClusterMaps.NODES).compose(m -> m.put(NODE, Json.string(node)))
        .compose(v -> shared.<String, String>getAsyncMap(ClusterMaps.CLUSTER))
        .compose(m -> m.put(ClusterMaps.ClusterKeys.TOKEN, TOKEN)
            .compose(v -> registryUrl == null ? Future.succeededFuture() : m.put(ClusterMaps.ClusterKeys.REGISTRY_URL, registryUrl)));
  }

  /** Adds a container directly (as if created earlier), returning it once it is in the map. */
  public Future<ContainerSummary> add(String id, String name, ContainerState state) {
    long now = System.currentTimeMillis() * 1_000_000L;
    ContainerSummary c = new ContainerSummary(id, name, NODE, "busybox", BUSYBOX_ID, "sleep 300", now - 5_000_000_000L,
        state, 0, state == ContainerState.RUNNING ? now - 3_000_000_000L : 0, 0, Map.of("k", "v"), "default", false, 0);
    return publish(c).map(c);
  }

  private Future<ContainerRequests.Created> create(ContainerRequests.Create req) {
    if (!"busybox".equals(req.spec().image())) {
      return Future.failedFuture(WharfException.notFound("No such image: " + req.spec().image() + ":latest"));
    }
    String id = String.format("%064x", 0xabc000 + counter.incrementAndGet());
    String name = req.spec().name() != null ? req.spec().name() : "auto_" + counter.get();
    ContainerSummary c = new ContainerSummary(id, name, NODE, req.spec().image(), BUSYBOX_ID,
        String.join(" ", req.spec().cmd() == null ? List.of("sh") : req.spec().cmd()), System.currentTimeMillis() * 1_000_000L,
        ContainerState.CREATED, 0, 0, 0, req.spec().labels(), req.spec().host().networkMode(), req.spec().tty(), 0);
    specs.put(id, req.spec());
    return publish(c).map(new ContainerRequests.Created(id, List.of()));
  }

  private final Map<String, io.wharf.api.container.ContainerSpec> specs = new ConcurrentHashMap<>();

  private Future<ContainerRequests.Outcome> transition(String id, ContainerState to) {
    ContainerSummary c = get(id);
    if (c.state() == to) {
      return Future.succeededFuture(new ContainerRequests.Outcome(false));
    }
    long now = System.currentTimeMillis() * 1_000_000L;
    ContainerSummary next = new ContainerSummary(c.id(), c.name(), c.nodeId(), c.image(), c.imageId(), c.command(),
        c.createdNanos(), to, to == ContainerState.EXITED ? 137 : 0, to == ContainerState.RUNNING ? now : c.startedNanos(),
        to == ContainerState.EXITED ? now : c.finishedNanos(), c.labels(), c.networkMode(), c.tty(), 0);
    return publish(next).map(new ContainerRequests.Outcome(true));
  }

  private Future<Void> kill(ContainerRequests.Kill req) {
    if (get(req.id()).state() != ContainerState.RUNNING) {
      return Future.failedFuture(WharfException.conflict("Cannot kill container: " + req.id() + ": Container "
          + req.id() + " is not running"));
    }
    return transition(req.id(), ContainerState.EXITED).mapEmpty();
  }

  private Future<Void> remove(ContainerRequests.Remove req) {
    ContainerSummary c = get(req.id());
    if (c.state() == ContainerState.RUNNING && !req.force()) {
      return Future.failedFuture(WharfException.conflict("You cannot remove a running container " + c.id()
          + ". Stop the container before attempting removal or force remove"));
    }
    containers.remove(c.id());
    return vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.CONTAINERS).compose(m -> m.remove(c.id())).mapEmpty();
  }

  private Future<Void> publish(ContainerSummary c) {
    containers.put(c.id(), c);
    return vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.CONTAINERS).compose(m -> m.put(c.id(), Json.string(c)));
  }

  private ContainerSummary get(String id) {
    ContainerSummary c = containers.get(id);
    if (c == null) {
      throw WharfException.notFound("No such container: " + id);
    }
    return c;
  }

  private ContainerDetails details(ContainerSummary c) {
    return new ContainerDetails(c, specs.get(c.id()), "sleep", List.of("300"), c.state() == ContainerState.RUNNING ? 4242 : 0,
        false, "", "/var/lib/wharf/containers/" + c.id() + "/ctr.log", "", "", "", Map.of("MergedDir", "/m"), 12, 1000);
  }

  static ImageSummary busybox() {
    return new ImageSummary(BUSYBOX_ID, List.of("busybox:latest"), List.of(), "", 1_700_000_000L, 2_000_000, null);
  }

  private static Future<ImageDetails> image(String name) {
    if (!List.of("busybox", "busybox:latest", "docker.io/library/busybox:latest", BUSYBOX_ID).contains(name)) {
      return Future.failedFuture(WharfException.notFound("no such image: " + name + ": No such image: " + name));
    }
    return Future.succeededFuture(new ImageDetails(busybox(), "2023-11-14T22:13:20Z", "", "", "", "amd64", "linux",
        new ImageConfig(null, List.of("PATH=/bin"), List.of("sh"), null, null, null, null, null, null, null),
        List.of(new LayerRef("sha256:" + "d".repeat(64), "sha256:" + "d".repeat(64), 2_000_000, "application/vnd.oci.image.layer.v1.tar")),
        List.of(new HistoryEntry(BUSYBOX_ID, 1_700_000_000L, "/bin/sh -c #(nop) CMD [\"sh\"]", List.of("busybox:latest"), 0, ""))));
  }
}
