package io.wharf.node.snapshot;

/** What {@link OverlaySnapshotter#prepare} decided for one container: its rootfs overlay mount. */
public record MountPlan(String containerId, Mount rootfs) {}
