package io.wharf.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which runc kill failures mean "the process already exited" (rm -f and kill then do not fail). */
class ProcessGoneTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "NOT_FOUND | runc kill abc failed: container does not exist | true",
      "FAILED_PRECONDITION | runc kill abc failed: container not running | true",
      "FAILED_PRECONDITION | runc kill abc failed: container paused | false",
      "INTERNAL | runc kill abc failed: permission denied | false",
  })
  void classifies(ErrorCategory category, String message, boolean gone) {
    assertEquals(gone, ContainerLifecycle.processGone(new WharfException(category, message)));
  }
}
