package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deploys by class name into a plain (non-clustered) Vert.x: the scheduler and volume verticles are real. */
@ExtendWith(VertxExtension.class)
class RoleDeploymentTest {

  private static DaemonOptions options(String roles) {
    return ((Command.Daemon) new WharfCommandLine("n1").parse(List.of("daemon", "--roles", roles))).options();
  }

  @Test
  void deploysByClassNameAndUndeploysEverything(Vertx vertx, VertxTestContext ctx) {
    RoleDeployment deployment = new RoleDeployment(vertx, options("network,scheduler,volume"));
    deployment.deployAll()
        .onSuccess(v -> ctx.verify(() -> {
          assertEquals(List.of("scheduler", "network", "volume"), deployment.deployedRoles());
          assertEquals(3, vertx.deploymentIDs().size());
        }))
        .compose(v -> deployment.undeployAll())
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertTrue(vertx.deploymentIDs().isEmpty());
          assertEquals(List.of(), deployment.deployedRoles());
          ctx.completeNow();
        })));
  }

  @Test
  void knowsWhichClassesAreThere() {
    assertTrue(RoleDeployment.onClasspath("io.wharf.scheduler.SchedulerVerticle"));
    assertEquals(false, RoleDeployment.onClasspath("io.wharf.nothing.NoVerticle"));
  }
}
