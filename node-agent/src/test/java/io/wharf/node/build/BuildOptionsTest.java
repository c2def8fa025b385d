package io.wharf.node.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.WharfException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildOptionsTest {
  static BuildOptions of(Map<String, List<String>> q) {
    return BuildOptions.fromQuery(name -> q.getOrDefault(name, List.of()));
  }

  @Test
  void defaultsAreDockers() {
    BuildOptions o = of(Map.of());
    assertEquals("Dockerfile", o.dockerfile());
    assertEquals(List.of(), o.tags());
    assertTrue(o.rm());
    assertFalse(o.noCache());
    assertEquals("default", o.networkMode());
    assertEquals("", o.target());
  }

  @Test
  void readsTheCliQuery() {
    BuildOptions o = of(Map.of("dockerfile", List.of("sub/Dockerfile.dev"), "t", List.of("a:1", "b"),
        "buildargs", List.of("{\"X\":\"1\",\"UNSET\":null}"), "labels", List.of("{\"l\":\"v\"}"),
        "nocache", List.of("1"), "pull", List.of("true"), "q", List.of("1"), "target", List.of("build"),
        "networkmode", List.of("none"), "memory", List.of("67108864")));
    assertEquals("sub/Dockerfile.dev", o.dockerfile());
    assertEquals(List.of("a:1", "b"), o.tags());
    assertEquals(Map.of("X", "1"), o.buildArgs());
    assertEquals(Map.of("l", "v"), o.labels());
    assertTrue(o.noCache() && o.pull() && o.quiet());
    assertEquals("build", o.target());
    assertEquals("none", o.networkMode());
    assertEquals(67108864L, o.memory());
  }

  @Test
  void forceRmImpliesRmAndCpuAndHostsReachTheOptions() {
    BuildOptions o = of(Map.of("rm", List.of("0"), "forcerm", List.of("1"), "cpushares", List.of("512"),
        "cpuquota", List.of("50000"), "cpuperiod", List.of("100000"),
        "extrahosts", List.of("db:10.0.0.5", "v6=fd00::1", "gw:[::1]")));
    assertTrue(o.rm() && o.forceRm());
    assertEquals(512L, o.cpuShares());
    assertEquals(50000L, o.cpuQuota());
    assertEquals(100000L, o.cpuPeriod());
    assertEquals(List.of("10.0.0.5\tdb", "fd00::1\tv6", "::1\tgw"), o.extraHosts());
    BuildOptions keep = of(Map.of("rm", List.of("false")));
    assertFalse(keep.rm() || keep.forceRm());
  }

  @Test
  void badExtraHostsAndCpuValuesAreInvalidArguments() {
    for (String bad : List.of("nocolon", ":1.2.3.4", "db:", "db:999.1.1.1", "db:example.com", "bad name:1.2.3.4",
        "db:host-gateway")) {
      WharfException e = assertThrows(WharfException.class, () -> of(Map.of("extrahosts", List.of(bad))), bad);
      assertEquals(io.wharf.api.ErrorCategory.INVALID_ARGUMENT, e.category(), bad);
      assertTrue(e.getMessage().contains("add-host"), e.getMessage());
    }
    assertThrows(WharfException.class, () -> of(Map.of("cpushares", List.of("-2"))));
    assertThrows(WharfException.class, () -> of(Map.of("cpuquota", List.of("x"))));
  }

  @Test
  void badJsonAndSizesAreInvalidArguments() {
    assertThrows(WharfException.class, () -> of(Map.of("buildargs", List.of("{not json"))));
    assertThrows(WharfException.class, () -> of(Map.of("labels", List.of("[1]"))));
    assertThrows(WharfException.class, () -> of(Map.of("memory", List.of("-1"))));
    assertThrows(WharfException.class, () -> of(Map.of("shmsize", List.of("big"))));
    assertThrows(WharfException.class, () -> of(Map.of("remote", List.of("https://github.com/x/y.git"))));
  }

  @Test
  void onlyTheNodesOwnPlatformIsAccepted() {
    of(Map.of()).checkPlatform("amd64");
    of(Map.of("platform", List.of("linux/amd64"))).checkPlatform("amd64");
    of(Map.of("platform", List.of("linux/arm64/v8"))).checkPlatform("arm64");
    WharfException e = assertThrows(WharfException.class,
        () -> of(Map.of("platform", List.of("linux/arm64"))).checkPlatform("amd64"));
    assertTrue(e.getMessage().startsWith("platform \"linux/arm64\" is not supported by this node (linux/amd64)"));
    assertThrows(WharfException.class, () -> of(Map.of("platform", List.of("windows/amd64"))).checkPlatform("amd64"));
  }
}
