package io.wharf.gateway.container;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.container.HealthState;

/** State.Health of container inspect: Status, FailingStreak and Log (Start/End/ExitCode/Output). */
final class HealthJson {
  private HealthJson() {}

  static JsonObject of(HealthState h) {
    JsonArray log = new JsonArray();
    if (h.log() != null) {
      for (HealthState.HealthResult r : h.log()) {
        log.add(new JsonObject()
            .put("Start", DockerTime.rfc3339Nano(r.startNanos()))
            .put("End", DockerTime.rfc3339Nano(r.endNanos()))
            .put("ExitCode", r.exitCode())
            .put("Output", r.output() == null ? "" : r.output()));
      }
    }
    return new JsonObject().put("Status", h.status()).put("FailingStreak", h.failingStreak()).put("Log", log);
  }
}
