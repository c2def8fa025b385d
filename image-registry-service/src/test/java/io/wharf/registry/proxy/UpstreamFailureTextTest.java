package io.wharf.registry.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import org.junit.jupiter.api.Test;

/** What a pull says when the registry cannot be reached: a message, never a bare class name. */
class UpstreamFailureTextTest {
  @Test
  void messagesWinAndBareExceptionsAreNamedPlainly() {
    assertEquals("boom", UpstreamClient.describe(new IOException("boom")));
    assertEquals("inner", UpstreamClient.describe(new IOException(null, new IOException("inner"))));
    assertEquals("connection refused (no route to the registry from this daemon)",
        UpstreamClient.describe(new ConnectException()));
    assertEquals("no such host", UpstreamClient.describe(new IOException(null, new UnknownHostException())));
    assertEquals("connection timed out", UpstreamClient.describe(new HttpConnectTimeoutException("")));
    assertEquals("IllegalStateException", UpstreamClient.describe(new IllegalStateException()));
  }
}
