package io.wharf.launcher;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.wharf.api.WharfException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the daemon's roles one after another in {@link Role} order and undeploys them in
 * reverse. A role whose verticle class is missing fails the deployment with a message naming the
 * class; a role without a verticle (volume, network today) is accepted and logged.
 */
final class RoleDeployment {
  private static final Logger LOG = LoggerFactory.getLogger(RoleDeployment.class);

  private record Deployed(Role role, String deploymentId) {}

  private final Vertx vertx;
  private final DaemonOptions options;
  private final Deque<Deployed> deployed = new ArrayDeque<>();

  RoleDeployment(Vertx vertx, DaemonOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  /** Deploys every role of the options; stops at the first failure (already deployed ones stay). */
  Future<Void> deployAll() {
    Future<Void> chain = Future.succeededFuture();
    for (Role role : options.roles()) {
      chain = chain.compose(v -> deploy(role));
    }
    return chain;
  }

  private Future<Void> deploy(Role role) {
    if (role.verticleClass().isEmpty()) {
      LOG.info("role {}: nothing to deploy yet", role.wireName());
      return Future.succeededFuture();
    }
    String className = role.verticleClass().get();
    if (!onClasspath(className)) {
      return Future.failedFuture(WharfException.precondition("role " + role.wireName() + " needs "
          + className + ", which is not on the classpath (build its module: mvn -DskipTests install)"));
    }
    long start = System.nanoTime();
    return vertx.deployVerticle(className, new DeploymentOptions().setConfig(role.config(options)))
        .recover(e -> Future.failedFuture(WharfException.precondition(
            "role " + role.wireName() + " failed to start: " + WharfException.of(e).getMessage())))
        .map(id -> {
          deployed.push(new Deployed(role, id));
          LOG.info("role {} deployed ({}, {} ms)", role.wireName(), className,
              (System.nanoTime() - start) / 1_000_000);
          return null;
        });
  }

  /** Undeploys in reverse order of deployment; a failure is logged and the rest still undeploy. */
  Future<Void> undeployAll() {
    Future<Void> chain = Future.succeededFuture();
    while (!deployed.isEmpty()) {
      Deployed d = deployed.pop();
      chain = chain.eventually(() -> vertx.undeploy(d.deploymentId())
          .onSuccess(v -> LOG.info("role {} undeployed", d.role().wireName()))
          .onFailure(e -> LOG.warn("role {} failed to undeploy: {}", d.role().wireName(), e.toString())));
    }
    return chain.recover(e -> Future.succeededFuture());
  }

  /** Wire names of the deployed roles, in deployment order. */
  List<String> deployedRoles() {
    List<String> names = new java.util.ArrayList<>();
    deployed.descendingIterator().forEachRemaining(d -> names.add(d.role().wireName()));
    return names;
  }

  static boolean onClasspath(String className) {
    try {
      Class.forName(className, false, RoleDeployment.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
