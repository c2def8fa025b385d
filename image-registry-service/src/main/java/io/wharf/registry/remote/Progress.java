package io.wharf.registry.remote;

import io.vertx.core.json.JsonObject;
import io.wharf.registry.store.Digests;
import java.util.function.Consumer;

/** Docker's JSON progress messages for pull and push, one line each, to a sink. Thread-safe if the sink is. */
final class Progress {
  private final Consumer<String> sink;

  Progress(Consumer<String> sink) {
    this.sink = sink;
  }

  void status(String status) {
    emit(new JsonObject().put("status", status));
  }

  void status(String status, String id) {
    emit(new JsonObject().put("status", status).put("id", id));
  }

  /** A per-layer line: {"status": ..., "progressDetail": {}, "id": short digest}. */
  void layer(String status, String digest) {
    emit(new JsonObject().put("status", status).put("progressDetail", new JsonObject()).put("id", Digests.shortId(digest)));
  }

  void aux(String tag, String digest, long size) {
    emit(new JsonObject().put("progressDetail", new JsonObject())
        .put("aux", new JsonObject().put("Tag", tag).put("Digest", digest).put("Size", size)));
  }

  private void emit(JsonObject o) {
    sink.accept(o.encode() + "\r\n");
  }
}
