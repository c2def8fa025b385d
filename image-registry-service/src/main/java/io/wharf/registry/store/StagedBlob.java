package io.wharf.registry.store;

import java.nio.file.Path;

/**
 * Bytes written and fsynced to a temp file under tmp/, with their digest and size, not yet part of
 * the blob store. {@link BlobStore#commit} moves it into place; otherwise the caller deletes it.
 */
public record StagedBlob(Path file, String digest, long size) {
  public Descriptor descriptor() {
    return new Descriptor(digest, size);
  }
}
