package io.wharf.api;

import com.fasterxml.jackson.databind.JavaType;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import java.util.function.Function;

/**
 * Request/reply over the event bus with Wharf's records. Bodies are JSON {@link Buffer}s made by
 * {@link Json}; failures travel as {@code fail(category.busCode(), message)} and come back as
 * {@link WharfException} with the same category. A request to a member that is gone, or that
 * does not answer in time, fails with {@link ErrorCategory#UNAVAILABLE}.
 */
public final class Bus {
  private Bus() {}

  /** Default send timeout: short, because a message to a dead member is lost silently. */
  public static final long DEFAULT_TIMEOUT_MS = 15_000;

  public static <T> Future<T> request(EventBus bus, String address, Object body, Class<T> replyType) {
    return request(bus, address, body, Json.type(replyType), DEFAULT_TIMEOUT_MS);
  }

  public static <T> Future<T> request(EventBus bus, String address, Object body, JavaType replyType) {
    return request(bus, address, body, replyType, DEFAULT_TIMEOUT_MS);
  }

  public static <T> Future<T> request(EventBus bus, String address, Object body, JavaType replyType,
      long timeoutMs) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMs);
    return bus.<Buffer>request(address, Json.buffer(body), options)
        .recover(t -> Future.failedFuture(fromReplyFailure(address, t)))
        .map(msg -> Json.<T>read(msg.body().getBytes(), replyType));
  }

  /**
   * Serves {@code address}: decodes each request as {@code requestType}, runs {@code handler} and
   * replies with its result, or fails the message with the error's category.
   */
  public static <Q, R> MessageConsumer<Buffer> serve(EventBus bus, String address, Class<Q> requestType,
      Function<Q, Future<R>> handler) {
    return bus.<Buffer>consumer(address, msg -> {
      Future<R> result;
      try {
        result = handler.apply(Json.read(msg.body().getBytes(), requestType));
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(ar -> {
        if (ar.succeeded()) {
          msg.reply(Json.buffer(ar.result()));
        } else {
          WharfException w = WharfException.of(ar.cause());
          msg.fail(w.category().busCode(), w.getMessage());
        }
      });
    });
  }

  /** Publishes an event-like record to a topic. */
  public static void publish(EventBus bus, String address, Object body) {
    bus.publish(address, Json.buffer(body));
  }

  static WharfException fromReplyFailure(String address, Throwable t) {
    if (t instanceof ReplyException re) {
      switch (re.failureType()) {
        case RECIPIENT_FAILURE:
          return new WharfException(ErrorCategory.fromBusCode(re.failureCode()), re.getMessage());
        case NO_HANDLERS:
          return new WharfException(ErrorCategory.UNAVAILABLE, "no service answers " + address);
        case TIMEOUT:
          return new WharfException(ErrorCategory.UNAVAILABLE, "timed out waiting for " + address);
        default:
          return new WharfException(ErrorCategory.INTERNAL, re.getMessage());
      }
    }
    return WharfException.of(t);
  }
}
