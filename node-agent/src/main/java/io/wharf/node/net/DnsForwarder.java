package io.wharf.node.net;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.List;

/**
 * Relays a query the embedded DNS does not own to upstream resolvers, from the host's network
 * namespace: over UDP (the answer comes back as it is, truncation bit included, so the client
 * retries over TCP), or over TCP for a client that asked over TCP. Upstreams are tried in order,
 * each for {@value #TIMEOUT_MS} ms.
 */
final class DnsForwarder {
  static final long TIMEOUT_MS = 2_000;
  private final Vertx vertx;
  private final NetClient tcp;

  DnsForwarder(Vertx vertx) {
    this.vertx = vertx;
    this.tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) TIMEOUT_MS));
  }

  Future<byte[]> udp(byte[] query, List<String> upstreams) {
    return tryEach(upstreams, 0, server -> udpOnce(query, server));
  }

  Future<byte[]> tcp(byte[] query, List<String> upstreams) {
    return tryEach(upstreams, 0, server -> tcpOnce(query, server));
  }

  private Future<byte[]> tryEach(List<String> upstreams, int i,
      java.util.function.Function<String, Future<byte[]>> once) {
    if (i >= upstreams.size()) {
      return Future.failedFuture("no upstream resolver answered");
    }
    return once.apply(upstreams.get(i)).recover(t -> tryEach(upstreams, i + 1, once));
  }

  private Future<byte[]> udpOnce(byte[] query, String server) {
    Promise<byte[]> answer = Promise.promise();
    DatagramSocket relay = vertx.createDatagramSocket();
    long timer = vertx.setTimer(TIMEOUT_MS, t -> answer.tryFail("timeout"));
    relay.handler(p -> answer.tryComplete(p.data().getBytes()));
    relay.send(Buffer.buffer(query), 53, server).onFailure(answer::tryFail);
    return answer.future().onComplete(x -> {
      vertx.cancelTimer(timer);
      relay.close();
    });
  }

  private Future<byte[]> tcpOnce(byte[] query, String server) {
    Promise<byte[]> answer = Promise.promise();
    long timer = vertx.setTimer(TIMEOUT_MS, t -> answer.tryFail("timeout"));
    tcp.connect(53, server).onFailure(answer::tryFail).onSuccess(so -> {
      TcpFrames frames = new TcpFrames(answer::tryComplete);
      so.handler(frames::feed);
      so.closeHandler(v -> answer.tryFail("closed"));
      so.write(TcpFrames.frame(query));
      answer.future().onComplete(x -> so.close());
    });
    return answer.future().onComplete(x -> vertx.cancelTimer(timer));
  }
}
