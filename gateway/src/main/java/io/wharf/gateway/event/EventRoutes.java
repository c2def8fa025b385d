package io.wharf.gateway.event;

import static io.wharf.gateway.http.RoutePattern.regex;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.wharf.api.event.WharfEvent;
import io.wharf.gateway.http.DockerResponses;
import io.wharf.gateway.http.FilterArgs;
import io.wharf.gateway.http.QueryArgs;

/**
 * {@code GET /events}: the head goes out at once; buffered events inside the window are replayed,
 * then live events stream until {@code until} passes (or forever, until the client leaves).
 */
public final class EventRoutes {
  private final Vertx vertx;
  private final EventBuffer buffer;

  public EventRoutes(Vertx vertx, EventBuffer buffer) {
    this.vertx = vertx;
    this.buffer = buffer;
  }

  public void mount(Router r) {
    r.getWithRegex(regex("/events")).handler(this::getEvents);
  }

  void getEvents(RoutingContext ctx) {
    QueryArgs q = new QueryArgs(ctx.queryParams());
    EventWindow window = EventWindow.parse(q.string("since"), q.string("until"));
    EventFilter filter = new EventFilter(FilterArgs.parse(q.string("filters")));
    HttpServerResponse resp = ctx.response();
    DockerResponses.startJsonStream(resp);
    long now = System.currentTimeMillis() * 1_000_000L;
    if (window.bounded() && window.untilNanos() <= now) {
      replay(resp, buffer.snapshot(), window, filter);
      resp.end();
      return;
    }
    stream(resp, window, filter, now);
  }

  private void stream(HttpServerResponse resp, EventWindow window, EventFilter filter, long now) {
    Context context = vertx.getOrCreateContext();
    EventBuffer.Subscription sub = buffer.subscribe(e -> context.runOnContext(v -> {
      if (!resp.ended() && window.contains(e.timeNano()) && filter.test(e)) {
        DockerResponses.streamMessage(resp, EventJsonTranslator.toDocker(e));
      }
    }));
    if (window.replays()) {
      replay(resp, sub.history(), window, filter);
    }
    long timer = window.bounded()
        ? vertx.setTimer(Math.max(1, (window.untilNanos() - now) / 1_000_000L + 1), id -> {
          sub.cancel().run();
          if (!resp.ended()) {
            resp.end();
          }
        })
        : -1;
    resp.closeHandler(v -> {
      sub.cancel().run();
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    });
  }

  private static void replay(HttpServerResponse resp, Iterable<WharfEvent> events, EventWindow window,
      EventFilter filter) {
    for (WharfEvent e : events) {
      if (window.contains(e.timeNano()) && filter.test(e)) {
        DockerResponses.streamMessage(resp, EventJsonTranslator.toDocker(e));
      }
    }
  }
}
