package io.wharf.node.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.node.build.dockerfile.Dockerfile;
import io.wharf.node.build.dockerfile.DockerfileParser;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StageArgsTest {
  @Test
  void globalsAreSeenInFromAndOnlyRedeclaredOnesInTheStage() throws Exception {
    Dockerfile df = DockerfileParser.parse("ARG TAG=1.0\nARG OTHER=x\nFROM busybox:$TAG\nARG TAG\nARG LOCAL=l\n");
    StageArgs args = new StageArgs(Map.of("LOCAL", "cli", "HTTP_PROXY", "http://p:3128", "UNUSED", "u"));
    args.declareGlobals(df.globalArgs(), '\\');
    assertEquals(Map.of("TAG", "1.0", "OTHER", "x"), args.globals());
    args.newStage();
    assertEquals(Map.of(), args.visible());
    for (var in : df.stages().get(0).instructions()) {
      args.declare(in, Map.of(), '\\');
    }
    assertEquals(Map.of("TAG", "1.0", "LOCAL", "cli"), args.visible());
    assertEquals(Map.of("TAG", "1.0", "HTTP_PROXY", "http://p:3128"), args.runEnv(Set.of("LOCAL")));
    assertEquals(Set.of("UNUSED"), args.unconsumed());
  }

  @Test
  void aBuildArgOverridesAGlobalDefault() throws Exception {
    Dockerfile df = DockerfileParser.parse("ARG BASE=busybox\nFROM $BASE\n");
    StageArgs args = new StageArgs(Map.of("BASE", "alpine"));
    args.declareGlobals(df.globalArgs(), '\\');
    assertEquals(Map.of("BASE", "alpine"), args.globals());
    assertEquals(Set.of(), args.unconsumed());
  }
}
