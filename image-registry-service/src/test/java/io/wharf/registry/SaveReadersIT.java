package io.wharf.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.Json;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageRequests;
import io.wharf.registry.store.DurableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An independent reader accepts the tar {@code docker save} gets from Wharf: skopeo reads it both as
 * a docker-archive and as an oci-archive, and sees Wharf's image id, layers and name.
 */
class SaveReadersIT {
  private Path root;
  private TestRegistry reg;
  private Path saved;

  @BeforeEach
  void saveBusybox() throws Exception {
    boolean haveSkopeo = Files.isExecutable(Path.of("/usr/bin/skopeo"));
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(haveSkopeo, "skopeo is required (apt-get install skopeo)");
    }
    Assumptions.assumeTrue(haveSkopeo, "skopeo not installed");
    root = TestImages.freshDir("skopeo");
    reg = new TestRegistry(root.resolve("data"));
    byte[] busybox = Files.readAllBytes(TestImages.busyboxTar(root.resolve("busybox.tar"), "busybox:latest"));
    reg.loader.load(TestImages.stream(busybox));
    reg.service.tag(new ImageRequests.Tag("busybox", "127.0.0.1:5000/app", "1"));
    saved = root.resolve("saved.tar");
    Files.write(saved, reg.save("127.0.0.1:5000/app:1"));
  }

  @AfterEach
  void cleanUp() {
    if (root != null) {
      DurableFiles.deleteTree(root);
    }
  }

  @Test
  void skopeoReadsTheDockerArchive() throws Exception {
    JsonNode config = skopeo("inspect", "--config", "docker-archive:" + saved);
    ImageDetails d = reg.service.inspect("127.0.0.1:5000/app:1");
    assertEquals(d.layers().get(0).diffId(), config.path("rootfs").path("diff_ids").get(0).asText());
    JsonNode info = skopeo("inspect", "docker-archive:" + saved);
    assertEquals(List.of(d.layers().get(0).digest()), List.of(info.path("Layers").get(0).asText()));
  }

  @Test
  void skopeoReadsTheOciArchive() throws Exception {
    JsonNode info = skopeo("inspect", "oci-archive:" + saved);
    ImageDetails d = reg.service.inspect("127.0.0.1:5000/app:1");
    assertEquals(reg.store.image(d.summary().id()).manifestDigest(), info.path("Digest").asText());
    assertEquals(d.layers().get(0).digest(), info.path("Layers").get(0).asText());
  }

  @Test
  void loadsWhatSkopeoWrites() throws Exception {
    String id = reg.service.inspect("busybox").summary().id();
    Path docker = root.resolve("from-skopeo-docker.tar");
    Path oci = root.resolve("from-skopeo-oci.tar");
    run("copy", "oci-archive:" + saved, "docker-archive:" + docker + ":copied/docker:1");
    run("copy", "docker-archive:" + saved, "oci-archive:" + oci + ":copied/oci:2");
    TestRegistry fresh = new TestRegistry(root.resolve("fresh"));
    assertEquals(List.of("Loaded image: copied/docker:1\n"),
        fresh.loader.load(Files.newInputStream(docker)).messages());
    assertEquals(List.of("Loaded image: copied/oci:2\n"), fresh.loader.load(Files.newInputStream(oci)).messages());
    assertEquals(id, fresh.service.inspect("copied/docker:1").summary().id());
    // skopeo converts the config to the OCI media type on the way (new bytes, new id): same layers
    assertEquals(reg.service.inspect("busybox").layers(), fresh.service.inspect("copied/oci:2").layers());
  }

  private JsonNode skopeo(String... args) throws Exception {
    return Json.MAPPER.readTree(run(args));
  }

  private byte[] run(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("skopeo", "--tmpdir", root.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "skopeo hung");
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + err);
    return out;
  }
}
