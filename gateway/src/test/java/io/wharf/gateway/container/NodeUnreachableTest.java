package io.wharf.gateway.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import org.junit.jupiter.api.Test;

class NodeUnreachableTest {
  @Test
  void namesTheContainerAndItsNodeWhenNobodyAnswers() {
    Throwable t = NodeUnreachable.explain(new WharfException(ErrorCategory.UNAVAILABLE,
        "no service answers wharf.v1.node.n2.container.start"), "abc", "n2");
    assertEquals("container abc is on node n2, which is not reachable", t.getMessage());
    assertEquals(ErrorCategory.UNAVAILABLE, ((WharfException) t).category());
  }

  @Test
  void leavesOtherFailuresAlone() {
    Throwable timeout = new WharfException(ErrorCategory.UNAVAILABLE, "timed out waiting for wharf.v1.node.n2.x");
    Throwable conflict = WharfException.conflict("no service answers is not a conflict");
    Throwable plain = new IllegalStateException();
    assertSame(timeout, NodeUnreachable.explain(timeout, "abc", "n2"));
    assertSame(conflict, NodeUnreachable.explain(conflict, "abc", "n2"));
    assertSame(plain, NodeUnreachable.explain(plain, "abc", "n2"));
  }
}
