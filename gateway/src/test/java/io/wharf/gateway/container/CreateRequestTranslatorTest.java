package io.wharf.gateway.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateRequestTranslatorTest {
  /** The Go CLI's full body for {@code docker run --rm -it busybox sh} (trimmed to the fields that vary). */
  private static final String CLI_BODY = "{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":true,"
      + "\"AttachStdout\":true,\"AttachStderr\":true,\"Tty\":true,\"OpenStdin\":true,\"StdinOnce\":true,\"Env\":null,"
      + "\"Cmd\":[\"sh\"],\"Image\":\"busybox\",\"Volumes\":{},\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,"
      + "\"Labels\":{},\"HostConfig\":{\"Binds\":null,\"NetworkMode\":\"default\",\"PortBindings\":{},"
      + "\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0},\"AutoRemove\":true,\"ConsoleSize\":[40,120],"
      + "\"CapAdd\":null,\"CapDrop\":null,\"Privileged\":false,\"ReadonlyRootfs\":false,\"CpuShares\":0,\"Memory\":0,"
      + "\"NanoCpus\":0,\"CpuPeriod\":0,\"CpuQuota\":0,\"MemorySwap\":0,\"MemorySwappiness\":-1,\"PidsLimit\":0},"
      + "\"NetworkingConfig\":{\"EndpointsConfig\":{\"default\":{}}}}\n";

  @Test
  void fullCliBody() {
    ContainerSpec s = CreateRequestTranslator.translate(new JsonObject(CLI_BODY), null);
    assertNull(s.name());
    assertEquals("busybox", s.image());
    assertEquals(List.of("sh"), s.cmd());
    assertNull(s.entrypoint());
    assertNull(s.env());
    assertNull(s.workingDir());
    assertTrue(s.tty() && s.openStdin() && s.stdinOnce() && s.attachStdin());
    assertNull(s.volumes());
    assertTrue(s.host().autoRemove());
    assertEquals(List.of(40, 120), s.host().consoleSize());
    assertEquals("no", s.host().restartPolicy().name());
    assertNull(s.host().pidsLimit());
    assertEquals(List.of(), s.host().capAdd());
  }

  @Test
  void minimalDockerPyBody() {
    ContainerSpec s = CreateRequestTranslator.translate(new JsonObject("{\"Tty\": false, \"OpenStdin\": false, "
        + "\"Cmd\": [\"echo\", \"hello-py\"], \"Image\": \"busybox\", \"NetworkDisabled\": false, "
        + "\"HostConfig\": {\"NetworkMode\": \"default\"}}"), "py1");
    assertEquals("py1", s.name());
    assertEquals(List.of("echo", "hello-py"), s.cmd());
    assertEquals("default", s.host().networkMode());
    assertEquals(Map.of(), s.labels());
  }

  @Test
  void everyFieldMapped() {
    ContainerSpec s = CreateRequestTranslator.translate(new JsonObject("{\"Image\":\"x\",\"Entrypoint\":\"/init\","
        + "\"Env\":[\"A=1\"],\"WorkingDir\":\"/w\",\"User\":\"1000:1000\",\"Hostname\":\"h\",\"Domainname\":\"d\","
        + "\"Labels\":{\"k\":\"v\"},\"StopSignal\":\"SIGINT\",\"StopTimeout\":3,\"ExposedPorts\":{\"80/tcp\":{}},"
        + "\"Volumes\":{\"/anon\":{}},\"HostConfig\":{\"Memory\":67108864,\"MemorySwap\":134217728,\"NanoCpus\":500000000,"
        + "\"CpuShares\":512,\"PidsLimit\":100,\"Privileged\":true,\"CapAdd\":[\"NET_ADMIN\"],\"CapDrop\":[\"MKNOD\"],"
        + "\"ReadonlyRootfs\":true,\"NetworkMode\":\"net1\",\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}}}"),
        "/named");
    assertEquals("named", s.name());
    assertEquals(List.of("/init"), s.entrypoint());
    assertEquals(List.of("A=1"), s.env());
    assertEquals("1000:1000", s.user());
    assertEquals("SIGINT", s.stopSignal());
    assertEquals(3, s.stopTimeout());
    assertEquals(List.of("80/tcp"), s.exposedPorts());
    assertEquals(List.of("/anon"), s.volumes());
    assertEquals(67108864, s.host().memory());
    assertEquals(500000000, s.host().nanoCpus());
    assertEquals(100L, s.host().pidsLimit());
    assertTrue(s.host().privileged() && s.host().readonlyRootfs());
    assertEquals(List.of("NET_ADMIN"), s.host().capAdd());
    assertEquals("on-failure", s.host().restartPolicy().name());
    assertEquals(3, s.host().restartPolicy().maximumRetryCount());
    assertFalse(s.host().autoRemove());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a/b | {} | Invalid container name (a/b), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
      "x | {} | Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
      "_x | {} | Invalid container name (_x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
      "ok | {\"Memory\":1024} | Minimum memory limit allowed is 6MB",
      "ok | {\"Memory\":-1} | invalid Memory -1: must not be negative",
      "ok | {\"NanoCpus\":1000000000,\"CpuQuota\":50000} | Conflicting options: Nano CPUs and CPU Quota cannot both be set",
      "ok | {\"NanoCpus\":1000000000,\"CpuPeriod\":50000} | Conflicting options: Nano CPUs and CPU Period cannot both be set",
      "ok | {\"CpuPeriod\":10} | CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)",
      "ok | {\"MemorySwap\":10000000} | You should always set the Memory limit when using Memoryswap limit, see usage",
      "ok | {\"RestartPolicy\":{\"Name\":\"sometimes\"}} | invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'",
      "ok | {\"RestartPolicy\":{\"Name\":\"always\",\"MaximumRetryCount\":2}} | invalid restart policy: maximum retry count can only be used with 'on-failure'",
      "ok | {\"RestartPolicy\":{\"Name\":\"always\"},\"AutoRemove\":true} | can't create 'AutoRemove' container with restart policy",
      "ok | {\"Memory\":\"lots\"} | invalid Memory: expected a number",
      "ok | {\"Privileged\":\"yes\"} | invalid Privileged: expected a boolean",
  })
  void rejectsWhatDockerdRejects(String name, String hostConfig, String message) {
    JsonObject body = new JsonObject().put("Image", "busybox").put("HostConfig", new JsonObject(hostConfig));
    WharfException e = assertThrows(WharfException.class, () -> CreateRequestTranslator.translate(body, name));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals(message, e.getMessage());
  }

  @Test
  void wrongShapesAreInvalid() {
    assertThrows(WharfException.class, () -> CreateRequestTranslator.translate(new JsonObject("{\"Cmd\":{\"a\":1}}"), null));
    assertThrows(WharfException.class, () -> CreateRequestTranslator.translate(new JsonObject("{\"Labels\":[1]}"), null));
    assertThrows(WharfException.class, () -> CreateRequestTranslator.translate(new JsonObject("{\"HostConfig\":[]}"), null));
  }
}
