package io.wharf.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.ErrorCategory;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.image.HistoryEntry;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageRequests.DeleteItem;
import io.wharf.api.image.ImageRequests;
import io.wharf.api.image.ImageSummary;
import io.wharf.registry.store.DurableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Load, list, inspect, history, tag, save, re-load and remove of the busybox image, without Vert.x. */
class ImageLifecycleTest {
  static Path fixtures;
  static byte[] busybox;
  static String busyboxId;

  Path root;
  TestRegistry reg;

  @BeforeAll
  static void makeBusybox() throws Exception {
    fixtures = TestImages.freshDir("fixtures");
    busybox = Files.readAllBytes(TestImages.busyboxTar(fixtures.resolve("busybox.tar"), "busybox:latest"));
    Map<String, byte[]> m = TestImages.members(busybox);
    JsonNode manifest = Json.MAPPER.readTree(m.get("manifest.json"));
    busyboxId = "sha256:" + manifest.get(0).get("Config").asText().replace(".json", "");
    DurableFiles.deleteTree(fixtures);
  }

  @BeforeEach
  void open() throws Exception {
    root = TestImages.freshDir("lifecycle");
    reg = new TestRegistry(root);
  }

  @AfterEach
  void cleanUp() {
    DurableFiles.deleteTree(root);
  }

  private List<String> load(byte[] tar) {
    return reg.loader.load(TestImages.stream(tar)).messages();
  }

  @Test
  void loadsListsAndInspectsBusybox() {
    assertEquals(List.of("Loaded image: busybox:latest\n"), load(busybox));
    assertEquals(List.of("tag busybox:latest", "load " + busyboxId), reg.events);

    List<ImageSummary> images = reg.service.list(new ImageRequests.ListImages(false, Map.of()));
    assertEquals(1, images.size());
    ImageSummary s = images.get(0);
    assertEquals(busyboxId, s.id());
    assertEquals(List.of("busybox:latest"), s.repoTags());
    assertEquals(0, s.created());
    assertTrue(s.size() > 1_000_000, "size " + s.size());

    for (String name : List.of("busybox", "busybox:latest", "docker.io/library/busybox", "library/busybox",
        busyboxId, busyboxId.substring(7), busyboxId.substring(7, 19), busyboxId.substring(0, 12))) {
      assertEquals(busyboxId, reg.service.inspect(name).summary().id(), name);
    }
    ImageDetails d = reg.service.inspect("busybox");
    assertEquals(List.of("sh"), d.config().cmd());
    assertEquals("amd64", d.architecture());
    assertEquals("linux", d.os());
    assertEquals(1, d.layers().size());
    assertEquals(d.layers().get(0).diffId(), d.layers().get(0).digest());

    WharfException e = assertThrows(WharfException.class, () -> reg.service.inspect("nosuch"));
    assertEquals(ErrorCategory.NOT_FOUND, e.category());
    assertEquals("No such image: nosuch:latest", e.getMessage());
    e = assertThrows(WharfException.class, () -> reg.service.inspect("BadName"));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
  }

  @Test
  void aTagWinsOverAnIdPrefixLikeInDocker() throws Exception {
    load(busybox);
    String prefix = busyboxId.substring(7, 15);
    String imported = reg.importer.importTar(TestImages.stream(rootfs()), prefix, null, List.of(), null);
    assertEquals(imported, reg.service.inspect(prefix).summary().id());
    assertEquals(busyboxId, reg.service.inspect(busyboxId.substring(7, 16)).summary().id());
    assertEquals(busyboxId, reg.service.inspect("sha256:" + prefix).summary().id());
    WharfException e = assertThrows(WharfException.class, () -> reg.service.inspect("sha256:" + "f".repeat(64)));
    assertEquals(ErrorCategory.NOT_FOUND, e.category());
  }

  @Test
  void historyIsNewestFirst() {
    load(busybox);
    List<HistoryEntry> h = reg.service.history("busybox");
    assertEquals(2, h.size());
    assertEquals(busyboxId, h.get(0).id());
    assertEquals(List.of("busybox:latest"), h.get(0).tags());
    assertEquals(0, h.get(0).size());
    assertEquals("/bin/sh -c #(nop)  CMD [\"sh\"]", h.get(0).createdBy());
    assertEquals("<missing>", h.get(1).id());
    assertNull(h.get(1).tags());
    assertEquals(reg.service.inspect("busybox").summary().size(), h.get(1).size());
  }

