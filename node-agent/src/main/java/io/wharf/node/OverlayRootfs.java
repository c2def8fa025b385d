package io.wharf.node;

import io.wharf.api.image.LayerRef;
import io.wharf.node.snapshot.LayerStore;
import io.wharf.node.snapshot.LayerUnpacker;
import io.wharf.node.snapshot.MountPlan;
import io.wharf.node.snapshot.OverlaySnapshotter;
import java.nio.file.Path;
import java.util.List;

/** {@link RootfsProvider} on the layer store and the overlay snapshotter. Every method blocks. */
public final class OverlayRootfs implements RootfsProvider {
  private final LayerStore layers;
  private final OverlaySnapshotter snapshotter;

  public OverlayRootfs(NodePaths paths) {
    this.layers = new LayerStore(paths, new LayerUnpacker());
    this.snapshotter = new OverlaySnapshotter(paths);
    layers.purgeTemp();
  }

  @Override
  public void ensureLayers(List<LayerRef> refs, BlobSource blobs) {
    for (LayerRef ref : refs) {
      layers.ensure(ref.diffId(), () -> blobs.open(ref.digest()));
    }
  }

  @Override
  public Path mount(String id, List<String> diffIdsBottomFirst) {
    MountPlan plan = snapshotter.prepare(id, diffIdsBottomFirst);
    snapshotter.mount(plan);
    return Path.of(plan.rootfs().target());
  }

  @Override
  public void unmount(String id) {
    snapshotter.unmount(id);
  }

  @Override
  public void remove(String id) {
    snapshotter.remove(id);
  }

  @Override
  public long writableSize(String id) {
    return snapshotter.upperSize(id);
  }
}
