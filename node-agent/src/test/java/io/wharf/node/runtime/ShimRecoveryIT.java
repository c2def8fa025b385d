package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.node.nativeio.SeqpacketSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Attach semantics across clients, and reconcile after the shim dies (root only). */
class ShimRecoveryIT {
  private RuntimeFixture fx;
  private ContainerRuntime rt;

  @BeforeEach
  void setUp() throws Exception {
    RuntimeFixture.requirePrivilegedHost();
    fx = new RuntimeFixture();
    rt = fx.runtime;
  }

  @AfterEach
  void tearDown() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  private static void echoes(SeqpacketSocket s, String text) {
    s.write(text.getBytes());
    SeqpacketSocket.Packet p = s.read();
    assertEquals(SeqpacketSocket.STDOUT, p.stream());
    assertArrayEquals(text.getBytes(), p.data());
  }

  @Test
  void withoutStdinOnceStdinSurvivesAClientsEof() throws Exception {
    String id = fx.newId();
    rt.create(fx.input(id, RuntimeFixture.spec(List.of("cat"), false, true, false, null)));
    rt.start(id);
    try (SeqpacketSocket first = SeqpacketSocket.connect(fx.paths.attachSocket(id))) {
      echoes(first, "one\n");
      first.shutdownWrite();
    }
    Thread.sleep(300);
    assertTrue(rt.exitCode(id).isEmpty(), "cat still runs");
    try (SeqpacketSocket second = SeqpacketSocket.connect(fx.paths.attachSocket(id))) {
      echoes(second, "two\n");
    }
    assertEquals("one\ntwo\n", fx.log(id));
    rt.kill(id, Signals.SIGKILL);
    assertEquals(137, fx.awaitExit(id, 20_000));
  }

  @Test
  void ttyInputSurvivesADetachEvenWithStdinOnce() throws Exception {
    String id = fx.newId();
    rt.create(fx.input(id, RuntimeFixture.spec(List.of("cat"), true, true, true, null)));
    rt.start(id);
    try (SeqpacketSocket first = SeqpacketSocket.connect(fx.paths.attachSocket(id))) {
      first.write("one\n".getBytes());
      assertTrue(readUntil(first, "one\r\none\r\n"));
    }
    try (SeqpacketSocket second = SeqpacketSocket.connect(fx.paths.attachSocket(id))) {
      second.write("two\n".getBytes());
      assertTrue(readUntil(second, "two\r\ntwo\r\n"));
    }
    rt.kill(id, Signals.SIGKILL);
    assertEquals(137, fx.awaitExit(id, 20_000));
  }

  /** Reads packets until the text so far ends with {@code expected} (tty echo plus cat's copy). */
  private static boolean readUntil(SeqpacketSocket s, String expected) {
    StringBuilder got = new StringBuilder();
    SeqpacketSocket.Packet p;
    while (!got.toString().endsWith(expected) && (p = s.read()) != null) {
      got.append(new String(p.data()));
    }
    return got.toString().endsWith(expected);
  }

  @Test
  void runningContainerWhoseShimDiedIsShimLost() throws Exception {
    String id = fx.newId();
    CreatedProcess p = rt.create(fx.input(id, RuntimeFixture.spec(List.of("sleep", "1000"), false, false, false, null)));
    rt.start(id);
    assertTrue(rt.shim().isShimAlive(id));
    killAndWait(p.conmonPid());
    assertFalse(rt.shim().isShimAlive(id));
    assertEquals(new Reconciled.ShimLost(p.pid()), rt.reconcile(id));
    rt.delete(id);
    assertTrue(rt.runc().state(id).isEmpty());
  }

  @Test
  void createdContainerWithoutShimIsDeleted() throws Exception {
    String id = fx.newId();
    CreatedProcess p = rt.create(fx.input(id, RuntimeFixture.spec(List.of("true"), false, false, false, null)));
    assertInstanceOf(Reconciled.Created.class, rt.reconcile(id));
    killAndWait(p.conmonPid());
    assertEquals(new Reconciled.CreatedNoShim(), rt.reconcile(id));
    assertTrue(rt.runc().state(id).isEmpty());
    assertEquals(new Reconciled.Gone(), rt.reconcile(id));
  }

  @Test
  void closeWakesABlockedReader() throws Exception {
    String id = fx.newId();
    rt.create(fx.input(id, RuntimeFixture.spec(List.of("sleep", "1000"), false, false, false, null)));
    rt.start(id);
    SeqpacketSocket s = SeqpacketSocket.connect(fx.paths.attachSocket(id));
    java.util.concurrent.CompletableFuture<SeqpacketSocket.Packet> read =
        java.util.concurrent.CompletableFuture.supplyAsync(s::read);
    Thread.sleep(300);
    assertFalse(read.isDone());
    s.close();
    s.close();
    assertEquals(null, read.get(5, java.util.concurrent.TimeUnit.SECONDS));
    assertTrue(rt.exitCode(id).isEmpty(), "a detach does not stop the container");
    rt.kill(id, Signals.SIGKILL);
    assertEquals(137, fx.awaitExit(id, 20_000));
  }

  @Test
  void socketPathTooLongIsRefused() {
    String longPath = "/tmp/" + "x".repeat(120);
    try {
      SeqpacketSocket.connect(java.nio.file.Path.of(longPath)).close();
      throw new AssertionError("connected to an impossible path");
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().contains("unix socket address"), e.getMessage());
    }
  }

  private static void killAndWait(int pid) throws Exception {
    ProcessHandle ph = ProcessHandle.of(pid).orElseThrow();
    assertTrue(ph.info().command().orElse("").endsWith("conmon"));
    ph.destroyForcibly();
    for (int i = 0; i < 100 && ph.isAlive(); i++) {
      Thread.sleep(20);
    }
    assertFalse(ph.isAlive());
  }
}
