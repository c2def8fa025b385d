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

  /** {"status":"Downloading","progressDetail":{"current","total"},"progress":"[==>  ] 1MB/2MB","id"}. */
  void downloading(String digest, long current, long total) {
    emit(new JsonObject().put("status", "Downloading")
        .put("progressDetail", new JsonObject().put("current", current).put("total", total))
        .put("progress", bar(current, total)).put("id", Digests.shortId(digest)));
  }

  /** Docker's legacy pre-rendered bar: 50 columns, then current/total in decimal units. */
  static String bar(long current, long total) {
    int width = 50;
    int filled = total <= 0 ? 0 : (int) Math.min(width, current * width / total);
    String arrow = filled >= width ? "=".repeat(width) : "=".repeat(filled) + ">" + " ".repeat(width - filled - 1);
    return "[" + arrow + "] " + size(current) + "/" + size(total);
  }

  private static String size(long bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = 0;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return u == 0 ? bytes + "B" : String.format(java.util.Locale.ROOT, "%.3g%s", v, units[u]);
  }

  void aux(String tag, String digest, long size) {
    emit(new JsonObject().put("progressDetail", new JsonObject())
        .put("aux", new JsonObject().put("Tag", tag).put("Digest", digest).put("Size", size)));
  }

  private void emit(JsonObject o) {
    sink.accept(o.encode() + "\r\n");
  }
}
