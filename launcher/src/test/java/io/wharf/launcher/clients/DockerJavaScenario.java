package io.wharf.launcher.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * docker-java (3.7, zerodep = shaded Apache httpclient5 transport) over the daemon's unix socket,
 * the calls a Java program makes: ping, info, list images, create/start/logs/exec/copy in and
 * out/connect to a new network/inspect/stop/wait/remove a busybox container, and a 404 for an
 * unknown one.
 */
public final class DockerJavaScenario {
  private DockerJavaScenario() {}

  public static DockerClient connect(Path socket) {
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost("unix://" + socket).build();
    return DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost()).build());
  }

  public static void run(Path socket, String name) throws Exception {
    try (DockerClient dc = connect(socket)) {
      dc.pingCmd().exec();
      assertTrue(dc.infoCmd().exec().getNCPU() > 0);
      assertTrue(dc.versionCmd().exec().getApiVersion().startsWith("1."));
      assertTrue(dc.listImagesCmd().exec().stream()
          .anyMatch(i -> i.getRepoTags() != null && java.util.List.of(i.getRepoTags()).contains("busybox:latest")));
      assertNotNull(dc.inspectImageCmd("busybox").exec().getId());
      String id = dc.createContainerCmd("busybox").withName(name)
          .withCmd("sh", "-c", "echo hello; echo oops >&2; sleep 300")
          .withLabels(Map.of("org.example.scenario", "docker-java"))
          .withEnv("A=1")
          .withHostConfig(HostConfig.newHostConfig().withMemory(64L * 1024 * 1024)).exec().getId();
      try {
        dc.startContainerCmd(id).exec();
        InspectContainerResponse info = dc.inspectContainerCmd(id).exec();
        assertTrue(info.getState().getRunning(), "running");
        assertEquals(64L * 1024 * 1024, info.getHostConfig().getMemory());
        assertEquals("/" + name, info.getName());
        awaitLogs(dc, id, "hello\n", "oops\n");
        Output exec = exec(dc, id, "sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals("out\n", exec.stdout.toString(StandardCharsets.UTF_8));
        assertEquals("err\n", exec.stderr.toString(StandardCharsets.UTF_8));
        assertEquals(3L, dc.inspectExecCmd(exec.execId).exec().getExitCodeLong());
        dc.copyArchiveToContainerCmd(id).withTarInputStream(new ByteArrayInputStream(tarOf("in.txt", "copied in\n")))
            .withRemotePath("/tmp").exec();
        assertEquals("copied in\n", exec(dc, id, "cat", "/tmp/in.txt").stdout.toString(StandardCharsets.UTF_8));
        try (InputStream tar = dc.copyArchiveFromContainerCmd(id, "/tmp/in.txt").exec()) {
          assertEquals("copied in\n", firstFile(tar));
        }
        String net = dc.createNetworkCmd().withName(name + "-net").withDriver("bridge").exec().getId();
        dc.connectToNetworkCmd().withNetworkId(net).withContainerId(id).exec();
        assertTrue(dc.inspectNetworkCmd().withNetworkId(net).exec().getContainers().containsKey(id), "connected");
        dc.disconnectFromNetworkCmd().withNetworkId(net).withContainerId(id).exec();
        dc.removeNetworkCmd(net).exec();
        dc.stopContainerCmd(id).withTimeout(1).exec();
        int code = dc.waitContainerCmd(id).start().awaitStatusCode(30, TimeUnit.SECONDS);
        assertTrue(code == 137 || code == 143, "exit code " + code);
        assertEquals("exited", dc.inspectContainerCmd(id).exec().getState().getStatus());
      } finally {
        dc.removeContainerCmd(id).withForce(true).exec();
      }
      assertThrows(NotFoundException.class, () -> dc.inspectContainerCmd(id).exec());
    }
  }

  private static void awaitLogs(DockerClient dc, String id, String out, String err) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Output logs;
    do {
      logs = new Output();
      dc.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(logs).awaitCompletion(20, TimeUnit.SECONDS);
    } while (!logs.stderr.toString(StandardCharsets.UTF_8).equals(err) && System.nanoTime() < deadline);
    assertEquals(out, logs.stdout.toString(StandardCharsets.UTF_8));
    assertEquals(err, logs.stderr.toString(StandardCharsets.UTF_8));
  }

  private static Output exec(DockerClient dc, String id, String... cmd) throws InterruptedException {
    Output o = new Output();
    o.execId = dc.execCreateCmd(id).withCmd(cmd).withAttachStdout(true).withAttachStderr(true).exec().getId();
    dc.execStartCmd(o.execId).exec(o).awaitCompletion(30, TimeUnit.SECONDS);
    return o;
  }

  static byte[] tarOf(String name, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(data.length);
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private static String firstFile(InputStream in) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    TarArchiveEntry e = tar.getNextEntry();
    assertNotNull(e, "empty archive");
    return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** Collects a multiplexed stream by kind. */
  private static final class Output extends ResultCallback.Adapter<Frame> {
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    String execId;

    @Override
    public void onNext(Frame frame) {
      (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).writeBytes(frame.getPayload());
    }
  }
}
