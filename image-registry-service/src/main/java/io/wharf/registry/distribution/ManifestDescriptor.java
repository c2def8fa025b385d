package io.wharf.registry.distribution;

/** A content descriptor inside a manifest; {@code foreign} = it has "urls" (not stored here). */
public record ManifestDescriptor(String mediaType, String digest, long size, boolean foreign) {}
