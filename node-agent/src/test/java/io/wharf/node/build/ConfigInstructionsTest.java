package io.wharf.node.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.node.build.dockerfile.DockerfileException;
import io.wharf.node.build.dockerfile.DockerfileParser;
import io.wharf.node.build.dockerfile.Instruction;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConfigInstructionsTest {
  static Instruction parse(String line) throws DockerfileException {
    return DockerfileParser.parse("FROM busybox\n" + line).stages().get(0).instructions().get(0);
  }

  static ImageDoc apply(ImageDoc doc, String line, Map<String, String> env) throws DockerfileException {
    ConfigInstructions.apply(parse(line), doc, env, '\\', false);
    return doc;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ENV A=1 B=\"two words\"|/bin/sh -c #(nop)  ENV A=1 B=two words|/config/Env|[\"PATH=/bin\",\"A=1\",\"B=two words\"]",
      "ENV PATH=/x:$PATH|/bin/sh -c #(nop)  ENV PATH=/x:/bin|/config/Env|[\"PATH=/x:/bin\"]",
      "LABEL org.example=test|/bin/sh -c #(nop)  LABEL org.example=test|/config/Labels|{\"org.example\":\"test\"}",
      "USER ${NAME}|/bin/sh -c #(nop)  USER nobody|/config/User|\"nobody\"",
      "CMD [\"sh\", \"-c\", \"echo hi\"]|/bin/sh -c #(nop)  CMD [\"sh\",\"-c\",\"echo hi\"]|/config/Cmd|[\"sh\",\"-c\",\"echo hi\"]",
      "CMD echo $HOME|/bin/sh -c #(nop)  CMD [\"/bin/sh\",\"-c\",\"echo $HOME\"]|/config/Cmd|[\"/bin/sh\",\"-c\",\"echo $HOME\"]",
      "EXPOSE 80 8000-8001/udp|/bin/sh -c #(nop)  EXPOSE 80/tcp 8000/udp 8001/udp|/config/ExposedPorts|{\"80/tcp\":{},\"8000/udp\":{},\"8001/udp\":{}}",
      "VOLUME /data $DIR|/bin/sh -c #(nop)  VOLUME [\"/data\",\"/d\"]|/config/Volumes|{\"/data\":{},\"/d\":{}}",
      "STOPSIGNAL SIGUSR1|/bin/sh -c #(nop)  STOPSIGNAL SIGUSR1|/config/StopSignal|\"SIGUSR1\"",
      "SHELL [\"/bin/ash\", \"-eo\"]|/bin/sh -c #(nop)  SHELL [\"/bin/ash\",\"-eo\"]|/config/Shell|[\"/bin/ash\",\"-eo\"]",
      "ONBUILD RUN echo triggered|/bin/sh -c #(nop)  ONBUILD RUN echo triggered|/config/OnBuild|[\"RUN echo triggered\"]",
      "MAINTAINER Jane <j@x>|/bin/sh -c #(nop)  MAINTAINER Jane <j@x>|/author|\"Jane <j@x>\"",
      "HEALTHCHECK --interval=5s --retries=2 CMD wget -q localhost|/bin/sh -c #(nop)  HEALTHCHECK {Test=[\"CMD-SHELL\",\"wget -q localhost\"], Interval=5000000000, Retries=2}|/config/Healthcheck|{\"Test\":[\"CMD-SHELL\",\"wget -q localhost\"],\"Interval\":5000000000,\"Retries\":2}",
      "HEALTHCHECK NONE|/bin/sh -c #(nop)  HEALTHCHECK {Test=[\"NONE\"]}|/config/Healthcheck|{\"Test\":[\"NONE\"]}",
  })
  void editsTheConfigAndNamesTheStep(String line, String createdBy, String pointer, String json) throws Exception {
    ImageDoc doc = ImageDoc.of(io.wharf.api.Json.MAPPER.readTree("{\"config\":{\"Env\":[\"PATH=/bin\"]}}"));
    String got = ConfigInstructions.apply(parse(line), doc, Map.of("NAME", "nobody", "DIR", "/d", "PATH", "/bin"),
        '\\', false);
    assertEquals(createdBy, got);
    assertEquals(json, doc.json().at(pointer).toString());
  }

  @Test
  void entrypointClearsAnInheritedCmdButNotOneSetInTheStage() throws Exception {
    ImageDoc doc = ImageDoc.of(io.wharf.api.Json.MAPPER.readTree("{\"config\":{\"Cmd\":[\"sh\"]}}"));
    ConfigInstructions.apply(parse("ENTRYPOINT [\"top\"]"), doc, Map.of(), '\\', false);
    assertTrue(doc.config().get("Cmd").isNull());
    ImageDoc kept = ImageDoc.of(io.wharf.api.Json.MAPPER.readTree("{\"config\":{\"Cmd\":[\"-b\"]}}"));
    ConfigInstructions.apply(parse("ENTRYPOINT [\"top\"]"), kept, Map.of(), '\\', true);
    assertEquals("[\"-b\"]", kept.config().get("Cmd").toString());
  }

  @Test
  void shellFormUsesTheCurrentShell() throws Exception {
    ImageDoc doc = ImageDoc.scratch();
    apply(doc, "SHELL [\"/bin/bash\", \"-c\"]", Map.of());
    apply(doc, "CMD echo hi", Map.of());
    assertEquals("[\"/bin/bash\",\"-c\",\"echo hi\"]", doc.config().get("Cmd").toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "EXPOSE eighty|invalid containerPort: eighty",
      "EXPOSE 90-80|invalid port range: 90-80",
      "HEALTHCHECK --interval=fast CMD true|cannot be parsed",
      "HEALTHCHECK --retries=0 CMD true|--retries must be at least 1",
  })
  void badInputNamesTheProblem(String line, String message) throws Exception {
    Instruction in = parse(line);
    DockerfileException e = assertThrows(DockerfileException.class,
        () -> ConfigInstructions.apply(in, ImageDoc.scratch(), Map.of(), '\\', false));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void runHeredocsReachTheShell() throws Exception {
    Instruction script = DockerfileParser.parse("FROM busybox\nRUN <<EOF\necho one\necho two\nEOF\n").stages().get(0)
        .instructions().get(0);
    assertEquals(java.util.List.of("/bin/sh", "-c", "echo one\necho two\n"),
        ConfigInstructions.command(script, ImageDoc.scratch()));
    Instruction fed = DockerfileParser.parse("FROM busybox\nRUN cat <<EOF > /x\nhello\nEOF\n").stages().get(0)
        .instructions().get(0);
    assertEquals("cat <<EOF > /x\nhello\nEOF", ConfigInstructions.command(fed, ImageDoc.scratch()).get(2));
  }
}
