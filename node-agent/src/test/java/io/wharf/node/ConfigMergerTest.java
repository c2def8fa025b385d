package io.wharf.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.HostSettings;
import io.wharf.api.image.ImageConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigMergerTest {
  private static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  private static ContainerSpec user(List<String> cmd, List<String> entrypoint, List<String> env) {
    return new ContainerSpec(null, "busybox", cmd, entrypoint, env, null, null, null, null, Map.of("u", "1"),
        false, false, false, false, true, true, null, null, null, null, HostSettings.defaults(), null);
  }

  private static ImageConfig image(List<String> cmd, List<String> entrypoint) {
    return new ImageConfig("", List.of("PATH=/img/bin", "A=image"), cmd, entrypoint, "/work",
        Map.of("i", "2"), List.of("80/tcp"), null, null, null);
  }

  @Test
  void imageCmdIsUsedWhenUserGivesNone() {
    ContainerSpec e = ConfigMerger.merge(user(null, null, null), image(List.of("sh"), null), ID);
    assertEquals(List.of("sh"), e.cmd());
    assertNull(e.entrypoint());
    assertEquals("/work", e.workingDir());
    assertEquals("0123456789ab", e.hostname());
    assertEquals(Map.of("u", "1", "i", "2"), e.labels());
  }

  @Test
  void userEntrypointDropsImageCmd() {
    ContainerSpec e = ConfigMerger.merge(user(null, List.of("/bin/echo"), null), image(List.of("sh"), null), ID);
    assertEquals(List.of("/bin/echo"), e.entrypoint());
    assertNull(e.cmd());
  }

  @Test
  void emptyEntrypointResetsTheImages() {
    ContainerSpec e = ConfigMerger.merge(user(List.of("ls"), List.of(""), null),
        image(null, List.of("/entry.sh")), ID);
    assertNull(e.entrypoint());
    assertEquals(List.of("ls"), e.cmd());
  }

  @Test
  void userEnvOverridesByKeyAndPathStays() {
    ContainerSpec e = ConfigMerger.merge(user(List.of("x"), null, List.of("A=user", "B=2")), image(null, null), ID);
    assertEquals(List.of("PATH=/img/bin", "A=user", "B=2"), e.env());
  }

  @Test
  void pathIsAddedWhenTheImageHasNone() {
    ContainerSpec e = ConfigMerger.merge(user(List.of("x"), null, List.of("B=2")), ImageConfig.empty(), ID);
    assertEquals(List.of(ConfigMerger.DEFAULT_PATH, "B=2"), e.env());
  }

  @Test
  void nothingToRunIsRejected() {
    WharfException e = assertThrows(WharfException.class,
        () -> ConfigMerger.merge(user(null, null, null), ImageConfig.empty(), ID));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals("No command specified", e.getMessage());
  }

  @Test
  void hostUtsOrHostNetworkTakesTheHostsNameAsDefaultHostname() {
    HostSettings utsHost = HostSettings.defaults().withIsolation(
        new io.wharf.api.container.Isolation("", "", "host", "", "", 0, null, null, 0, 0, null, null));
    assertEquals("myhost", ConfigMerger.defaultHostname(utsHost, ID, () -> "myhost"));
    assertEquals("0123456789ab", ConfigMerger.defaultHostname(HostSettings.defaults(), ID, () -> "myhost"));
  }
}
