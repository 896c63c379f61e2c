package io.inferoute.cli;

import io.inferoute.policy.PolicyLoadResult;
import io.inferoute.policy.PolicyLoader;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.routing.Explanation;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.routing.RoutingRequest;
import io.inferoute.time.Ticker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inferoute explain}: the decision for one request under a policy and telemetry. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Prints the decision for one request: the chosen endpoint, the fallback list and,",
        "per candidate, the filter that removed it or its scores and predicted TTFT."})
final class ExplainCommand implements Callable<Integer> {
  /** Enough prompt for the largest affinity settings a policy can hold. */
  static final int MAX_PROMPT_CHARS = 1 << 20;

  @Spec CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "policy (YAML)")
  Path policy;

  @Option(names = "--request", required = true, paramLabel = "FILE",
      description = "an OpenAI-style body, or {body, headers, origin, path} (JSON)")
  Path request;

  @Option(names = "--telemetry", paramLabel = "FILE",
      description = "endpoint state to assume (JSON); default: idle, nothing measured")
  @Nullable Path telemetry;

  @Option(names = "--format", defaultValue = "table", description = "table or json")
  Format format = Format.table;

  enum Format { table, json }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PolicyLoadResult loaded = PolicyLoader.load(policy);
    if (!loaded.ok()) {
      err.print(loaded.describe());
      err.flush();
      return 1;
    }
    RoutingPolicy p = loaded.requirePolicy();
    try (RoutingEngine engine = RoutingEngine.create(p, Ticker.systemTicker())) {
      RoutingRequest r = RequestFile.read(request, MAX_PROMPT_CHARS);
      if (telemetry != null) {
        TelemetryFile.apply(telemetry, engine, r);
      }
      Explanation x = engine.explain(r);
      out.print(format == Format.json ? x.toJson() + "\n" : x.toTable());
      out.flush();
      return 0;
    } catch (InvalidInputException e) {
      err.println(e.getMessage());
      err.flush();
      return 1;
    }
  }
}
