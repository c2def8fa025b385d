package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerState;
import io.wharf.node.ContainerExecutor;
import io.wharf.node.ContainerRecord;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle's view of the executor: create, start, exit event, recover, delete (root only). */
class RuncConmonExecutorIT {
  private RuntimeFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    RuntimeFixture.requirePrivilegedHost();
    fx = new RuntimeFixture();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void runsAContainerAndReportsItsExit() throws Exception {
    String id = fx.newId();
    ContainerSpec spec = RuntimeFixture.spec(List.of("sh", "-c", "id -u; exit 7"), false, false, false,
        RuntimeFixture.host(0, null));
    ContainerRecord record = new ContainerRecord(id, "t", "node-1", spec, spec, "sha256:x", List.of(), 0,
        ContainerState.CREATED, 0, 0, 0, 0, false, "", 0);
    BlockingQueue<String> exits = new ArrayBlockingQueue<>(4);
    try (RuncConmonExecutor executor = new RuncConmonExecutor(fx.paths, "runc", "conmon")) {
      executor.onExit((exitedId, code) -> exits.add(exitedId + "=" + code));
      int pid = executor.create(record, fx.rootfs);
      assertTrue(pid > 0);
      assertEquals(new Reconciled.Created(pid), executor.runtime().reconcile(id));
      executor.start(id);
      assertEquals(id + "=7", exits.poll(20, TimeUnit.SECONDS));
      assertEquals(new ContainerExecutor.Recovered(ContainerExecutor.Recovered.Kind.EXITED, 0, 7, false),
          executor.recover(id));
      assertEquals("0\n", fx.log(id));
      executor.delete(id, true);
      executor.delete(id, true);
      assertTrue(executor.runtime().runc().state(id).isEmpty());
    }
  }

  @Test
  void networkModes() {
    String id = fx.newId();
    assertEquals("host", RuncConmonExecutor.network(id, "host"));
    assertEquals("none", RuncConmonExecutor.network(id, "none"));
    assertEquals("none", RuncConmonExecutor.network(id, "bridge"));
  }
}
