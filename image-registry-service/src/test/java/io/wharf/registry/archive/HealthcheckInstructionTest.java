package io.wharf.registry.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.WharfException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthcheckInstructionTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "CMD true|{\"Test\":[\"CMD-SHELL\",\"true\"]}",
      "--interval=1s --retries=2 CMD [\"probe\",\"-q\"]|{\"Test\":[\"CMD\",\"probe\",\"-q\"],\"Interval\":1000000000,\"Retries\":2}",
      "--timeout=1m30s --start-period=500ms cmd exit 0|{\"Test\":[\"CMD-SHELL\",\"exit 0\"],\"Timeout\":90000000000,\"StartPeriod\":500000000}",
      "NONE|{\"Test\":[\"NONE\"]}"})
  void parses(String instruction, String json) {
    assertEquals(json, HealthcheckInstruction.parse(instruction).toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--interval=soon CMD true|invalid duration", "--bogus=1 CMD true|Unknown flag: bogus",
      "RUN true|Unknown type", "CMD|Unknown type", "--retries=x CMD true|invalid --retries",
      "NONE extra|takes no arguments"})
  void rejects(String instruction, String message) {
    WharfException e = assertThrows(WharfException.class, () -> HealthcheckInstruction.parse(instruction));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void importChangesCarryIt() {
    assertEquals("{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":2000000000}",
        ImportChanges.parse(List.of("HEALTHCHECK --interval=2s CMD true")).toContainerConfig().get("Healthcheck")
            .toString());
  }
}
