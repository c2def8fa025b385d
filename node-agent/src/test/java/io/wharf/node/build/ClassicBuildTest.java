package io.wharf.node.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.image.ImageDetails;
import io.wharf.node.build.dockerfile.DockerfileParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassicBuildTest {
  static final String MULTI = """
      ARG BASE=busybox
      FROM $BASE AS base
      ENV GREETING=hi
      ARG WHO=world
      RUN echo $GREETING $WHO > /hello
      WORKDIR app
      LABEL stage=base
      FROM base
      COPY --from=base /hello /copied
      ONBUILD RUN echo child
      EXPOSE 8080
      CMD ["cat", "/copied"]
      """;

  @TempDir
  Path dir;
  FakeBuildImages images;
  List<BuildWorkspace.RunRequest> runs = new ArrayList<>();
  BuildWorkspace workspace;

  @BeforeEach
  void setUp() throws Exception {
    images = new FakeBuildImages().withBase("busybox");
    workspace = new BuildWorkspace() {
      @Override
      public Path run(RunRequest r, BuildMessages messages) throws BuildFailure {
        runs.add(r);
        messages.stream(" ---> Running in 0123456789ab\n");
        if (String.join(" ", r.argv()).contains("exit 3")) {
          throw new BuildFailure("The command '" + String.join(" ", r.argv()) + "' returned a non-zero code: 3", 3);
        }
        return layerFile();
      }

      @Override
      public Path change(ImageDetails parent, RootfsChange change) {
        return layerFile();
      }

      @Override
      public <T> T read(ImageDetails image, RootfsRead<T> read) {
        return null;
      }
    };
  }

  Path layerFile() {
    try {
      return Files.createTempFile(dir, "layer", ".tar");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  String build(String dockerfile, BuildOptions o, ByteArrayOutputStream out) throws Exception {
    BuildCache cache = BuildCache.open(dir.resolve("cache.json"));
    Files.createDirectories(dir.resolve("ctx"));
    return new ClassicBuild(images, workspace, cache, o, dir.resolve("ctx"), new BuildMessages(out, o.quiet()))
        .build(DockerfileParser.parse(dockerfile));
  }

  static BuildOptions options(Map<String, List<String>> q) {
    return BuildOptionsTest.of(q);
  }

  @Test
  void everyStepIsAnImageAndASecondBuildUsesTheCacheForEveryStep() throws Exception {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    String id = build(MULTI, options(Map.of("t", List.of("multi:1", "multi"))), first);
    String log = first.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("Step 1/11 : FROM $BASE AS base"), log);
    assertTrue(log.contains("Step 4/11 : RUN echo $GREETING $WHO > /hello"), log);
    assertTrue(log.contains("Successfully tagged multi:1") && log.contains("Successfully tagged multi:latest"), log);
    assertEquals(List.of("/bin/sh", "-c", "echo $GREETING $WHO > /hello"), runs.get(0).argv());
    assertEquals(List.of("WHO=world"), runs.get(0).env());
    ImageDoc result = images.config(id);
    assertEquals("/app", result.workingDir());
    assertEquals("[\"cat\",\"/copied\"]", result.config().get("Cmd").toString());
    assertEquals("base", result.config().at("/Labels/stage").asText());
    assertEquals("[\"RUN echo child\"]", result.config().get("OnBuild").toString());
    assertTrue(result.config().at("/ExposedPorts").has("8080/tcp"));
    assertEquals(id, images.tags.get("multi:1"));

    ByteArrayOutputStream second = new ByteArrayOutputStream();
    String again = build(MULTI, options(Map.of()), second);
    String log2 = second.toString(StandardCharsets.UTF_8);
    assertEquals(id, again);
    assertEquals(1, runs.size());
    assertEquals(9, log2.split("Using cache", -1).length - 1, log2);
  }

  @Test
  void noCacheRunsEveryStepAgain() throws Exception {
    build(MULTI, options(Map.of()), new ByteArrayOutputStream());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    build(MULTI, options(Map.of("nocache", List.of("1"))), out);
    assertEquals(2, runs.size());
    assertFalse(out.toString(StandardCharsets.UTF_8).contains("Using cache"));
  }

  @Test
  void aChangedBuildArgIsACacheMissForRunOnly() throws Exception {
    build(MULTI, options(Map.of()), new ByteArrayOutputStream());
    build(MULTI, options(Map.of("buildargs", List.of("{\"WHO\":\"you\"}"))), new ByteArrayOutputStream());
    assertEquals(2, runs.size());
    assertEquals(List.of("WHO=you"), runs.get(1).env());
  }

  @Test
  void runStepsCarryTheBuildsContainerSettings() throws Exception {
    build("FROM busybox\nRUN true\n", options(Map.of("rm", List.of("0"), "networkmode", List.of("none"),
        "cpushares", List.of("512"), "memory", List.of("67108864"), "extrahosts", List.of("db:10.0.0.5"))),
        new ByteArrayOutputStream());
    BuildWorkspace.RunRequest r = runs.get(0);
    assertFalse(r.remove() || r.forceRemove());
    assertEquals("none", r.networkMode());
    assertEquals(512L, r.cpuShares());
    assertEquals(67108864L, r.memory());
    assertEquals(List.of("10.0.0.5\tdb"), r.extraHosts());
    build("FROM busybox\nRUN false\n", options(Map.of("forcerm", List.of("1"))), new ByteArrayOutputStream());
    assertTrue(runs.get(1).remove() && runs.get(1).forceRemove());
  }

  @Test
  void aFailingRunReportsItsCodeAndTagsNothing() throws Exception {
    BuildFailure e = assertThrows(BuildFailure.class, () -> build("FROM busybox\nRUN exit 3\n",
        options(Map.of("t", List.of("never:1"))), new ByteArrayOutputStream()));
    assertEquals(3, e.code());
    assertEquals("The command '/bin/sh -c exit 3' returned a non-zero code: 3", e.getMessage());
    assertFalse(images.tags.containsKey("never:1"));
  }

  @Test
  void targetStopsAtTheNamedStageAndAnUnknownOneFails() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String id = build(MULTI, options(Map.of("target", List.of("base"))), out);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("Step 6/6 : LABEL stage=base"));
    assertEquals("/app", images.config(id).workingDir());
    BuildFailure e = assertThrows(BuildFailure.class, () -> build(MULTI, options(Map.of("target", List.of("nope"))),
        new ByteArrayOutputStream()));
    assertEquals("failed to reach build target nope in Dockerfile", e.getMessage());
  }

  @Test
  void labelsFromTheCliAreOneMoreStep() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String id = build("FROM busybox\n", options(Map.of("labels", List.of("{\"built.by\":\"wharf\"}"))), out);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("Step 2/2 : LABEL "));
    assertEquals("wharf", images.config(id).config().at("/Labels/built.by").asText());
  }

  @Test
  void onBuildTriggersRunInTheChildAndAreNotInherited() throws Exception {
    String parent = build("FROM busybox\nONBUILD RUN echo triggered\n", options(Map.of("t", List.of("parent"))),
        new ByteArrayOutputStream());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String child = build("FROM parent\nENV X=1\n", options(Map.of()), out);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("# Executing 1 build trigger"));
    assertEquals(List.of("/bin/sh", "-c", "echo triggered"), runs.get(0).argv());
    assertTrue(images.config(child).onBuild().isEmpty());
    assertFalse(images.config(parent).onBuild().isEmpty());
  }

  @Test
  void missingBaseImageAndUnknownFromStageFail() {
    BuildFailure e = assertThrows(BuildFailure.class, () -> build("FROM nosuchimage\n", options(Map.of()),
        new ByteArrayOutputStream()));
    assertTrue(e.getMessage().contains("nosuchimage"), e.getMessage());
    e = assertThrows(BuildFailure.class, () -> build("FROM busybox\nCOPY --from=nowhere /a /b\n", options(Map.of()),
        new ByteArrayOutputStream()));
    assertTrue(e.getMessage().startsWith("invalid from flag value nowhere"), e.getMessage());
  }

  @Test
  void quietPrintsOnlyTheId() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String id = build("FROM busybox\nENV A=1\n", options(Map.of("q", List.of("1"))), out);
    assertEquals("{\"stream\":\"" + id + "\\n\"}\n", out.toString(StandardCharsets.UTF_8));
  }
}
