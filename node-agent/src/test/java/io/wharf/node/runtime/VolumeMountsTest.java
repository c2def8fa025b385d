package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.container.HostSettings;
import io.wharf.api.container.MountSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeMountsTest {
  @Test
  void resolvedMountsBecomeOciMounts() {
    HostSettings host = HostSettings.defaults().withMounts(List.of(
        new MountSpec("volume", "v1", "/data", false, null, null, "/vols/v1/_data"),
        new MountSpec("bind", "/h", "/b", true, "rshared", MountSpec.CREATE_SOURCE, "/h"),
        new MountSpec("tmpfs", null, "/t", false, null, "size=1048576,mode=1777", null),
        new MountSpec("volume", "unresolved", "/u", false, null, null, null)));
    assertEquals(List.of(
        new OciMount("/data", "bind", "/vols/v1/_data", List.of("rbind", "rprivate")),
        new OciMount("/b", "bind", "/h", List.of("rbind", "rshared", "ro")),
        new OciMount("/t", "tmpfs", "tmpfs", List.of("nosuid", "nodev", "size=1048576", "mode=1777"))),
        VolumeMounts.of(host));
  }

  @Test
  void noSettingsNoMounts() {
    assertEquals(List.of(), VolumeMounts.of(null));
    assertEquals(List.of(), VolumeMounts.of(HostSettings.defaults()));
  }
}