  @Test
  void reloadingIsIdempotentAndStateSurvivesRestart() {
    load(busybox);
    assertEquals(List.of("Loaded image: busybox:latest\n"), load(busybox));
    reg.service.tag(new ImageRequests.Tag("busybox", "docker.io/library/myimg", "1"));
    TestRegistry again = reg.reopen();
    ImageSummary s = again.service.list(new ImageRequests.ListImages(true, Map.of())).get(0);
    assertEquals(List.of("busybox:latest", "myimg:1"), s.repoTags());
    assertEquals(busyboxId, again.service.inspect("myimg:1").summary().id());
  }

  @Test
  void tagValidatesSourceAndTarget() {
    load(busybox);
    ImageSummary s = reg.service.tag(new ImageRequests.Tag("busybox", "127.0.0.1:5000/app", "1"));
    assertEquals(List.of("127.0.0.1:5000/app:1", "busybox:latest"), s.repoTags());
    WharfException e = assertThrows(WharfException.class,
        () -> reg.service.tag(new ImageRequests.Tag("nosuch", "x", "1")));
    assertEquals(ErrorCategory.NOT_FOUND, e.category());
    e = assertThrows(WharfException.class, () -> reg.service.tag(new ImageRequests.Tag("busybox", "Bad", "1")));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    e = assertThrows(WharfException.class,
        () -> reg.service.tag(new ImageRequests.Tag("busybox", "ok", "bad tag")));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
  }

  @Test
  void loadMovingATagRenamesTheOldImage() throws Exception {
    load(busybox);
    byte[] other = reg.save("busybox");
    // an imported image takes busybox:latest; loading busybox again moves the tag back
    String imported = reg.importer.importTar(TestImages.stream(rootfs()), "busybox:latest", null, List.of(), null);
    List<String> messages = load(other);
    assertEquals(List.of("The image busybox:latest already exists, renaming the old one with ID " + imported
        + " to empty string\n", "Loaded image: busybox:latest\n"), messages);
    List<ImageSummary> dangling = reg.service.list(new ImageRequests.ListImages(false,
        Map.of("dangling", List.of("true"))));
    assertEquals(List.of(imported), dangling.stream().map(ImageSummary::id).toList());
  }

  @Test
  void saveThenLoadIntoAnEmptyStoreKeepsIdsAndManifest() throws Exception {
    load(busybox);
    reg.service.tag(new ImageRequests.Tag("busybox", "docker.io/library/myimg", "1"));
    byte[] saved = reg.save("myimg:1", "busybox");
    Map<String, byte[]> m = TestImages.members(saved);
    assertTrue(m.containsKey("manifest.json") && m.containsKey("index.json") && m.containsKey("oci-layout")
        && m.containsKey("repositories"), m.keySet().toString());
    JsonNode manifest = Json.MAPPER.readTree(m.get("manifest.json"));
    assertEquals("[\"myimg:1\",\"busybox:latest\"]", manifest.get(0).get("RepoTags").toString());
    assertEquals("blobs/sha256/" + busyboxId.substring(7), manifest.get(0).get("Config").asText());
    assertEquals(3, m.keySet().stream().filter(k -> k.startsWith("blobs/sha256/")).count());

    TestRegistry fresh = new TestRegistry(root.resolve("fresh"));
    List<String> msgs = fresh.loader.load(TestImages.stream(saved)).messages();
    assertEquals(List.of("Loaded image: myimg:1\n", "Loaded image: busybox:latest\n"), msgs);
    assertEquals(reg.store.image(busyboxId).manifestDigest(), fresh.store.image(busyboxId).manifestDigest());

    // only the OCI parts: names come from the annotations
    m.remove("manifest.json");
    m.remove("repositories");
    TestRegistry oci = new TestRegistry(root.resolve("oci"));
    assertEquals(List.of("Loaded image: myimg:1\n", "Loaded image: busybox:latest\n"),
        oci.loader.load(TestImages.stream(TestImages.tar(m))).messages());
    assertEquals(reg.store.image(busyboxId).manifestDigest(), oci.store.image(busyboxId).manifestDigest());
  }

