package io.wharf.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.wharf.api.node.NodeRecord;
import io.wharf.node.cluster.ClusterView;
import io.wharf.node.exec.ExecBusApi;
import io.wharf.node.exec.ExecExitPoller;
import io.wharf.node.exec.ExecService;
import io.wharf.node.http.AttachHub;
import io.wharf.node.http.NodeHttpServer;
import io.wharf.node.runtime.RuncConmonExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent: owns the containers of this host. Thin: reads config, wires the plain classes,
 * recovers containers left from a previous run, then serves the event-bus operations and the
 * internal HTTP endpoint, and keeps this node's record in the cluster fresh.
 *
 * <p>Config: {@code dataRoot}, {@code runDir}, {@code nodeId}, {@code nodeName}, {@code bindHost}
 * (address of the internal HTTP endpoint), {@code runtime} (runc binary), {@code conmon} (binary).
 */
public final class NodeAgentVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAgentVerticle.class);
  private static final long HEARTBEAT_MS = 3_000;

  private WorkerExecutor workers;
  private List<MessageConsumer<?>> consumers = List.of();
  private long heartbeat = -1;
  private long execPoller = -1;
  private RuncConmonExecutor executor;

  @Override
  public Future<?> start() {
    JsonObject cfg = config();
    String nodeId = cfg.getString("nodeId", "node-1");
    String nodeName = cfg.getString("nodeName", nodeId);
    String bindHost = cfg.getString("bindHost", "127.0.0.1");
    NodePaths paths = new NodePaths(Path.of(cfg.getString("dataRoot", "/var/lib/wharf")),
        Path.of(cfg.getString("runDir", "/run/wharf")));
    workers = vertx.createSharedWorkerExecutor("wharf-node-" + nodeId, 16);
    ClusterView cluster = new ClusterView(vertx, nodeId);
    return cluster.clusterToken().compose(token -> workers.executeBlocking(() -> {
      executor = new RuncConmonExecutor(paths, cfg.getString("runtime", "runc"), cfg.getString("conmon", "conmon"));
      return new OverlayRootfs(paths);
    }, false).compose(rootfs -> {
      NodeContext node = new NodeContext(vertx, nodeId, paths, new ContainerStore(paths), executor, rootfs,
          cluster, ImageLookup.overBus(vertx.eventBus()), new ContainerFiles(paths, Path.of("/etc/resolv.conf")),
          new Waiters(), new AttachHub(paths), workers,
          () -> cluster.registryUrl().map(url -> new HttpBlobSource(url, token)));
      ContainerLifecycle lifecycle = new ContainerLifecycle(node);
      networking = new io.wharf.node.net.BridgeNetworking(vertx.eventBus(),
          vertx.sharedData(), workers,
          new io.wharf.node.net.LinkApplier(new io.wharf.node.net.HostNet()), node.files(),
          new io.wharf.node.net.EmbeddedDns(vertx, io.wharf.node.net.ResolvConf.upstreams(
              io.wharf.api.container.NameResolution.NONE, node.files().hostResolvConfText(),
              io.wharf.node.net.ResolvConf.readOrNull(Path.of("/run/systemd/resolve/resolv.conf")))),
          node.store()::get);
      networking.publishEventsTo((action, net, containerId) -> cluster.event("network", action, net.id(),
          Map.of("container", containerId, "name", net.name(),
              "type", net.driver() == null ? "null" : net.driver())));
      lifecycle.useNetworking(ports = new io.wharf.node.net.ports.PortPublishing(networking,
          new io.wharf.node.net.ports.PortPublisher(new io.wharf.node.net.HostNet(),
              io.wharf.node.net.ports.PortAllocator.onHost(), paths::containerDir),
          workers, vertx.sharedData(), nodeId));
      ContainerSignals signals = new ContainerSignals(lifecycle);
      ContainerRestarter restarter = new ContainerRestarter(lifecycle);
      ExecService execs = new ExecService(node, executor.runtime().exec());
      lifecycle.onExecIds(execs::liveExecIds);
      return new ContainerRecovery(node, lifecycle).run()
          .compose(v -> workers.executeBlocking(restarter::dueAtDaemonStart, false).map(due -> {
            restarter.startAll(due);
            return null;
          }))
          .compose(v -> workers.executeBlocking(() -> new io.wharf.node.build.NodeBuilder(
              new io.wharf.node.build.RegistryBuildImages(vertx.eventBus(), node.images(), cluster::registryUrl,
                  node.blobSources(), token),
              new io.wharf.node.build.NodeBuildWorkspace(node, lifecycle), paths.dataRoot()), false))
          .compose(builder -> new NodeHttpServer(node, token, execs, new ContainerFilesystem(lifecycle))
              .withBuilder(builder).listen(bindHost, cfg.getInteger("httpPort", 0)))
          .compose(server -> {
            HostFacts facts = HostFacts.read();
            String url = "http://" + bindHost + ":" + server.actualPort();
            Runnable beat = () -> cluster.register(new NodeRecord(nodeId, nodeName, url, facts.ncpu(),
                facts.memTotal(), facts.kernelVersion(), facts.operatingSystem(), Map.of(),
                System.currentTimeMillis())).onFailure(t -> LOG.warn("heartbeat failed: {}", t.getMessage()));
            beat.run();
            heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> beat.run());
            consumers = new java.util.ArrayList<>(NodeBusApi.bind(vertx.eventBus(), nodeId, lifecycle, signals));
            consumers.addAll(ExecBusApi.bind(vertx, nodeId, execs));
            execPoller = ExecExitPoller.start(vertx, execs, workers);
            LOG.info("node agent {} serving containers, internal endpoint {}", nodeId, url);
            return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
          });
    }));
  }

  @Override
  public Future<?> stop() {
    if (heartbeat >= 0) {
      vertx.cancelTimer(heartbeat);
    }
    if (execPoller >= 0) {
      vertx.cancelTimer(execPoller);
    }
    if (executor != null) {
      executor.close();
    }
    Future<Void> chains = ports == null ? Future.succeededFuture() : ports.shutdown();
    Future<Void> bridges = networking == null ? chains : chains.eventually(() -> networking.shutdown());
    return NodeBusApi.unbind(consumers).eventually(() -> bridges).eventually(() -> workers.close());
  }

  private io.wharf.node.net.BridgeNetworking networking;
  private io.wharf.node.net.ports.PortPublishing ports;
}
