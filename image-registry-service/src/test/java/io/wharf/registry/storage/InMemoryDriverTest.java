package io.wharf.registry.storage;

class InMemoryDriverTest extends StorageDriverContract {
  @Override
  StorageDriver driver() {
    return new InMemoryDriver();
  }
}
