package io.wharf.gateway.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerOps;
import io.wharf.api.container.RestartPolicy;
import org.junit.jupiter.api.Test;

class UpdateRequestTranslatorTest {
  @Test
  void zerosFromTheCliMeanUnchanged() {
    ContainerOps.Update u = UpdateRequestTranslator.translate("c", "{\"BlkioWeight\":0,\"CpuPeriod\":0,\"CpuQuota\":0,"
        + "\"CpuShares\":0,\"Memory\":67108864,\"MemorySwap\":0,\"NanoCpus\":0,"
        + "\"RestartPolicy\":{\"Name\":\"\",\"MaximumRetryCount\":0}}");
    assertEquals(67108864L, u.memory());
    assertNull(u.memorySwap());
    assertNull(u.nanoCpus());
    assertNull(u.restartPolicy());
    assertNull(u.pidsLimit());
  }

  @Test
  void restartPolicyAndPidsLimit() {
    ContainerOps.Update u = UpdateRequestTranslator.translate("c",
        "{\"PidsLimit\":50,\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}}");
    assertEquals(50L, u.pidsLimit());
    assertEquals(new RestartPolicy("on-failure", 3), u.restartPolicy());
  }

  @Test
  void refusesImmutableFieldsAndBadJson() {
    WharfException e = assertThrows(WharfException.class,
        () -> UpdateRequestTranslator.translate("c", "{\"Image\":\"other\"}"));
    assertEquals("Cannot update container c: Image cannot be updated", e.getMessage());
    assertThrows(WharfException.class, () -> UpdateRequestTranslator.translate("c", "{\"Memory\":"));
    assertThrows(WharfException.class, () -> UpdateRequestTranslator.translate("c", "{\"Memory\":\"big\"}"));
  }

  @Test
  void refusesSetResourceFieldsItCannotApplyInsteadOfIgnoringThem() {
    for (String field : new String[] {"\"BlkioWeight\":300", "\"OomKillDisable\":true", "\"CpusetCpus\":\"x\""}) {
      WharfException e = assertThrows(WharfException.class, () -> UpdateRequestTranslator.translate("c", "{" + field + "}"));
      assertEquals(io.wharf.api.ErrorCategory.INVALID_ARGUMENT, e.category());
    }
    UpdateRequestTranslator.translate("c", "{\"CpusetCpus\":\"\",\"MemorySwappiness\":-1,\"OomKillDisable\":false}");
  }

  @Test
  void cpusetsAndReservation() {
    ContainerOps.Update u = UpdateRequestTranslator.translate("c",
        "{\"CpusetCpus\":\"0-1\",\"CpusetMems\":\"\",\"MemoryReservation\":8388608}");
    assertEquals("0-1", u.cpusetCpus());
    assertNull(u.cpusetMems());
    assertEquals(8388608L, u.memoryReservation());
  }
}
