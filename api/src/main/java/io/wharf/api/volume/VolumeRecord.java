package io.wharf.api.volume;

import java.util.List;
import java.util.Map;

/**
 * One named volume as volume-service keeps it ({@code <data-root>/volumes/<name>/volume.json}).
 *
 * @param mountpoint the host directory containers bind ({@code .../volumes/<name>/_data})
 * @param options the local driver's options (type, device, o); empty for a plain directory
 * @param createdAt RFC 3339, as Docker prints it
 * @param nodeId the node the volume lives on: containers using it must run there
 * @param anonymous made for {@code -v /path} or an image VOLUME (removed with {@code rm -v} / {@code --rm})
 * @param usedBy ids of the containers that reference it (in use = not removable)
 */
public record VolumeRecord(
    String name,
    String driver,
    String mountpoint,
    Map<String, String> labels,
    Map<String, String> options,
    String createdAt,
    String nodeId,
    boolean anonymous,
    List<String> usedBy) {

  public VolumeRecord {
    labels = labels == null ? Map.of() : labels;
    options = options == null ? Map.of() : options;
    usedBy = usedBy == null ? List.of() : usedBy;
  }

  public VolumeRecord withUsers(List<String> users) {
    return new VolumeRecord(name, driver, mountpoint, labels, options, createdAt, nodeId, anonymous, users);
  }
}
