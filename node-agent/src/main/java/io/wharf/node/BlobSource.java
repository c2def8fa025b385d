package io.wharf.node;

import java.io.InputStream;

/** Where a node gets image layer blobs from. Blocking. */
public interface BlobSource {

  /** The blob's bytes (plain or compressed, as stored); the caller closes the stream. */
  InputStream open(String digest);
}
