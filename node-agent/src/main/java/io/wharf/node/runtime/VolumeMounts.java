package io.wharf.node.runtime;

import io.wharf.api.container.HostSettings;
import io.wharf.api.container.MountSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The OCI mounts of a container's resolved volumes, binds and tmpfs mounts (see
 * {@code VolumeAttachments}): binds are recursive with the asked propagation (rprivate by
 * default); tmpfs mounts get nosuid,nodev then the user's options, as Docker does.
 */
public final class VolumeMounts {
  private VolumeMounts() {}

  public static List<OciMount> of(HostSettings host) {
    List<OciMount> out = new ArrayList<>();
    if (host == null) {
      return out;
    }
    for (MountSpec m : host.mounts()) {
      if (MountSpec.TMPFS.equals(m.type())) {
        out.add(tmpfs(m));
      } else if (m.hostPath() != null) {
        out.add(bind(m));
      }
    }
    return out;
  }

  static OciMount bind(MountSpec m) {
    List<String> options = new ArrayList<>(List.of("rbind", m.propagation() == null ? "rprivate" : m.propagation()));
    if (m.readOnly()) {
      options.add("ro");
    }
    return new OciMount(m.target(), "bind", m.hostPath(), options);
  }

  static OciMount tmpfs(MountSpec m) {
    List<String> options = new ArrayList<>(List.of("nosuid", "nodev"));
    if (m.readOnly()) {
      options.add("ro");
    }
    if (m.options() != null && !m.options().isEmpty()) {
      options.addAll(List.of(m.options().split(",")));
    }
    return new OciMount(m.target(), "tmpfs", "tmpfs", options);
  }
}
