package io.wharf.registry;

import io.wharf.registry.archive.ArchiveLoader;
import io.wharf.registry.archive.ArchiveWriter;
import io.wharf.registry.archive.ImageImporter;
import io.wharf.registry.archive.SavePlan;
import io.wharf.registry.ops.ImageEvents;
import io.wharf.registry.ops.ImageService;
import io.wharf.registry.ops.TagWriter;
import io.wharf.registry.store.ImageStore;
import io.wharf.registry.store.RegistryPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The registry's plain classes wired as the verticle wires them, with events recorded. */
final class TestRegistry {
  final Path dataRoot;
  final RegistryPaths paths;
  final ImageStore store;
  final List<String> events = new CopyOnWriteArrayList<>();
  final ImageService service;
  final ArchiveLoader loader;
  final ImageImporter importer;

  TestRegistry(Path dataRoot) {
    this.dataRoot = dataRoot;
    this.paths = new RegistryPaths(dataRoot);
    this.store = ImageStore.open(paths);
    ImageEvents sink = (action, id, name) -> events.add(action + " " + name);
    TagWriter tags = new TagWriter(store, sink, System::nanoTime);
    service = new ImageService(store, tags, sink);
    loader = new ArchiveLoader(store, tags, sink);
    importer = new ImageImporter(store, tags, sink, Clock.systemUTC());
  }

  /** A new instance over the same directory: what a restart sees. */
  TestRegistry reopen() {
    return new TestRegistry(dataRoot);
  }

  byte[] save(String... names) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ArchiveWriter(store).write(SavePlan.resolve(store, List.of(names)), out);
    return out.toByteArray();
  }
}
