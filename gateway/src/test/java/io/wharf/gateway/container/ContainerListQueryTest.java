package io.wharf.gateway.container;

import static io.wharf.gateway.container.ContainerDirectoryTest.c;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.gateway.http.FilterArgs;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerListQueryTest {
  static final List<ContainerSummary> ALL = List.of(
      c("a1" + "0".repeat(62), "web1", ContainerState.RUNNING, 1, "busybox"),
      c("b2" + "0".repeat(62), "web2", ContainerState.EXITED, 2, "busybox:latest"),
      c("c3" + "0".repeat(62), "db", ContainerState.PAUSED, 3, "127.0.0.1:5000/pg:1"),
      c("d4" + "0".repeat(62), "new", ContainerState.CREATED, 4, "alpine"));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "false | -1 | '' | db,web1",
      "true | -1 | '' | new,db,web2,web1",
      "false | 2 | '' | new,db",
      "false | -1 | {\"status\":[\"exited\"]} | web2",
      "true | -1 | {\"name\":{\"web\":true}} | web2,web1",
      "true | -1 | {\"name\":[\"^web1$\"]} | web1",
      "true | -1 | {\"id\":[\"c3\"]} | db",
      "true | -1 | {\"ancestor\":[\"busybox\"]} | web2,web1",
      "true | -1 | {\"ancestor\":[\"127.0.0.1:5000/pg:1\"]} | db",
      "true | -1 | {\"label\":[\"tier=web\"],\"status\":[\"running\",\"created\"]} | new,web1",
      "true | -1 | {\"label\":[\"tier=db\"]} | ''",
      "true | -1 | {\"exited\":[\"0\"]} | web2",
      "true | -1 | {\"exited\":[\"1\"]} | ''",
      "true | -1 | {\"before\":[\"db\"]} | web2,web1",
      "true | -1 | {\"since\":[\"b2\"]} | new,db",
      "true | -1 | {\"network\":[\"bridge\"]} | new,db,web2,web1",
      "true | -1 | {\"volume\":[\"/data\"]} | ''",
  })
  void selects(boolean all, int limit, String filters, String expected) {
    List<String> names = new ContainerListQuery(all, limit, FilterArgs.parse(filters)).apply(ALL).stream()
        .map(ContainerSummary::name).collect(Collectors.toList());
    assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(",")), names);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"{\"status\":[\"sleeping\"]}", "{\"bogus\":[\"1\"]}",
      "{\"exited\":[\"x\"]}", "{\"before\":[\"nosuch\"]}"})
  void badFilters(String filters) {
    assertThrows(WharfException.class, () -> new ContainerListQuery(true, -1, FilterArgs.parse(filters)).apply(ALL));
  }
}
