package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WharfCommandLineTest {
  private final WharfCommandLine parser = new WharfCommandLine("host1");

  private DaemonOptions daemon(String line) {
    Command c = parser.parse(line.isEmpty() ? List.of("daemon") : args("daemon " + line));
    return assertInstanceOf(Command.Daemon.class, c).options();
  }

  private static List<String> args(String line) {
    return Arrays.asList(line.split(" "));
  }

  @Test
  void registryClientFlagsRepeat() {
    DaemonOptions o = daemon("--insecure-registry reg.lan:5000 --insecure-registry=10.0.0.9 "
        + "--registry-mirror https://mirror.lan/ --registry-mirror http://127.0.0.1:5001");
    assertEquals(List.of("reg.lan:5000", "10.0.0.9"), o.insecureRegistries());
    assertEquals(List.of("https://mirror.lan", "http://127.0.0.1:5001"), o.registryMirrors());
    assertEquals(List.of("reg.lan:5000", "10.0.0.9"), Role.REGISTRY.config(o).getJsonArray("insecureRegistries").getList());
    assertEquals(List.of(), daemon("").insecureRegistries());
  }

  @Test
  void registryConfigFileIsMergedIntoTheRegistryRole() throws Exception {
    Path file = Files.createTempFile("wharf-registry-config", ".json");
    try {
      Files.writeString(file, "{\"auth\": {\"token\": true}, \"httpPort\": 5999}");
      DaemonOptions o = daemon("--registry-port 5001 --registry-config " + file);
      JsonObject config = Role.REGISTRY.config(o);
      assertEquals(true, config.getJsonObject("auth").getBoolean("token"));
      assertEquals(5999, config.getInteger("httpPort"), "the file wins over the flags");
      assertEquals(new JsonObject(), daemon("").registryConfig());
      Files.writeString(file, "[1]");
      UsageException e = assertThrows(UsageException.class, () -> daemon("--registry-config " + file));
      assertTrue(e.getMessage().startsWith("--registry-config: " + file + " is not a JSON object"), e.getMessage());
    } finally {
      Files.deleteIfExists(file);
    }
    UsageException missing = assertThrows(UsageException.class, () -> daemon("--registry-config /nonexistent/r.json"));
    assertEquals("--registry-config: cannot read /nonexistent/r.json: no such file", missing.getMessage());
  }

  @Test
  void defaults() {
    DaemonOptions o = daemon("");
    assertEquals(Path.of("/var/lib/wharf"), o.dataRoot());
    assertEquals(Path.of("/run/wharf"), o.runDir());
    assertEquals(Path.of("/run/wharf/wharf.sock"), o.socket());
    assertEquals("host1", o.nodeName());
    assertEquals(List.of(), o.join());
    assertEquals(List.of(Role.values()), o.roles());
    assertEquals("127.0.0.1", o.bind());
    assertEquals(5701, o.clusterPort());
    assertEquals(5000, o.registryPort());
    assertEquals(null, o.tcp());
    assertEquals(10, o.heartbeatTimeoutSeconds());
    assertEquals("wharf", o.clusterName());
    assertEquals("runc", o.runtime());
    assertEquals("conmon", o.conmon());
    assertEquals("127.0.0.1:5701", o.selfMember());
  }

  @Test
  void everyFlag() {
    DaemonOptions o = daemon("--data-root /d --run-dir=/r --node-name n-1.x --join 10.0.0.1 "
        + "--join 10.0.0.2:5801,10.0.0.3 --roles node,gateway --bind 10.0.0.9 --cluster-port 5702 "
        + "--registry-port 5001 --tcp 0.0.0.0:2375 --cluster-name test --heartbeat-timeout 3 "
        + "--runtime /usr/bin/runc --conmon /usr/bin/conmon");
    assertEquals(Path.of("/d"), o.dataRoot());
    assertEquals(Path.of("/r/wharf.sock"), o.socket());
    assertEquals("n-1.x", o.nodeName());
    assertEquals(List.of("10.0.0.1:5702", "10.0.0.2:5801", "10.0.0.3:5702"), o.join());
    assertEquals(List.of(Role.NODE, Role.GATEWAY), o.roles());
    assertEquals("10.0.0.9", o.bind());
    assertEquals(5001, o.registryPort());
    assertEquals("0.0.0.0:2375", o.tcp());
    assertEquals(3, o.heartbeatTimeoutSeconds());
    assertEquals("test", o.clusterName());
    assertEquals("/usr/bin/runc", o.runtime());
    assertEquals("/usr/bin/conmon", o.conmon());
  }

  static Stream<Arguments> joinLists() {
    return Stream.of(
        Arguments.of("--join a", List.of("a:5701")),
        Arguments.of("--join a b:6000 c --roles node", List.of("a:5701", "b:6000", "c:5701")),
        Arguments.of("--join a,b --join c", List.of("a:5701", "b:5701", "c:5701")),
        Arguments.of("--join=a b", null));
  }

  @ParameterizedTest
  @MethodSource("joinLists")
  void joinTakesSeveralMembers(String line, List<String> expected) {
    if (expected == null) {
      assertThrows(UsageException.class, () -> daemon(line));
    } else {
      assertEquals(expected, daemon(line).join());
    }
  }

  static Stream<Arguments> roleLists() {
    return Stream.of(
        Arguments.of("all", List.of(Role.values())),
        Arguments.of("gateway,node,gateway", List.of(Role.NODE, Role.GATEWAY)),
        Arguments.of("gateway,registry,scheduler,volume,network",
            List.of(Role.REGISTRY, Role.SCHEDULER, Role.NETWORK, Role.VOLUME, Role.GATEWAY)),
        Arguments.of("node,all", List.of(Role.values())),
        Arguments.of(" node , scheduler ", List.of(Role.SCHEDULER, Role.NODE)));
  }

  @ParameterizedTest
  @MethodSource("roleLists")
  void rolesComeOutInDeploymentOrder(String value, List<Role> expected) {
    assertEquals(expected, WharfCommandLine.roles(value));
  }

  static Stream<Arguments> commands() {
    return Stream.of(
        Arguments.of("help", Command.Help.class),
        Arguments.of("--help", Command.Help.class),
        Arguments.of("-h", Command.Help.class),
        Arguments.of("daemon --help", Command.Help.class),
        Arguments.of("daemon --roles node -h", Command.Help.class),
        Arguments.of("version", Command.Version.class),
        Arguments.of("--version", Command.Version.class),
        Arguments.of("daemon", Command.Daemon.class));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void commands(String line, Class<?> expected) {
    assertInstanceOf(expected, parser.parse(args(line)));
  }

  static Stream<Arguments> badLines() {
    return Stream.of(
        Arguments.of("", "no command given (commands: daemon, version, help)"),
        Arguments.of("run", "unknown command 'run' (commands: daemon, version, help)"),
        Arguments.of("daemon --bogus", "unknown flag --bogus for 'wharf daemon' (see wharf --help)"),
        Arguments.of("daemon --bogus=1", "unknown flag --bogus for 'wharf daemon' (see wharf --help)"),
        Arguments.of("daemon extra", "unexpected argument 'extra' for 'wharf daemon' (see wharf --help)"),
        Arguments.of("daemon --data-root", "flag --data-root needs a value"),
        Arguments.of("daemon --join --roles node", "flag --join needs a value"),
        Arguments.of("daemon --roles nodes",
            "--roles: unknown role 'nodes' (roles: registry, scheduler, network, node, volume, gateway, all)"),
        Arguments.of("daemon --roles ,", "--roles: empty list"),
        Arguments.of("daemon --cluster-port 0", "--cluster-port: bad port '0' in '0' (1-65535)"),
        Arguments.of("daemon --cluster-port x", "--cluster-port: bad port 'x' in 'x' (1-65535)"),
        Arguments.of("daemon --registry-port 70000", "--registry-port: bad port '70000' in '70000' (1-65535)"),
        Arguments.of("daemon --bind 300.1.1.1", "--bind: bad IPv4 address '300.1.1.1'"),
        Arguments.of("daemon --bind 0.0.0.0",
            "--bind: needs one of this host's own addresses, not the wildcard '0.0.0.0': other members connect to it"),
        Arguments.of("daemon --bind localhost", "--bind: 'localhost' is not an IP address"),
        Arguments.of("daemon --tcp 0.0.0.0", "--tcp: '0.0.0.0' needs a port (HOST:PORT)"),
        Arguments.of("daemon --join 10.0.0.1:99999", "--join: bad port '99999' in '10.0.0.1:99999' (1-65535)"),
        Arguments.of("daemon --join :5701", "--join: bad address ':5701': empty host"),
        Arguments.of("daemon --node-name a/b",
            "--node-name: bad node name 'a/b' (letters, digits, '_', '.', '-'; at most 63; starts with a letter or digit)"),
        Arguments.of("daemon --heartbeat-timeout 1", "--heartbeat-timeout: bad number of seconds '1' (2-600)"),
        Arguments.of("daemon --data-root=", "--data-root: empty value"),
        Arguments.of("daemon --insecure-registry http://r:5000", "--insecure-registry: 'http://r:5000' is not a registry host[:port]"),
        Arguments.of("daemon --registry-mirror mirror.local", "--registry-mirror: 'mirror.local' is not an http(s) URL without a path"),
        Arguments.of("daemon --registry-mirror https://m/v2", "--registry-mirror: 'https://m/v2' is not an http(s) URL without a path"));
  }

  @ParameterizedTest
  @MethodSource("badLines")
  void rejectsWithAClearMessage(String line, String message) {
    List<String> a = line.isEmpty() ? List.of() : args(line);
    UsageException e = assertThrows(UsageException.class, () -> parser.parse(a));
    assertEquals(message, e.getMessage());
  }
}
