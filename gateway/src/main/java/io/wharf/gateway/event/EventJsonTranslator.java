package io.wharf.gateway.event;

import io.vertx.core.json.JsonObject;
import io.wharf.api.event.WharfEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link WharfEvent} -> Docker's event message. Container and image events also carry the legacy
 * {@code status}/{@code id}/{@code from} fields that API 1.41 clients read; other types do not.
 */
public final class EventJsonTranslator {
  private EventJsonTranslator() {}

  public static JsonObject toDocker(WharfEvent e) {
    JsonObject o = new JsonObject();
    Map<String, String> attrs = e.attributes() == null ? Map.of() : e.attributes();
    if ("container".equals(e.type()) || "image".equals(e.type())) {
      o.put("status", e.action()).put("id", e.actorId());
      if (attrs.get("image") != null) {
        o.put("from", attrs.get("image"));
      }
    }
    JsonObject attributes = new JsonObject();
    new TreeMap<>(attrs).forEach(attributes::put);
    return o.put("Type", e.type())
        .put("Action", e.action())
        .put("Actor", new JsonObject().put("ID", e.actorId()).put("Attributes", attributes))
        .put("scope", "local")
        .put("time", e.timeNano() / 1_000_000_000L)
        .put("timeNano", e.timeNano());
  }
}
