package io.wharf.scheduler;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.node.Placement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves {@link Addresses#SCHEDULER_PLACE}: reads a fresh snapshot of the cluster maps and runs
 * the {@link PlacementPipeline} over it. No configuration. Any number of instances may run in a
 * cluster: each decision is a pure function of the maps (plus a rotation for ties).
 */
public final class SchedulerVerticle extends VerticleBase {
  private final AtomicLong rotation = new AtomicLong();
  private SnapshotReader snapshots;
  private PlacementPipeline pipeline;

  @Override
  public Future<?> start() {
    snapshots = new SnapshotReader(vertx.sharedData(), System::currentTimeMillis);
    pipeline = PlacementPipeline.standard();
    return Bus.serve(vertx.eventBus(), Addresses.SCHEDULER_PLACE, Placement.Request.class, this::place)
        .completion();
  }

  private Future<Placement.Decision> place(Placement.Request request) {
    long turn = rotation.getAndIncrement();
    return snapshots.read().map(snapshot -> pipeline.place(snapshot, request, turn));
  }
}