  @Test
  void saveByIdIsUntaggedAndUnknownNamesFail() throws Exception {
    load(busybox);
    Map<String, byte[]> m = TestImages.members(reg.save(busyboxId.substring(7, 19)));
    assertEquals("[]", Json.MAPPER.readTree(m.get("manifest.json")).get(0).get("RepoTags").toString());
    TestRegistry fresh = new TestRegistry(root.resolve("fresh"));
    assertEquals(List.of("Loaded image ID: " + busyboxId + "\n"),
        fresh.loader.load(TestImages.stream(reg.save(busyboxId))).messages());
    WharfException e = assertThrows(WharfException.class, () -> reg.save("busybox", "nosuch"));
    assertEquals("No such image: nosuch:latest", e.getMessage());
  }

  @Test
  void loadsGzipLayers() throws Exception {
    Map<String, byte[]> m = TestImages.members(busybox);
    String layer = m.keySet().stream().filter(k -> k.endsWith("layer.tar")).findFirst().orElseThrow();
    m.put(layer, TestImages.gzip(m.get(layer)));
    assertEquals(List.of("Loaded image: busybox:latest\n"), load(TestImages.tar(m)));
    ImageDetails d = reg.service.inspect("busybox");
    assertEquals(d.layers().get(0).diffId(), d.layers().get(0).digest());
  }

