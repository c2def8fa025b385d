package io.wharf.gateway.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.api.event.WharfEvent;
import io.wharf.gateway.http.FilterArgs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventFilterTest {
  static final String CID = "c8601ac97fc07678e2a2965fdce935345fa622d3a07bb0606fbf249c07f876a9";
  static final WharfEvent START = new WharfEvent("container", "start", CID,
      Map.of("image", "busybox", "name", "ev1", "com.example", "x"), 1795800879106310051L, "n1");
  static final WharfEvent EXEC = new WharfEvent("container", "exec_start: sh -c true", CID, Map.of("name", "ev1"), 1, "n1");
  static final WharfEvent TAG = new WharfEvent("image", "tag", "sha256:aa", Map.of("name", "myimg:tagged"), 2, "n1");
  static final WharfEvent NET = new WharfEvent("network", "connect", "3a68", Map.of("container", CID, "name", "bridge"), 3, "n1");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{} | true | true | true | true",
      "{\"type\":{\"container\":true}} | true | true | false | false",
      "{\"event\":[\"start\"]} | true | false | false | false",
      "{\"event\":[\"exec_start\"]} | false | true | false | false",
      "{\"container\":[\"ev1\"]} | true | true | false | false",
      "{\"container\":[\"c8601ac97fc0\"]} | true | true | false | false",
      "{\"image\":[\"busybox:latest\"]} | true | false | false | false",
      "{\"image\":[\"myimg:tagged\"]} | false | false | true | false",
      "{\"network\":[\"bridge\"]} | false | false | false | true",
      "{\"label\":[\"com.example=x\"]} | true | false | false | false",
      "{\"type\":[\"container\",\"network\"],\"event\":[\"connect\",\"start\"]} | true | false | false | true",
  })
  void matches(String filters, boolean start, boolean exec, boolean tag, boolean net) {
    EventFilter f = new EventFilter(FilterArgs.parse(filters));
    assertEquals(List.of(start, exec, tag, net), List.of(f.test(START), f.test(EXEC), f.test(TAG), f.test(NET)));
  }

  @Test
  void unknownKey() {
    assertThrows(WharfException.class, () -> new EventFilter(FilterArgs.parse("{\"colour\":[\"red\"]}")));
  }

  @Test
  void dockerShape() {
    JsonObject o = EventJsonTranslator.toDocker(START);
    assertEquals("{\"status\":\"start\",\"id\":\"" + CID + "\",\"from\":\"busybox\",\"Type\":\"container\",\"Action\":\"start\","
        + "\"Actor\":{\"ID\":\"" + CID + "\",\"Attributes\":{\"com.example\":\"x\",\"image\":\"busybox\",\"name\":\"ev1\"}},"
        + "\"scope\":\"local\",\"time\":1795800879,\"timeNano\":1795800879106310051}", o.encode());
    JsonObject net = EventJsonTranslator.toDocker(NET);
    assertFalse(net.containsKey("status"));
    assertTrue(EventJsonTranslator.toDocker(TAG).containsKey("status"));
    assertFalse(EventJsonTranslator.toDocker(TAG).containsKey("from"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1795800876 | 1795800876000000000",
      "1795800876.5 | 1795800876500000000",
      "1795800876.000000001 | 1795800876000000001",
      "2026-11-27T17:34:36Z | 1795800876000000000",
  })
  void windowBounds(String raw, long nanos) {
    assertEquals(nanos, EventWindow.toNanos("since", raw));
  }

  @Test
  void windowDefaults() {
    EventWindow live = EventWindow.parse(null, null);
    assertFalse(live.replays());
    assertFalse(live.bounded());
    EventWindow untilOnly = EventWindow.parse(null, "10");
    assertTrue(untilOnly.replays() && untilOnly.bounded());
    assertTrue(untilOnly.contains(5_000_000_000L));
    assertFalse(untilOnly.contains(11_000_000_000L));
    assertThrows(WharfException.class, () -> EventWindow.parse("yesterday", null));
  }

  @Test
  void bufferKeepsTheLastN() {
    EventBuffer b = new EventBuffer(2);
    b.add(START);
    b.add(EXEC);
    java.util.List<WharfEvent> live = new java.util.ArrayList<>();
    EventBuffer.Subscription s = b.subscribe(live::add);
    assertEquals(List.of(START, EXEC), s.history());
    b.add(TAG);
    assertEquals(List.of(EXEC, TAG), b.snapshot());
    assertEquals(List.of(TAG), live);
    s.cancel().run();
    b.add(NET);
    assertEquals(List.of(TAG), live);
    assertEquals(0, b.subscriberCount());
  }
}
