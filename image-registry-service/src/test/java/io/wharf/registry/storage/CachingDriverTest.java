package io.wharf.registry.storage;

/** The cache must not change the contract: it runs the same suite over an in-memory driver. */
class CachingDriverTest extends StorageDriverContract {
  @Override
  StorageDriver driver() {
    return new CachingDriver(new InMemoryDriver());
  }
}
