package io.wharf.node;

import io.wharf.api.image.LayerRef;
import java.nio.file.Path;
import java.util.List;

/**
 * Container root filesystems: image layers unpacked once per diffID, and one overlay per container.
 * Every method blocks: call from a worker thread.
 */
public interface RootfsProvider {

  /** Makes sure every layer is unpacked on this node, fetching missing blobs. */
  void ensureLayers(List<LayerRef> layers, BlobSource blobs);

  /** Mounts (if not mounted) the container's overlay over its layers and returns the mountpoint. */
  Path mount(String id, List<String> diffIdsBottomFirst);

  /** Unmounts the container's rootfs; not mounted is fine. */
  void unmount(String id);

  /** Unmounts and deletes the container's writable layer. */
  void remove(String id);

  /** Bytes in the container's writable layer. */
  long writableSize(String id);
}
