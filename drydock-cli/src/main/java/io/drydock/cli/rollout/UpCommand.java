package io.drydock.cli.rollout;

import io.drydock.rollout.service.RolloutService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code drydock up SERVICE-FILE}. */
@Command(name = "up", header = "Deploy a service for the first time, behind the router.",
    footer = {"", "Examples:",
        "  drydock up examples/rollout/web.yaml"},
    mixinStandardHelpOptions = true,
    description = {
      "Deploys a service for the first time: pulls and pins its image, starts its replicas (each on its own",
      "127.0.0.1 port from network.portRange, passed to the app as env PORT), waits for drydock's health check",
      "and HAProxy's, runs the smoke tests, then gives the servers weight in the router backend.",
      "Run again, it repairs: recreates missing containers and removes an old side whose scale-down delay is over."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Deployed (or already running).", " 2:Usage error.", " 3:Invalid service file.",
      " 4:Image or file not found.", " 6:Engine or HAProxy socket unreachable.", " 8:A check failed; nothing serves.",
      " 9:Another drydock holds the service's lock."})
public final class UpCommand implements Callable<Integer> {
  @Mixin RolloutOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RolloutService.Outcome outcome = options.service(spec).up(options.serviceFile, options.timeout);
    StatusPrinter.print(spec.commandLine().getOut(), outcome.state(), outcome.servers());
    return 0;
  }
}
