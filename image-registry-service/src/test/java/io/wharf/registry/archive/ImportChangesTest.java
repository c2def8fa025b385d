package io.wharf.registry.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImportChangesTest {

  /** change line | field of the rendered config | its JSON */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      'CMD ["/bin/sh"]'                  | Cmd          | ["/bin/sh"]
      CMD echo hi there                  | Cmd          | ["/bin/sh","-c","echo hi there"]
      cmd ["a", "b c"]                   | Cmd          | ["a","b c"]
      'ENTRYPOINT ["/bin/app","-v"]'     | Entrypoint   | ["/bin/app","-v"]
      ENTRYPOINT /bin/app -v             | Entrypoint   | ["/bin/sh","-c","/bin/app -v"]
      ENV A=1 B="two words"              | Env          | ["A=1","B=two words"]
      ENV GREETING hello world           | Env          | ["GREETING=hello world"]
      EXPOSE 80 53/udp                   | ExposedPorts | {"80/tcp":{},"53/udp":{}}
      LABEL org.example=test "x y"=z     | Labels       | {"org.example":"test","x y":"z"}
      USER nobody                        | User         | "nobody"
      WORKDIR /app                       | WorkingDir   | "/app"
      VOLUME /data /logs                 | Volumes      | {"/data":{},"/logs":{}}
      'VOLUME ["/data"]'                 | Volumes      | {"/data":{}}
      STOPSIGNAL SIGINT                  | StopSignal   | "SIGINT"
      """)
  void appliesChange(String change, String field, String json) {
    var config = ImportChanges.parse(List.of(change)).toContainerConfig();
    assertEquals(json, config.get(field).toString());
  }

  @Test
  void laterEnvReplacesEarlierAndLinesSplit() {
    var config = ImportChanges.parse(List.of("ENV A=1\nENV B=2", "ENV A=3")).toContainerConfig();
    assertEquals("[\"B=2\",\"A=3\"]", config.get("Env").toString());
  }

  @Test
  void emptyChangesGiveDockersEmptyConfig() {
    var config = ImportChanges.parse(List.of()).toContainerConfig();
    assertEquals("{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,"
        + "\"AttachStdout\":false,\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,"
        + "\"Env\":null,\"Cmd\":null,\"Image\":\"\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,"
        + "\"OnBuild\":null,\"Labels\":null}", config.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      FROM busybox        | from is not a valid change command
      RUN echo hi         | run is not a valid change command
      ADD a /b            | add is not a valid change command
      CMD                 | CMD requires at least one argument
      ENV                 | ENV requires at least one argument
      ENV A               | ENV must have two arguments
      USER                | USER requires exactly one argument
      LABEL a="unclosed   | unexpected end of statement while looking for matching \"
      """)
  void refusesBadChanges(String change, String message) {
    WharfException e = assertThrows(WharfException.class, () -> ImportChanges.parse(List.of(change)));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals(message, e.getMessage());
  }
}
