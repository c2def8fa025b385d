package io.wharf.api.image;

import java.util.List;
import java.util.Map;

/**
 * One image as {@code docker images} lists it.
 *
 * @param id "sha256:..." digest of the image config
 * @param repoTags short names ("busybox:latest", "127.0.0.1:5000/app:1"); empty for dangling images
 * @param created Unix seconds
 * @param size sum of the uncompressed layer sizes
 */
public record ImageSummary(
    String id,
    List<String> repoTags,
    List<String> repoDigests,
    String parentId,
    long created,
    long size,
    Map<String, String> labels) {}
