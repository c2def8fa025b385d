/**
 * Thin typed JNA wrappers, one per kernel facility: {@link io.wharf.node.nativeio.Mounts} (mount(2),
 * umount2(2), the fsopen/fsconfig/fsmount/move_mount API), {@link io.wharf.node.nativeio.Xattrs}
 * (l*xattr in every namespace), {@link io.wharf.node.nativeio.DeviceNodes} (mknod),
 * {@link io.wharf.node.nativeio.FileTimes} (utimensat without following symlinks),
 * {@link io.wharf.node.nativeio.FileSystemSync} (syncfs), and the attach client
 * {@link io.wharf.node.nativeio.SeqpacketSocket}. The storage wrappers throw
 * {@link io.wharf.node.nativeio.NativeException} (errno, call, path) when a call fails.
 * No Wharf types here; every call blocks.
 */
package io.wharf.node.nativeio;
