package io.wharf.node.build.dockerfile;

import java.nio.file.Path;

/**
 * One resolved COPY/ADD source.
 *
 * @param pattern the source argument it came from (after variable expansion)
 * @param path the file or directory to read, symlinks on the way already resolved inside the
 *     context; a directory means "copy its contents"
 * @param relPath the matched path relative to the context root, cleaned ("" for the root itself);
 *     its last segment is the name a file gets when the destination is a directory
 */
public record CopySource(String pattern, Path path, String relPath) {}
