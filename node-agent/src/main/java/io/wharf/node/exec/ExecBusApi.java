package io.wharf.node.exec;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.wharf.api.Addresses;
import io.wharf.api.Addresses.NodeOp;
import io.wharf.api.Bus;
import io.wharf.api.Json;
import io.wharf.api.event.WharfEvent;
import io.wharf.api.exec.ExecRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Binds this node's exec operations to {@link ExecService}, and forgets a container's execs when
 * the events topic says this node's container died or was destroyed.
 */
public final class ExecBusApi {
  private static final Set<String> CONTAINER_GONE = Set.of("die", "destroy");

  private ExecBusApi() {}

  public static List<MessageConsumer<?>> bind(Vertx vertx, String nodeId, ExecService execs) {
    List<MessageConsumer<?>> consumers = new ArrayList<>();
    var bus = vertx.eventBus();
    consumers.add(Bus.serve(bus, NodeOp.EXEC_CREATE.on(nodeId), ExecRequests.Create.class, execs::create));
    consumers.add(Bus.serve(bus, NodeOp.EXEC_INSPECT.on(nodeId), ExecRequests.Ref.class, req -> execs.inspect(req.id())));
    consumers.add(Bus.serve(bus, NodeOp.EXEC_RESIZE.on(nodeId), ExecRequests.Resize.class,
        req -> execs.resize(req.id(), req.height(), req.width()).map(new ExecRequests.Ref(req.id()))));
    consumers.add(bus.<io.vertx.core.buffer.Buffer>localConsumer(Addresses.EVENTS, msg -> {
      WharfEvent e;
      try {
        e = Json.read(msg.body().getBytes(), WharfEvent.class);
      } catch (RuntimeException ex) {
        return;
      }
      if (nodeId.equals(e.nodeId()) && "container".equals(e.type()) && CONTAINER_GONE.contains(e.action())) {
        execs.containerGone(e.actorId());
      }
    }));
    return consumers;
  }
}