  @Test
  void followsSymlinkedLayersOfOldDockerSave() throws Exception {
    Map<String, byte[]> m = TestImages.members(busybox);
    String layer = m.keySet().stream().filter(k -> k.endsWith("layer.tar")).findFirst().orElseThrow();
    String config = m.keySet().stream().filter(k -> k.endsWith(".json") && !k.equals("manifest.json"))
        .findFirst().orElseThrow();
    m.put("manifest.json", ("[{\"Config\":\"" + config + "\",\"RepoTags\":[\"linked:1\"],"
        + "\"Layers\":[\"other/layer.tar\"]}]").getBytes());
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
      for (var f : m.entrySet()) {
        var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(f.getKey());
        e.setSize(f.getValue().length);
        out.putArchiveEntry(e);
        out.write(f.getValue());
        out.closeArchiveEntry();
      }
      var link = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("other/layer.tar",
          org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK);
      link.setLinkName("../" + layer);
      out.putArchiveEntry(link);
      out.closeArchiveEntry();
    }
    assertEquals(List.of("Loaded image: linked:1\n"), load(bytes.toByteArray()));
  }

  @Test
  void badArchivesLeaveNothingBehind() throws Exception {
    Map<String, byte[]> m = TestImages.members(busybox);
    String configName = m.keySet().stream().filter(k -> k.endsWith(".json") && !k.equals("manifest.json"))
        .findFirst().orElseThrow();
    Map<String, byte[]> wrongDiff = new java.util.LinkedHashMap<>(m);
    String badConfig = new String(m.get(configName)).replaceAll("sha256:[0-9a-f]{64}\"\\]",
        "sha256:" + "0".repeat(64) + "\"]");
    wrongDiff.put(configName, badConfig.getBytes());
    Map<String, byte[]> missingLayer = new java.util.LinkedHashMap<>(m);
    missingLayer.keySet().removeIf(k -> k.endsWith("layer.tar"));

    List<byte[]> bad = List.of(
        java.util.Arrays.copyOf(busybox, busybox.length / 2),
        "this is not a tar at all, just some text that goes on".repeat(20).getBytes(),
        new byte[0],
        TestImages.tar(wrongDiff),
        TestImages.tar(missingLayer),
        TestImages.tar(Map.of("hello.txt", "hi".getBytes())));
    for (byte[] tar : bad) {
      WharfException e = assertThrows(WharfException.class, () -> load(tar));
      assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category(), e.getMessage());
    }
    WharfException e = assertThrows(WharfException.class, () -> load(TestImages.tar(wrongDiff)));
    assertTrue(e.getMessage().startsWith("invalid diffID for layer 0: expected \"sha256:000"), e.getMessage());
    assertTrue(reg.service.list(new ImageRequests.ListImages(true, Map.of())).isEmpty());
    assertEquals(0, TestImages.countFiles(reg.paths.blobs()));
    assertEquals(0, TestImages.countFiles(reg.paths.tmp()));
    assertFalse(Files.exists(reg.paths.tagIndex()));
  }

  @Test
  void removeFollowsDockersRules() throws Exception {
    load(busybox);
    reg.service.tag(new ImageRequests.Tag("busybox", "docker.io/library/myimg", "1"));
    String shortId = busyboxId.substring(7, 19);
    String cid = "ca4e6039eef0" + "1".repeat(52);

    // by id with two tags
    WharfException e = assertThrows(WharfException.class, () -> remove(busyboxId, false, List.of()));
    assertEquals("conflict: unable to delete " + shortId
        + " (must be forced) - image is referenced in multiple repositories", e.getMessage());
    assertEquals(ErrorCategory.CONFLICT, e.category());

    // by name with another tag left: untag only, even with a container
    assertEquals(List.of(new DeleteItem("myimg:1", null)),
        remove("myimg:1", false, List.of(container(cid, ContainerState.EXITED))));

    // last tag while a container uses it
    e = assertThrows(WharfException.class,
        () -> remove("busybox", false, List.of(container(cid, ContainerState.EXITED))));
    assertEquals("conflict: unable to remove repository reference \"busybox\" (must force) - container "
        + "ca4e6039eef0 is using its referenced image " + shortId, e.getMessage());

    // by id, force, running container: cannot be forced
    e = assertThrows(WharfException.class,
        () -> remove(shortId, true, List.of(container(cid, ContainerState.RUNNING))));
    assertEquals("conflict: unable to delete " + shortId
        + " (cannot be forced) - image is being used by running container ca4e6039eef0", e.getMessage());

    // by name, force, running container: untagged, image kept for the container
    assertEquals(List.of(new DeleteItem("busybox:latest", null)),
        remove("busybox", true, List.of(container(cid, ContainerState.RUNNING))));
    assertEquals(1, reg.service.list(new ImageRequests.ListImages(true, Map.of())).size());

    // by id, dangling, no containers: deleted with its blobs
    reg.events.clear();
    assertEquals(List.of(new DeleteItem(null, busyboxId)), remove(shortId, false, List.of()));
    assertEquals(List.of("delete " + busyboxId), reg.events);
    assertEquals(0, TestImages.countFiles(reg.paths.blobs()));
    assertEquals(0, TestImages.countFiles(reg.paths.images()));
    e = assertThrows(WharfException.class, () -> remove("busybox", false, List.of()));
    assertEquals(ErrorCategory.NOT_FOUND, e.category());
  }

  @Test
  void forceDeletesAnImageOfStoppedContainers() {
    load(busybox);
    String cid = "ab".repeat(32);
    WharfException e = assertThrows(WharfException.class,
        () -> remove(busyboxId, false, List.of(container(cid, ContainerState.EXITED))));
    assertEquals("conflict: unable to delete " + busyboxId.substring(7, 19)
        + " (must be forced) - image is being used by stopped container abababababab", e.getMessage());
    assertEquals(List.of(new DeleteItem("busybox:latest", null), new DeleteItem(null, busyboxId)),
        remove("busybox", true, List.of(container(cid, ContainerState.EXITED))));
  }

  @Test
  void removeByNameOfTheOnlyTagDeletesAndKeepsSharedBlobs() throws Exception {
    load(busybox);
    reg.importer.importTar(TestImages.stream(busyboxLayer()), "same-layer:1", null, List.of(), null);
    assertEquals(List.of(new DeleteItem("busybox:latest", null), new DeleteItem(null, busyboxId)),
        remove("busybox", false, List.of()));
    ImageDetails d = reg.service.inspect("same-layer:1");
    assertTrue(reg.store.blobs().has(d.layers().get(0).digest()), "shared layer must survive");
  }

  @Test
  void importsRootfsWithChanges() throws Exception {
    String id = reg.importer.importTar(TestImages.stream(TestImages.gzip(rootfs())), "imported:1", null,
        List.of("CMD [\"/bin/sh\"]", "ENV A=1", "EXPOSE 8080", "LABEL k=v", "WORKDIR /w"), null);
    assertEquals(List.of("import " + id, "tag imported:1"), reg.events);
    ImageDetails d = reg.service.inspect("imported:1");
    assertEquals(id, d.summary().id());
    assertEquals("Imported from -", d.comment());
    assertEquals(List.of("/bin/sh"), d.config().cmd());
    assertEquals(List.of("A=1"), d.config().env());
    assertEquals(List.of("8080/tcp"), d.config().exposedPorts());
    assertEquals(Map.of("k", "v"), d.config().labels());
    assertEquals("/w", d.config().workingDir());
    assertEquals(1, d.layers().size());
    List<HistoryEntry> h = reg.service.history(id);
    assertEquals(1, h.size());
    assertEquals("Imported from -", h.get(0).comment());
    assertEquals(rootfs().length, d.summary().size());
    // the id is the digest of the config bytes as stored
    assertEquals(id, io.wharf.registry.store.Digests.of(reg.store.blobs().read(id)));

    String untagged = reg.importer.importTar(TestImages.stream(rootfs()), null, null, List.of(), "my message");
    assertEquals("my message", reg.service.inspect(untagged).comment());
    assertEquals(List.of(), reg.service.inspect(untagged).summary().repoTags());
  }

  @Test
  void badImportsLeaveNothingBehind() throws Exception {
    WharfException e = assertThrows(WharfException.class, () -> reg.importer.importTar(
        TestImages.stream(rootfs()), "x:1", null, List.of("RUN rm -rf /"), null));
    assertEquals("run is not a valid change command", e.getMessage());
    e = assertThrows(WharfException.class, () -> reg.importer.importTar(
        TestImages.stream("garbage!".repeat(100).getBytes()), "x:1", null, List.of(), null));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    e = assertThrows(WharfException.class, () -> reg.importer.importTar(
        TestImages.stream(rootfs()), "Bad:1", null, List.of(), null));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals(0, TestImages.countFiles(reg.paths.blobs()));
    assertEquals(0, TestImages.countFiles(reg.paths.tmp()));
  }

  @Test
  void concurrentTagsAreAllKept() throws Exception {
    load(busybox);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        jobs.add(pool.submit(() -> {
          for (int i = 0; i < 15; i++) {
            reg.service.tag(new ImageRequests.Tag("busybox", "t" + thread, String.valueOf(i)));
          }
        }));
      }
      for (Future<?> j : jobs) {
        j.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(8 * 15 + 1, reg.reopen().store.tagsOf(busyboxId).size());
  }

  @Test
  void listFilters() throws Exception {
    load(busybox);
    String imported = reg.importer.importTar(TestImages.stream(rootfs()), "app:1", null, List.of("LABEL a=b"), null);
    assertEquals(List.of(imported, busyboxId), ids(Map.of()));
    assertEquals(List.of(busyboxId), ids(Map.of("reference", List.of("busy*"))));
    assertEquals(List.of(imported), ids(Map.of("label", List.of("a=b"))));
    assertEquals(List.of(busyboxId), ids(Map.of("before", List.of("app:1"))));
    assertEquals(List.of(imported), ids(Map.of("since", List.of("busybox"))));
    assertEquals(List.of(), ids(Map.of("dangling", List.of("true"))));
    WharfException e = assertThrows(WharfException.class, () -> ids(Map.of("since", List.of("nosuch"))));
    assertEquals(ErrorCategory.NOT_FOUND, e.category());
  }

  private List<String> ids(Map<String, List<String>> filters) {
    return reg.service.list(new ImageRequests.ListImages(false, filters)).stream().map(ImageSummary::id).toList();
  }

  private List<DeleteItem> remove(String name, boolean force, List<ContainerSummary> containers) {
    return reg.service.remove(new ImageRequests.Remove(name, force, false), containers);
  }

  private ContainerSummary container(String id, ContainerState state) {
    return new ContainerSummary(id, "c1", "node1", "busybox", busyboxId, "sh", 0, state, 0, 0, 0, Map.of(),
        "default", false, 0);
  }

  /** A small root filesystem tar. */
  static byte[] rootfs() throws Exception {
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    files.put("etc/hostname", "wharf\n".getBytes());
    files.put("bin/hello", "#!/bin/sh\necho hello\n".getBytes());
    return TestImages.tar(files);
  }

  static byte[] busyboxLayer() throws Exception {
    return TestImages.members(busybox).entrySet().stream().filter(e -> e.getKey().endsWith("layer.tar"))
        .findFirst().orElseThrow().getValue();
  }
}
