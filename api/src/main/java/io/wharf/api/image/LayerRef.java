package io.wharf.api.image;

/**
 * One layer of an image, bottom first in every list.
 *
 * @param diffId "sha256:..." of the uncompressed tar: the key a node unpacks it under
 * @param digest "sha256:..." of the stored blob (equal to diffId when stored uncompressed)
 * @param size bytes of the stored blob
 * @param mediaType OCI or Docker layer media type (tells the compression)
 */
public record LayerRef(String diffId, String digest, long size, String mediaType) {}
