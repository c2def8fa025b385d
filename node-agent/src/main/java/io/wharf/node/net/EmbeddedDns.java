package io.wharf.node.net;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.shareddata.AsyncMap;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.network.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded DNS of user networks, served by the node agent on each bridge's gateway, port 53,
 * UDP and TCP. Containers reach it as 127.0.0.11 through a DNAT in their namespace
 * ({@link DnsRedirect}), which also rewrites the source to their own address, so the asker is
 * known: names are scoped to its networks ({@link DnsScope}), read from the cluster's endpoint map
 * (so containers on every node resolve). Other names go to the asker's --dns servers, else the
 * host's resolvers ({@link DnsForwarder}).
 */
public final class EmbeddedDns {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDns.class);

  private final Vertx vertx;
  private final List<String> hostUpstreams;
  private final DnsForwarder forwarder;
  private final Map<String, DatagramSocket> udp = new ConcurrentHashMap<>();
  private final Map<String, NetServer> tcp = new ConcurrentHashMap<>();
  private final Map<String, List<String>> containerUpstreams = new ConcurrentHashMap<>();

  /** @param hostUpstreams where names go for containers without --dns ({@link ResolvConf#upstreams}) */
  public EmbeddedDns(Vertx vertx, List<String> hostUpstreams) {
    this.vertx = vertx;
    this.hostUpstreams = List.copyOf(hostUpstreams);
    this.forwarder = new DnsForwarder(vertx);
  }

  /** Starts answering on {@code gateway:53} (UDP and TCP) for {@code networkId}; already serving is fine. */
  public synchronized Future<Void> serve(String gateway, String networkId) {
    if (udp.containsKey(gateway)) {
      return Future.succeededFuture();
    }
    DatagramSocket socket = vertx.createDatagramSocket();
    socket.handler(p -> respond(p.data().getBytes(), networkId, p.sender().host(), false).onSuccess(answer -> {
      if (answer != null) {
        socket.send(Buffer.buffer(answer), p.sender().port(), p.sender().host());
      }
    }));
    NetServer server = vertx.createNetServer().connectHandler(so -> serveTcp(so, networkId));
    udp.put(gateway, socket);
    tcp.put(gateway, server);
    return socket.listen(53, gateway).compose(s -> server.listen(53, gateway)).<Void>mapEmpty()
        .onFailure(t -> {
          LOG.warn("embedded DNS cannot listen on {}:53: {}", gateway, t.getMessage());
          stop(gateway);
        });
  }

  public synchronized void stop(String gateway) {
    DatagramSocket s = udp.remove(gateway);
    if (s != null) {
      s.close();
    }
    NetServer n = tcp.remove(gateway);
    if (n != null) {
      n.close();
    }
  }

  /** The container's own --dns servers (empty: the host's) for the names the network does not own. */
  public void register(String containerId, List<String> dnsServers) {
    containerUpstreams.put(containerId, List.copyOf(dnsServers));
  }

  public void forget(String containerId) {
    containerUpstreams.remove(containerId);
  }

  private void serveTcp(NetSocket so, String networkId) {
    String asker = so.remoteAddress().host();
    TcpFrames frames = new TcpFrames(query -> respond(query, networkId, asker, true).onSuccess(answer -> {
      if (answer != null) {
        so.write(TcpFrames.frame(answer));
      }
    }));
    so.handler(frames::feed);
  }

  /** The answer to send, or null to stay silent (malformed query, no upstream answered). */
  Future<byte[]> respond(byte[] query, String networkId, String askerIp, boolean overTcp) {
    DnsMessage.Question q = DnsMessage.question(query);
    if (q == null) {
      return Future.succeededFuture(null);
    }
    return endpoints().compose(all -> {
      DnsScope.Decision d = DnsScope.decide(all, networkId, askerIp, q);
      switch (d.kind()) {
        case ANSWER:
          return Future.succeededFuture(d.ptrName() != null ? DnsMessage.ptrReply(query, q, d.ptrName())
              : DnsMessage.reply(query, q, d.addresses(), false));
        case NXDOMAIN:
          return Future.succeededFuture(DnsMessage.reply(query, q, List.of(), true));
        default:
          List<String> upstreams = upstreamsOf(DnsScope.askerOf(all, networkId, askerIp));
          Future<byte[]> relayed = overTcp ? forwarder.tcp(query, upstreams) : forwarder.udp(query, upstreams);
          return relayed.recover(t -> {
            LOG.debug("forwarding {} failed: {}", q.name(), t.getMessage());
            return Future.succeededFuture(null);
          });
      }
    });
  }

  private List<String> upstreamsOf(String containerId) {
    List<String> own = containerId == null ? null : containerUpstreams.get(containerId);
    return own == null || own.isEmpty() ? hostUpstreams : own;
  }

  private Future<List<Endpoint>> endpoints() {
    return vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.NETWORK_ENDPOINTS)
        .compose(AsyncMap::values)
        .map(values -> values.stream().map(v -> Json.read(v, Endpoint.class)).toList());
  }
}
