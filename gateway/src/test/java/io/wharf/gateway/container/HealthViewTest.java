package io.wharf.gateway.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.container.HealthState;
import io.wharf.gateway.http.FilterArgs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health in docker ps (Status text, health filter) and in inspect (State.Health). */
class HealthViewTest {
  private static final long S = 1_000_000_000L;

  private static ContainerSummary c(String name, HealthState health) {
    return new ContainerSummary(name + "0".repeat(60), name, "n", "busybox", "sha256:x", "sh", 1, ContainerState.RUNNING,
        0, 10 * S, 0, Map.of(), "default", false, 0, health);
  }

  @Test
  void statusShowsHealth() {
    assertEquals("Up 5 seconds (healthy)", StatusText.of(c("a", new HealthState("healthy", 0, List.of())), 15 * S));
    assertEquals("Up 5 seconds (unhealthy)", StatusText.of(c("a", new HealthState("unhealthy", 3, List.of())), 15 * S));
    assertEquals("Up 5 seconds (health: starting)", StatusText.of(c("a", HealthState.starting()), 15 * S));
    assertEquals("Up 5 seconds", StatusText.of(c("a", null), 15 * S));
  }

  @Test
  void healthFilter() {
    List<ContainerSummary> all = List.of(c("good", new HealthState("healthy", 0, List.of())),
        c("none", null), c("new", HealthState.starting()));
    assertEquals(List.of("good"), names(all, "{\"health\":[\"healthy\"]}"));
    assertEquals(List.of("none"), names(all, "{\"health\":[\"none\"]}"));
    assertEquals(List.of("new"), names(all, "{\"health\":[\"starting\"]}"));
    WharfException e = assertThrows(WharfException.class,
        () -> new ContainerListQuery(true, -1, FilterArgs.parse("{\"health\":[\"sick\"]}")));
    assertEquals("Unrecognised filter value for health: sick", e.getMessage());
  }

  @Test
  void inspectShowsStateHealth() {
    HealthState h = new HealthState("unhealthy", 2, List.of(new HealthState.HealthResult(S, 2 * S, 1, "no\n")));
    JsonObject json = HealthJson.of(h);
    assertEquals("{\"Status\":\"unhealthy\",\"FailingStreak\":2,\"Log\":[{\"Start\":\"1970-01-01T00:00:01Z\","
        + "\"End\":\"1970-01-01T00:00:02Z\",\"ExitCode\":1,\"Output\":\"no\\n\"}]}", json.encode());
  }

  private static List<String> names(List<ContainerSummary> all, String filters) {
    return new ContainerListQuery(true, -1, FilterArgs.parse(filters)).apply(all).stream()
        .map(ContainerSummary::name).sorted().toList();
  }
}
