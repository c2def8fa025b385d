package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.WharfException;
import io.wharf.node.nativeio.SeqpacketSocket;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docker exec through conmon --exec --exec-attach, in a running busybox container (root only). */
class ExecShimIT {
  private RuntimeFixture fx;
  private ExecShim exec;
  private String ctr;
  private final List<String> execIds = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    RuntimeFixture.requirePrivilegedHost();
    fx = new RuntimeFixture();
    exec = fx.runtime.exec();
    ctr = fx.newId();
    fx.runtime.create(fx.input(ctr, RuntimeFixture.spec(List.of("sleep", "1000"), false, false, false, null)));
    fx.runtime.start(ctr);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (fx != null) {
      execIds.forEach(exec::delete);
      fx.close();
    }
  }

  private String newExecId() {
    String id = RuntimeFixture.randomHex(32);
    execIds.add(id);
    return id;
  }

  @Test
  void streamsStdoutAndStderrFromTheStartAndKeepsTheExitCode() throws Exception {
    String id = newExecId();
    ExecSpec spec = new ExecSpec(List.of("sh", "-c", "echo out; echo err >&2; exit 5"), List.of("X=1"), null, null,
        false, false, null);
    try (SeqpacketSocket s = SeqpacketSocket.connect(exec.prepare(ctr, id, spec))) {
      assertTrue(exec.release(id) > 0);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      SeqpacketSocket.Packet p;
      while ((p = s.read()) != null) {
        (p.stream() == SeqpacketSocket.STDOUT ? out : err).writeBytes(p.data());
      }
      assertEquals("out\n", out.toString());
      assertEquals("err\n", err.toString());
    }
    assertEquals(Optional.of(5), exec.awaitExit(id, 10_000));
    assertTrue(Files.readString(fx.paths.execDir(id).resolve("exec.log")).contains("stdout F out"));
    assertTrue(fx.runtime.runc().state(ctr).orElseThrow().isRunning(), "the container keeps running");
  }

  @Test
  void stdinClosesWhenTheClientEndsIt() throws Exception {
    String id = newExecId();
    ExecSpec spec = new ExecSpec(List.of("cat"), null, null, null, false, true, null);
    try (SeqpacketSocket s = SeqpacketSocket.connect(exec.prepare(ctr, id, spec))) {
      exec.release(id);
      s.write("x\n".getBytes());
      assertArrayEquals("x\n".getBytes(), s.read().data());
      s.shutdownWrite();
      assertEquals(Optional.of(0), exec.awaitExit(id, 10_000));
    }
  }

  @Test
  void ttyExecGetsItsSize() throws Exception {
    String id = newExecId();
    ExecSpec spec = new ExecSpec(List.of("stty", "size"), null, null, null, true, true, List.of(30, 100));
    try (SeqpacketSocket s = SeqpacketSocket.connect(exec.prepare(ctr, id, spec))) {
      exec.release(id);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      SeqpacketSocket.Packet p;
      while ((p = s.read()) != null) {
        out.writeBytes(p.data());
      }
      assertEquals("30 100\r\n", out.toString());
    }
    assertEquals(Optional.of(0), exec.awaitExit(id, 10_000));
  }

  @Test
  void missingCommandFailsWithRuncsMessage() {
    String id = newExecId();
    ExecSpec spec = new ExecSpec(List.of("/nope"), null, null, null, false, false, null);
    WharfException e = assertThrows(WharfException.class, () -> {
      exec.prepare(ctr, id, spec);
      exec.release(id);
    });
    assertTrue(e.getMessage().contains("no such file or directory"), e.getMessage());
  }
}
