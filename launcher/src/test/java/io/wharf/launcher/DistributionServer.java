package io.wharf.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * CNCF Distribution (Debian {@code docker-registry}) on 127.0.0.1 with its own config and storage
 * under a test directory, optionally behind htpasswd (bcrypt) Basic auth. Stopped by its PID.
 */
final class DistributionServer implements AutoCloseable {
  private final Process process;
  private final Path storage;
  final int port;

  private DistributionServer(Process process, Path storage, int port) {
    this.process = process;
    this.storage = storage;
    this.port = port;
  }

  /** @param user null = no auth; else htpasswd auth with this user and {@code password} */
  static DistributionServer start(Path dir, String user, String password) throws Exception {
    Files.createDirectories(dir);
    int port = DaemonProcess.freePort();
    String auth = "";
    if (user != null) {
      Path htpasswd = dir.resolve("htpasswd");
      Process h = new ProcessBuilder("htpasswd", "-Bbc", htpasswd.toString(), user, password)
          .redirectErrorStream(true).start();
      h.getInputStream().readAllBytes();
      if (h.waitFor() != 0) {
        throw new IOException("htpasswd failed");
      }
      auth = "auth:\n  htpasswd:\n    realm: wharf-test\n    path: " + htpasswd + "\n";
    }
    Path storage = dir.resolve("storage");
    Files.writeString(dir.resolve("config.yml"), "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n"
        + "    rootdirectory: " + storage + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n" + auth);
    Process p = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    DistributionServer server = new DistributionServer(p, storage, port);
    server.awaitUp();
    return server;
  }

  /** True when docker-registry, htpasswd and skopeo are installed. */
  static boolean toolsPresent() throws Exception {
    return new ProcessBuilder("sh", "-c", "command -v docker-registry && command -v htpasswd && command -v skopeo")
        .start().waitFor() == 0;
  }

  String host() {
    return "127.0.0.1:" + port;
  }

  /** The file holding blob {@code digest} in Distribution's storage (to corrupt or delete it). */
  Path blobFile(String digest) {
    String hex = digest.substring("sha256:".length());
    return storage.resolve("docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
  }

  private void awaitUp() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 100; i++) {
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200 || r.statusCode() == 401) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!process.isAlive()) {
        throw new IOException("docker-registry exited with " + process.exitValue());
      }
      Thread.sleep(100);
    }
    throw new IOException("docker-registry did not answer on " + host());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
