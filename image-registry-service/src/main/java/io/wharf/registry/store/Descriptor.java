package io.wharf.registry.store;

/** A blob's identity: its "sha256:..." digest and its size in bytes. */
public record Descriptor(String digest, long size) {}
