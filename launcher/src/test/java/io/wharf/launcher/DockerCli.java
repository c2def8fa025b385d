package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the real {@code docker} CLI (or another client) against one daemon's socket. */
final class DockerCli {
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
    }
  }

  private final Path socket;

  DockerCli(Path socket) {
    this.socket = socket;
  }

  /** Fails under CI=true, skips otherwise, unless root with docker, python3-docker, runc, conmon and busybox. */
  static void assumeClientsAndRuntime() {
    List<String> missing = new ArrayList<>();
    if (!DaemonProcess.isRoot()) {
      missing.add("root");
    }
    for (String bin : List.of("docker", "runc", "conmon", "busybox", "python3")) {
      if (!onPath(bin)) {
        missing.add(bin);
      }
    }
    String why = "missing prerequisites: " + missing;
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(missing.isEmpty(), why);
    }
    Assumptions.assumeTrue(missing.isEmpty(), why);
  }

  private static boolean onPath(String bin) {
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin") + ":/usr/sbin:/sbin";
    for (String d : path.split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, bin))) {
        return true;
      }
    }
    return false;
  }

  Result docker(String... args) throws IOException, InterruptedException {
    return run(null, prepend("docker", args));
  }

  /** With {@code stdin} fed to the command's standard input. */
  Result dockerWithInput(String stdin, String... args) throws IOException, InterruptedException {
    return run(stdin, prepend("docker", args));
  }

  Result run(String stdin, List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("docker-out", ".txt");
    Path err = Files.createTempFile("docker-err", ".txt");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().put("DOCKER_HOST", "unix://" + socket);
      pb.environment().put("DOCKER_CONFIG", socket.getParent().resolve("docker-config").toString());
      if (stdin == null) {
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      }
      Process p = pb.start();
      if (stdin != null) {
        try (var in = p.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static List<String> prepend(String first, String... rest) {
    List<String> cmd = new ArrayList<>(List.of(first));
    cmd.addAll(List.of(rest));
    return cmd;
  }
}
