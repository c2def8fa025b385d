package io.wharf.node;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.wharf.api.Addresses.NodeOp;
import io.wharf.api.Bus;
import io.wharf.api.container.ContainerOps;
import io.wharf.api.container.ContainerRequests;
import io.wharf.api.network.NetworkRequests.Attached;
import java.util.ArrayList;
import java.util.List;

/** Binds this node's event-bus operations ({@link NodeOp}) to the lifecycle. */
final class NodeBusApi {
  private NodeBusApi() {}

  static List<MessageConsumer<?>> bind(EventBus bus, String nodeId, ContainerLifecycle lifecycle,
      ContainerSignals signals) {
    List<MessageConsumer<?>> consumers = new ArrayList<>();
    consumers.add(Bus.serve(bus, NodeOp.CONTAINER_CREATE.on(nodeId), ContainerRequests.Create.class,
        req -> lifecycle.create(req.spec())));
    consumers.add(Bus.serve(bus, NodeOp.CONTAINER_START.on(nodeId), ContainerRequests.Ref.class,
        req -> lifecycle.blocking(() -> {
          ContainerRestarter.manuallyStarted(lifecycle.node.paths(), req.id());
          return null;
        }).compose(v -> lifecycle.start(req.id()))));
    consumers.add(Bus.serve(bus, NodeOp.CONTAINER_STOP.on(nodeId), ContainerRequests.Stop.class,
        req -> signals.stop(req.id(), req.timeoutSeconds(), req.signal())));
    consumers.add(Bus.serve(bus, NodeOp.CONTAINER_RESTART.on(nodeId), ContainerRequests.Stop.class,
        req -> signals.restart(req.id(), req.timeoutSeconds(), req.signal()).map(new ContainerRequests.Outcome(true))));
    consumers.add(Bus.serve(bus, NodeOp.CONTAINER_KILL.on(nodeId), ContainerRequests.Kill.class,
        req -> signals.kill(req.id(), req.signal()).map(new ContainerRequests.Outcome(true))));
    consumers.add(Bus.serve(bus, NodeOp.CONTAINER_REMOVE.on(nodeId), ContainerRequests.Remove.class,
        req -> lifecycle.remove(req.id(), req.force(), req.removeVolumes()).map(new ContainerRequests.Outcome(true))));
    consumers.add(Bus.serve(bus, NodeOp.CONTAINER_INSPECT.on(nodeId), ContainerRequests.Inspect.class,
        req -> lifecycle.inspect(req.id(), req.size())));
    consumers.add(Bus.serve(bus, NodeOp.CONTAINER_RESIZE.on(nodeId), ContainerRequests.Resize.class,
        req -> signals.resize(req.id(), req.height(), req.width()).map(new ContainerRequests.Outcome(true))));
    consumers.add(Bus.serve(bus, NodeOp.CONTAINER_RENAME.on(nodeId), ContainerRequests.Rename.class,
        req -> lifecycle.rename(req.id(), req.newName()).map(new ContainerRequests.Outcome(true))));
    ContainerFreezer freezer = new ContainerFreezer(lifecycle);
    ContainerUpdater updater = new ContainerUpdater(lifecycle);
    consumers.add(Bus.serve(bus, NodeOp.CONTAINER_PAUSE.on(nodeId), ContainerRequests.Ref.class,
        req -> freezer.pause(req.id()).map(new ContainerRequests.Outcome(true))));
    consumers.add(Bus.serve(bus, NodeOp.CONTAINER_UNPAUSE.on(nodeId), ContainerRequests.Ref.class,
        req -> freezer.unpause(req.id()).map(new ContainerRequests.Outcome(true))));
    consumers.add(Bus.serve(bus, NodeOp.CONTAINER_UPDATE.on(nodeId), ContainerOps.Update.class, updater::update));
    consumers.add(Bus.serve(bus, NodeOp.CONTAINER_TOP.on(nodeId), ContainerOps.Top.class, req -> top(lifecycle, req)));
    consumers.add(Bus.serve(bus, NodeOp.NETWORK_ATTACH.on(nodeId), Attached.class,
        a -> lifecycle.networkChanged(a.endpoint().containerId(), a, true).map(new ContainerRequests.Outcome(true))));
    consumers.add(Bus.serve(bus, NodeOp.NETWORK_DETACH.on(nodeId), Attached.class,
        a -> lifecycle.networkChanged(a.endpoint().containerId(), a, false).map(new ContainerRequests.Outcome(true))));
    return consumers;
  }

  /** Docker's top: 409 unless running (a paused container's processes are listed too). */
  private static io.vertx.core.Future<ContainerOps.TopTable> top(ContainerLifecycle lifecycle, ContainerOps.Top req) {
    ContainerRecord r = lifecycle.node.store().require(req.id());
    if (!r.state().isLive()) {
      return io.vertx.core.Future.failedFuture(io.wharf.api.WharfException.conflict("Container " + r.id() + " is not running"));
    }
    if (r.state() == io.wharf.api.container.ContainerState.RESTARTING) {
      return io.vertx.core.Future.failedFuture(io.wharf.api.WharfException.conflict("Container " + r.id()
          + " is restarting, wait until the container is running"));
    }
    return lifecycle.blocking(() -> {
      io.wharf.node.stats.PsOutput.Table t = io.wharf.node.stats.ContainerTop.run(r.id(), r.pid(), req.psArgs());
      return new ContainerOps.TopTable(t.titles(), t.processes());
    });
  }

  static Future<Void> unbind(List<MessageConsumer<?>> consumers) {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

}
