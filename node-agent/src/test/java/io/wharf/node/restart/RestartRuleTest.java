package io.wharf.node.restart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.container.RestartPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestartRuleTest {

  @ParameterizedTest(name = "{0}:{1} exit {2} after {3} restarts, manual={4} -> {5}")
  @CsvSource({
      "no,0,1,0,false,false",
      "always,0,0,0,false,true",
      "always,0,0,0,true,false",
      "unless-stopped,0,137,9,false,true",
      "unless-stopped,0,0,0,true,false",
      "on-failure,0,0,0,false,false",
      "on-failure,0,1,100,false,true",
      "on-failure,3,1,2,false,true",
      "on-failure,3,1,3,false,false",
      "on-failure,3,1,0,true,false"})
  void restartsAfterExit(String name, int max, int code, int count, boolean manual, boolean expected) {
    assertEquals(expected, RestartRule.restartsAfterExit(new RestartPolicy(name, max), code, count, manual));
  }

  @ParameterizedTest
  @CsvSource({"no,false,false", "on-failure,false,false", "always,false,true", "always,true,true",
      "unless-stopped,false,true", "unless-stopped,true,false"})
  void restartsWithDaemon(String name, boolean manual, boolean expected) {
    assertEquals(expected, RestartRule.restartsWithDaemon(new RestartPolicy(name, 0), manual));
  }

  @ParameterizedTest
  @CsvSource({"0,0,100", "100,50,200", "200,9999,400", "400,10000,100", "40000,1,60000", "60000,1,60000"})
  void backOffDoublesAndResetsAfterTenSecondsOfRunning(long previous, long ran, long expected) {
    assertEquals(expected, RestartRule.nextDelayMs(previous, ran));
  }
}
