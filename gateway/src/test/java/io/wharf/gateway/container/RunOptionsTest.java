package io.wharf.gateway.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.DeviceMapping;
import io.wharf.api.container.Ulimit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Run options and health checks in a create body: translation, Docker's create-time checks, inspect echo. */
class RunOptionsTest {

  private static ContainerSpec create(String hostConfig, String config) {
    return CreateRequestTranslator.translate(new JsonObject("{\"Image\":\"busybox\",\"Cmd\":[\"sh\"]" + config
        + ",\"HostConfig\":" + hostConfig + "}"), null);
  }

  private static WharfException rejected(String hostConfig, String config) {
    WharfException e = assertThrows(WharfException.class, () -> create(hostConfig, config));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    return e;
  }

  @Test
  void cliBodyWithEveryRunOption() {
    ContainerSpec s = create("{\"Tmpfs\":{\"/run\":\"size=1m\"},\"Ulimits\":[{\"Name\":\"nofile\",\"Hard\":2048,"
        + "\"Soft\":1024}],\"GroupAdd\":[\"10\"],\"SecurityOpt\":[\"no-new-privileges\"],\"Devices\":[{\"PathOnHost\":"
        + "\"/dev/null\",\"PathInContainer\":\"/dev/mynull\",\"CgroupPermissions\":\"rw\"}],\"ShmSize\":1048576,"
        + "\"Sysctls\":{\"kernel.shmmax\":\"1000000\"},\"Init\":true,\"LogConfig\":{\"Type\":\"json-file\","
        + "\"Config\":{\"max-size\":\"1k\",\"max-file\":\"3\"}}}",
        ",\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":1000000000,\"Retries\":2}");
    assertEquals(Map.of("/run", "size=1m"), s.host().tmpfs());
    assertEquals(List.of(new Ulimit("nofile", 1024, 2048)), s.host().ulimits());
    assertEquals(List.of("10"), s.host().groupAdd());
    assertEquals(List.of(new DeviceMapping("/dev/null", "/dev/mynull", "rw")), s.host().devices());
    assertEquals(1048576, s.host().shmSize());
    assertEquals(Boolean.TRUE, s.host().init());
    assertEquals("3", s.host().logOptions().get("max-file"));
    assertEquals(List.of("CMD-SHELL", "true"), s.healthcheck().test());
    assertEquals(1_000_000_000L, s.healthcheck().interval());
    JsonObject host = HostConfigJson.of(s.host(), "default");
    assertEquals(1048576L, host.getLong("ShmSize"));
    assertEquals("1k", host.getJsonObject("LogConfig").getJsonObject("Config").getString("max-size"));
    assertEquals(2048L, host.getJsonArray("Ulimits").getJsonObject(0).getLong("Hard"));
    assertEquals("/dev/mynull", host.getJsonArray("Devices").getJsonObject(0).getString("PathInContainer"));
    assertEquals("1000000", host.getJsonObject("Sysctls").getString("kernel.shmmax"));
    assertTrue(host.getBoolean("Init"));
  }

  @Test
  void absentOptionsAreEmpty() {
    ContainerSpec s = create("{}", "");
    assertTrue(s.host().tmpfs().isEmpty() && s.host().ulimits().isEmpty() && s.host().devices().isEmpty());
    assertEquals(null, s.host().init());
    assertEquals(null, s.healthcheck());
    assertEquals(64L * 1024 * 1024, HostConfigJson.of(s.host(), "default").getLong("ShmSize"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "kernel.shmmax|default|true", "kernel.msgmax|default|true", "kernel.sem|none|true",
      "kernel.shm_rmid_forced|host|true", "fs.mqueue.msg_max|default|true", "net.ipv4.ip_forward|default|true",
      "net.core.somaxconn|none|true", "net.ipv4.ip_forward|host|false", "kernel.hostname|default|false",
      "kernel.domainname|default|false", "vm.swappiness|default|false", "kernel.pid_max|default|false",
      "fs.file-max|default|false"})
  void sysctlsMustBeNamespaced(String key, String networkMode, boolean allowed) {
    if (allowed) {
      RunOptionsValidator.validateSysctl(key, networkMode);
    } else {
      WharfException e = assertThrows(WharfException.class, () -> RunOptionsValidator.validateSysctl(key, networkMode));
      assertTrue(e.getMessage().contains(key), e.getMessage());
      assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"Sysctls\":{\"kernel.hostname\":\"x\"}}|is not in a separate kernel namespace",
      "{\"NetworkMode\":\"host\",\"Sysctls\":{\"net.ipv4.ip_forward\":\"1\"}}|host network namespace",
      "{\"SecurityOpt\":[\"bogus\"]}|invalid --security-opt",
      "{\"SecurityOpt\":[\"no-new-privileges=maybe\"]}|invalid --security-opt",
      "{\"SecurityOpt\":[\"seccomp=not json\"]}|Decoding seccomp profile failed",
      "{\"SecurityOpt\":[\"seccomp={\\\"syscalls\\\":[]}\"]}|Decoding seccomp profile failed",
      "{\"Tmpfs\":{\"relative\":\"\"}}|must be an absolute path",
      "{\"Devices\":[{\"PathOnHost\":\"/dev/null\",\"CgroupPermissions\":\"rwx\"}]}|invalid device mode",
      "{\"Ulimits\":[{\"Name\":\"bogus\",\"Soft\":1,\"Hard\":1}]}|invalid ulimit type",
      "{\"Ulimits\":[{\"Name\":\"nofile\",\"Soft\":10,\"Hard\":5}]}|soft limit must be less than or equal",
      "{\"ShmSize\":-1}|SHM size",
      "{\"LogConfig\":{\"Type\":\"syslog\"}}|not supported",
      "{\"LogConfig\":{\"Config\":{\"max-size\":\"lots\"}}}|invalid size",
      "{\"LogConfig\":{\"Config\":{\"max-size\":\"1k\",\"max-file\":\"0\"}}}|max-file cannot be less than 1",
      "{\"LogConfig\":{\"Config\":{\"max-file\":\"3\"}}}|max-file can only be used with max-size",
      "{\"LogConfig\":{\"Config\":{\"colour\":\"red\"}}}|unknown log opt",
      "{\"Ulimits\":\"nofile\"}|expected a list"})
  void badHostConfigIsRejected(String hostConfig, String message) {
    WharfException e = rejected(hostConfig, "");
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"Test\":[\"CMD\",\"true\"],\"Interval\":1000}|Interval in Healthcheck cannot be less than 1ms",
      "{\"Test\":[\"CMD\",\"true\"],\"Timeout\":5}|Timeout in Healthcheck cannot be less than 1ms",
      "{\"Test\":[\"CMD\",\"true\"],\"StartPeriod\":5}|StartPeriod in Healthcheck cannot be less than 1ms",
      "{\"Test\":[\"CMD\",\"true\"],\"Retries\":-1}|Retries in Healthcheck cannot be negative",
      "\"true\"|expected an object"})
  void badHealthcheckIsRejected(String healthcheck, String message) {
    WharfException e = rejected("{}", ",\"Healthcheck\":" + healthcheck);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void seccompProfileAndUnconfinedAreAccepted() {
    create("{\"SecurityOpt\":[\"seccomp=unconfined\",\"no-new-privileges:true\",\"apparmor=unconfined\"]}", "");
    create("{\"SecurityOpt\":[\"seccomp={\\\"defaultAction\\\":\\\"SCMP_ACT_ALLOW\\\",\\\"syscalls\\\":[]}\"]}", "");
  }
}
