package io.wharf.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.event.WharfEvent;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Asynchronous checks with {@link VertxExtension}: a Vert.x HTTP client on the unix socket sees
 * the /events head before any event exists, then receives a live event.
 */
@ExtendWith(VertxExtension.class)
class VertxClientTest {
  private static GatewayHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = new GatewayHarness();
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void eventsHeadFirstThenLiveEvent(VertxTestContext tc) throws Exception {
    var client = h.vertx.createHttpClient(new HttpClientOptions());
    RequestOptions req = new RequestOptions().setServer(SocketAddress.domainSocketAddress(h.socket.toString()))
        .setMethod(HttpMethod.GET).setURI("/v1.47/events?filters=%7B%22type%22%3A%5B%22volume%22%5D%7D").setHost("localhost");
    client.request(req).compose(r -> r.send()).onComplete(tc.succeeding(resp -> {
      tc.verify(() -> assertEquals("application/json", resp.getHeader("Content-Type")));
      resp.handler(buf -> tc.verify(() -> {
        assertEquals("volume", new io.vertx.core.json.JsonObject(buf.toString().trim()).getString("Type"));
        tc.completeNow();
      }));
      Bus.publish(h.vertx.eventBus(), Addresses.EVENTS, new WharfEvent("container", "start", "x", Map.of(), 1, "n1"));
      Bus.publish(h.vertx.eventBus(), Addresses.EVENTS, new WharfEvent("volume", "create", "vol1",
          Map.of("driver", "local"), System.currentTimeMillis() * 1_000_000L, "n1"));
    }));
    org.junit.jupiter.api.Assertions.assertTrue(tc.awaitCompletion(10, TimeUnit.SECONDS));
    if (tc.failed()) {
      throw new AssertionError(tc.causeOfFailure());
    }
  }
}
