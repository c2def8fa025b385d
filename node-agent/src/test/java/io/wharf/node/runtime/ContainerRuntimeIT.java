package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.node.nativeio.SeqpacketSocket;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real conmon + runc on a busybox rootfs (root only). */
class ContainerRuntimeIT {
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

  private String run(List<String> cmd) {
    String id = fx.newId();
    CreatedProcess p = rt.create(fx.input(id, RuntimeFixture.spec(cmd, false, false, false, null)));
    assertTrue(p.pid() > 0 && p.conmonPid() > 0, "pids " + p);
    rt.start(id);
    return id;
  }

  @Test
  void echoLogsAndExitsZero() throws Exception {
    BlockingQueue<String> exits = new ArrayBlockingQueue<>(4);
    try (ExitWatcher watcher = new ExitWatcher(fx.paths.exitsDir(), (id, code) -> exits.add(id + "=" + code))) {
      String id = run(List.of("echo", "hello"));
      assertEquals(id + "=0", exits.poll(20, TimeUnit.SECONDS));
      assertEquals(0, fx.awaitExit(id, 1000));
      assertEquals("hello\n", fx.log(id));
      assertFalse(rt.oomKilled(id));
      assertInstanceOf(Reconciled.Exited.class, rt.reconcile(id));
    }
  }

  @Test
  void exitCodeIsKept() throws Exception {
    String id = run(List.of("sh", "-c", "echo oops >&2; exit 3"));
    assertEquals(3, fx.awaitExit(id, 20_000));
    List<LogRecord> log = new LogReader(fx.paths.containerLog(id)).readAll(LogQuery.ALL);
    assertEquals("stderr", log.get(0).stream());
    assertArrayEquals("oops\n".getBytes(), log.get(0).bytes());
  }

  @Test
  void stdinOnceThroughTheAttachSocket() throws Exception {
    String id = fx.newId();
    rt.create(fx.input(id, RuntimeFixture.spec(List.of("cat"), false, true, true, null)));
    try (SeqpacketSocket s = SeqpacketSocket.connect(fx.paths.attachSocket(id))) {
      rt.start(id);
      s.write("ping\n".getBytes());
      SeqpacketSocket.Packet p = s.read();
      assertEquals(SeqpacketSocket.STDOUT, p.stream());
      assertArrayEquals("ping\n".getBytes(), p.data());
      s.shutdownWrite();
      assertEquals(0, fx.awaitExit(id, 20_000));
      assertNull(s.read());
    }
  }

  @Test
  void ttyGetsConsoleSizeThenResize() throws Exception {
    String id = fx.newId();
    rt.create(fx.input(id, RuntimeFixture.spec(List.of("sh", "-c", "stty size; sleep 1; stty size"), true,
        false, false, RuntimeFixture.host(0, List.of(10, 20)))));
    try (SeqpacketSocket s = SeqpacketSocket.connect(fx.paths.attachSocket(id))) {
      rt.start(id);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      SeqpacketSocket.Packet p = s.read();
      out.writeBytes(p.data());
      rt.resize(id, 40, 132);
      while ((p = s.read()) != null) {
        out.writeBytes(p.data());
      }
      assertEquals(0, fx.awaitExit(id, 20_000));
      assertEquals("10 20\r\n40 132\r\n", out.toString());
    }
  }

  @Test
  void memoryLimitOomKills() throws Exception {
    String id = fx.newId();
    rt.create(fx.input(id, RuntimeFixture.spec(List.of("sh", "-c", "x=a; while true; do x=$x$x; done"), false,
        false, false, RuntimeFixture.host(32L << 20, null))));
    rt.start(id);
    assertEquals(137, fx.awaitExit(id, 60_000));
    assertTrue(rt.oomKilled(id));
    assertEquals(new Reconciled.Exited(137, true), rt.reconcile(id));
  }

  @Test
  void missingExecutableFailsWithRuncsMessage() throws Exception {
    String id = fx.newId();
    WharfException e = assertThrows(WharfException.class,
        () -> rt.create(fx.input(id, RuntimeFixture.spec(List.of("/nonexistent"), false, false, false, null))));
    assertTrue(e.getMessage().contains("no such file or directory"), e.getMessage());
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertTrue(rt.runc().state(id).isEmpty(), "runc delete --force ran");
    Thread.sleep(300);
    assertTrue(rt.exitCode(id).isEmpty(), "a failed create leaves no exit file for the watcher");
  }

  @Test
  void termIsIgnoredByHandlerlessInitAndKillWorks() throws Exception {
    String id = run(List.of("sleep", "1000"));
    assertInstanceOf(Reconciled.Running.class, rt.reconcile(id));
    rt.runc().pause(id);
    assertEquals("paused", rt.runc().state(id).orElseThrow().status());
    assertEquals(true, ((Reconciled.Running) rt.reconcile(id)).paused());
    rt.runc().resume(id);
    rt.kill(id, Signals.parse("TERM"));
    Thread.sleep(1000);
    assertTrue(rt.exitCode(id).isEmpty());
    assertTrue(rt.runc().state(id).orElseThrow().isRunning());
    rt.kill(id, Signals.parse("SIGKILL"));
    assertEquals(137, fx.awaitExit(id, 20_000));
    rt.delete(id);
    assertTrue(rt.runc().state(id).isEmpty());
  }

  @Test
  void logReopenAfterRotationLosesNothing() throws Exception {
    String id = run(List.of("sh", "-c", "i=0; while [ $i -lt 20 ]; do echo $i; i=$((i+1)); sleep 0.1; done"));
    List<String> followed = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> follow = CompletableFuture.runAsync(() ->
        new LogReader(fx.paths.containerLog(id)).stream(LogQuery.of("all", null, null, true),
            r -> followed.add(new String(r.bytes()).strip()), () -> rt.exitCode(id).isPresent(),
            new AtomicBoolean()));
    Thread.sleep(800);
    Files.move(fx.paths.containerLog(id), fx.paths.containerLog(id).resolveSibling("ctr.log.1"));
    rt.shim().reopenLog(id);
    assertEquals(0, fx.awaitExit(id, 20_000));
    follow.get(10, TimeUnit.SECONDS);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      expected.add(Integer.toString(i));
    }
    assertEquals(expected, followed);
    assertFalse(fx.log(id).isEmpty(), "conmon wrote to a fresh ctr.log");
  }
}
