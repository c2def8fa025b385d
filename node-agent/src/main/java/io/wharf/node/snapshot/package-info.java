/**
 * Image layers on disk and container root filesystems (overlayfs).
 *
 * <pre>
 * blob (tar | tar+gzip | tar+zstd)
 *   -> LayerStreams (magic bytes) -> sha256 of the plain tar (the diffID)
 *   -> LayerUnpacker: EntryNames (normalize, refuse .. and /) -> ConfinedRoot (no symlinked parents)
 *        -> Whiteouts (.wh.NAME -> c 0:0, .wh..wh..opq -> trusted.overlay.opaque=y)
 *        -> EntryWriter + EntryMetadata (chown, chmod, xattrs, mtime; directory mtimes last)
 *   -> LayerStore: layers/.tmp/&lt;random&gt; -> verify diffID -> rename to layers/&lt;hex&gt;
 * OverlaySnapshotter: prepare (Mount as data) -> mount (mount(2) or fsconfig lowerdir+) -> unmount -> remove
 * </pre>
 *
 * Everything here blocks: callers run it on a worker pool, never on an event loop.
 */
package io.wharf.node.snapshot;
