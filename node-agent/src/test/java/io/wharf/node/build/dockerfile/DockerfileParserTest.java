package io.wharf.node.build.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerfileParserTest {
  private static Instruction only(String line) throws DockerfileException {
    Dockerfile df = DockerfileParser.parse("FROM busybox\n" + line + "\n");
    assertEquals(1, df.stages().get(0).instructions().size());
    return df.stages().get(0).instructions().get(0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // line | keyword | args joined by ',' | json
      "RUN echo hi && ls|RUN|echo hi && ls|false",
      "run [\"echo\", \"a b\"]|RUN|echo,a b|true",
      "RUN [echo unquoted]|RUN|[echo unquoted]|false",
      "CMD [\"sh\"]|CMD|sh|true",
      "CMD echo $HOME|CMD|echo $HOME|false",
      "ENTRYPOINT [\"/bin/app\",\"-x\"]|ENTRYPOINT|/bin/app,-x|true",
      "SHELL [\"/bin/bash\", \"-c\"]|SHELL|/bin/bash,-c|true",
      "COPY a b /dst/|COPY|a,b,/dst/|false",
      "COPY [\"a b\", \"/dst\"]|COPY|a b,/dst|true",
      "ADD http://x/y.tgz /y|ADD|http://x/y.tgz,/y|false",
      "ENV A=1 B=\"x y\"|ENV|A=1,B=\"x y\"|false",
      "ENV GREETING hello   world|ENV|GREETING,hello   world|false",
      "LABEL a.b=c \"d e\"=f|LABEL|a.b=c,\"d e\"=f|false",
      "ARG V=1|ARG|V=1|false",
      "ARG A B=\"2 3\"|ARG|A,B=\"2 3\"|false",
      "WORKDIR /app dir|WORKDIR|/app dir|false",
      "USER nobody:nogroup|USER|nobody:nogroup|false",
      "EXPOSE 80/tcp  443|EXPOSE|80/tcp,443|false",
      "VOLUME /data /logs|VOLUME|/data,/logs|false",
      "VOLUME [\"/data\"]|VOLUME|/data|true",
      "STOPSIGNAL SIGKILL|STOPSIGNAL|SIGKILL|false",
      "MAINTAINER Jo <jo@x>|MAINTAINER|Jo <jo@x>|false",
      "HEALTHCHECK NONE|HEALTHCHECK|NONE|false",
      "HEALTHCHECK CMD curl -f http://x|HEALTHCHECK|CMD,curl -f http://x|false",
      "HEALTHCHECK --interval=5s CMD [\"true\"]|HEALTHCHECK|CMD,true|false",
      "ONBUILD RUN echo built|ONBUILD|RUN echo built|false",
      "onbuild copy . /app|ONBUILD|copy . /app|false",
  })
  void parsesEveryInstruction(String line, String keyword, String args, boolean json) throws Exception {
    Instruction i = only(line);
    assertEquals(keyword, i.keyword());
    assertEquals(List.of(args.split(",")), i.args());
    assertEquals(json, i.json());
    assertEquals(line, i.text());
    assertEquals(2, i.line());
  }

  @Test
  void flagsBeforeArguments() throws Exception {
    Instruction i = only("COPY --from=build --chown=1:2 --chmod=0755 --link /a /b");
    assertEquals(Map.of("from", "build", "chown", "1:2", "chmod", "0755", "link", "true"), i.flags());
    assertEquals(List.of("/a", "/b"), i.args());
    assertEquals("false", only("COPY --link=FALSE a b").flag("link"));
    Instruction h = only("HEALTHCHECK --interval=5s --retries=3 CMD true");
    assertEquals("5s", h.flag("interval"));
    assertEquals("3", h.flag("retries"));
  }

  @Test
  void continuationsJoinAsDockerPrintsThem() throws Exception {
    Dockerfile df = DockerfileParser.parse("FROM busybox\nRUN echo a && \\\n    echo b\n# c\nRUN x \\\n# comment\n\n  y\n");
    List<Instruction> is = df.stages().get(0).instructions();
    assertEquals("RUN echo a &&     echo b", is.get(0).text());
    assertEquals(List.of("echo a &&     echo b"), is.get(0).args());
    assertEquals(2, is.get(0).line());
    assertEquals("RUN x   y", is.get(1).text());
    assertEquals(5, is.get(1).line());
  }

  @Test
  void escapeDirectiveChangesContinuation() throws Exception {
    Dockerfile df = DockerfileParser.parse("# escape=`\nFROM busybox\nCOPY a `\n  c:\\dir\\\n");
    assertEquals('`', df.escape());
    assertEquals(List.of("a", "c:\\dir\\"), df.stages().get(0).instructions().get(0).args());
    assertEquals('\\', DockerfileParser.parse("# syntax=docker/dockerfile:1\nFROM a\n").escape());
  }

  @Test
  void directiveAfterAnInstructionIsAComment() throws Exception {
    Dockerfile df = DockerfileParser.parse("FROM a\n# escape=`\nRUN x \\\n y\n");
    assertEquals('\\', df.escape());
    assertEquals("RUN x  y", df.stages().get(0).instructions().get(0).text());
  }

  @Test
  void stagesWithNamesIndexesAndGlobalArgs() throws Exception {
    Dockerfile df = DockerfileParser.parse("""
        ARG BASE=busybox
        FROM --platform=linux/amd64 $BASE AS Build
        RUN make
        from scratch
        COPY --from=build /out /
        """);
    assertEquals(1, df.globalArgs().size());
    assertEquals(2, df.stages().size());
    Stage build = df.stages().get(0);
    assertEquals("build", build.name());
    assertEquals("$BASE", build.from());
    assertEquals("linux/amd64", build.platform());
    assertEquals(2, build.line());
    assertNull(df.stages().get(1).name());
    assertEquals(1, df.stages().get(1).index());
    assertSame(build, df.stage("BUILD"));
    assertSame(df.stages().get(1), df.stage("1"));
    assertNull(df.stage("2"));
    assertNull(df.stage("nope"));
  }

  @Test
  void heredocBodies() throws Exception {
    Dockerfile df = DockerfileParser.parse("FROM a\nRUN <<EOF\necho $X\nEOF\nCOPY <<-'END' /f\n\thello\n\tEND\nRUN ok\n");
    List<Instruction> is = df.stages().get(0).instructions();
    assertEquals(3, is.size());
    assertEquals(List.of(new Heredoc("EOF", "echo $X\n", true)), is.get(0).heredocs());
    assertEquals(List.of(new Heredoc("END", "hello\n", false)), is.get(1).heredocs());
    assertTrue(is.get(2).heredocs().isEmpty());
    assertEquals("<<EOF\necho $X\nEOF", is.get(0).shellCommand());
    assertEquals("ok", is.get(2).shellCommand());
  }

  @Test
  void bomAndCrlfAreTolerated() throws Exception {
    Dockerfile df = DockerfileParser.parse("\uFEFFFROM a\r\nRUN b\r\n");
    assertEquals("a", df.stages().get(0).from());
    assertEquals("RUN b", df.stages().get(0).instructions().get(0).text());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "FROM a\\n\\nFORM b|3|dockerfile parse error on line 3: unknown instruction: FORM",
      "ENV A=1\\nFROM a|1|no build stage in current context",
      "ARG X\\n# only args|1|no build stage in current context",
      "FROM a b|1|dockerfile parse error on line 1: FROM requires either one or three arguments",
      "FROM a AS 1x|1|invalid name for build stage: \"1x\", name can't start with a number or contain symbols",
      "FROM a AS x\\nFROM b AS X|2|duplicate name x",
      "FROM a\\nCOPY onlyone|2|COPY requires at least two arguments",
      "FROM a\\nWORKDIR|2|WORKDIR requires exactly one argument",
      "FROM a\\nSHELL /bin/sh -c|2|SHELL requires the arguments to be in JSON form",
      "FROM a\\nENV A=1 B|2|Syntax error - can't find = in \"B\". Must be of the form: name=value",
      "FROM a\\nENV A|2|ENV must have two arguments",
      "FROM a\\nCMD [\"a\", 1]|2|arrays must be comprised of strings only",
      "FROM a\\nCOPY --form=x a b|2|Unknown flag: form",
      "FROM a\\nCOPY --from=a --from=b a b|2|Duplicate flag specified: from",
      "FROM a\\nCOPY --chown a b|2|Missing a value on flag: chown",
      "FROM a\\nCOPY --link= a b|2|Missing a value on flag: link",
      "FROM a\\nCOPY --link=yes a b|2|Expecting boolean value for flag link, not: yes",
      "FROM a\\nARG =x|2|ARG names can not be blank",
      "FROM|1|FROM requires either one or three arguments",
      "FROM a\\nRUN --mount=type=cache,target=/x true|2|the --mount option requires BuildKit",
      "FROM a\\nHEALTHCHECK CMD|2|Missing command after HEALTHCHECK CMD",
      "FROM a\\nHEALTHCHECK NONE x|2|HEALTHCHECK NONE takes no arguments",
      "FROM a\\nHEALTHCHECK RUN x|2|Unknown type \"RUN\" in HEALTHCHECK (try CMD)",
      "FROM a\\nONBUILD ONBUILD RUN x|2|isn't allowed",
      "FROM a\\nONBUILD FROM b|2|FROM isn't allowed as an ONBUILD trigger",
      "FROM a\\nONBUILD BOGUS x|2|unknown instruction: BOGUS",
      "FROM a\\nVOLUME [\"\"]|2|VOLUME specified can not be an empty string",
      "# escape=x\\nFROM a|1|invalid escape token 'x' does not match ` or \\",
      "# escape=`\\n# escape=`\\nFROM a|2|only one escape parser directive can be used",
      "FROM a\\nRUN <<EOF\\necho|2|unterminated heredoc EOF",
  })
  void badSyntaxNamesTheLine(String text, int line, String message) {
    DockerfileException e = assertThrows(DockerfileException.class,
        () -> DockerfileParser.parse(text.replace("\\n", "\n")));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertEquals(line, e.line());
  }

  @Test
  void emptyAndInstructionlessFiles() {
    DockerfileException empty = assertThrows(DockerfileException.class, () -> DockerfileParser.parse("", "sub/Dockerfile.dev"));
    assertEquals("the Dockerfile (sub/Dockerfile.dev) cannot be empty", empty.getMessage());
    DockerfileException comments = assertThrows(DockerfileException.class, () -> DockerfileParser.parse("# nothing\n\n"));
    assertEquals("file with no instructions", comments.getMessage());
  }

  @Test
  void recordsAreImmutable() throws Exception {
    Instruction i = only("RUN x");
    assertThrows(UnsupportedOperationException.class, () -> i.args().add("y"));
    assertFalse(i.json());
  }
}
