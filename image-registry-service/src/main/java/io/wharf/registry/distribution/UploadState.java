package io.wharf.registry.distribution;

/** The durable part of an upload session (uploads/&lt;id&gt;/state.json); the offset is the data file's size. */
public record UploadState(String repository, long startedMillis) {}
