package io.wharf.registry.distribution;

/** A manifest as served: the exact bytes received, their digest and media type. */
public record StoredManifest(byte[] bytes, String digest, String mediaType) {}
