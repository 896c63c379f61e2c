package io.inferoute.cli;

import io.inferoute.breaker.Outcome;
import io.inferoute.endpoint.Endpoint;
import io.inferoute.policy.Locality;
import io.inferoute.policy.PolicyLoadResult;
import io.inferoute.policy.PolicyLoader;
import io.inferoute.policy.RoutingPolicy;
import io.inferoute.routing.Completion;
import io.inferoute.routing.Explanation;
import io.inferoute.routing.Headers;
import io.inferoute.routing.RoutingEngine;
import io.inferoute.routing.RoutingRequest;
import io.inferoute.time.Ticker;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code inferoute demo}: the routing engine on the bundled demo fleet (two edge GPU nodes, a
 * regional NPU pool of three, one cloud endpoint), walking through the decisions that show what
 * it weighs. The live gateway with simulated endpoints replaces this walk-through when the HTTP
 * gateway lands.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Starts Inferoute on the bundled demo policy with simulated endpoints for three tiers",
        "(2 edge GPU nodes, a regional NPU pool of 3, 1 cloud endpoint on 127.0.0.1:18001-18006),",
        "sends a few requests through it and prints curl commands. --walkthrough explains decisions instead."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--walkthrough", description = "print explained decisions on the demo fleet and exit")
  boolean walkthrough;

  @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS",
      description = "stop after this long; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE})")
  int durationSeconds;

  @Option(names = "--speed-up", defaultValue = "1", paramLabel = "FACTOR",
      description = "run the simulated endpoints this many times faster (default: ${DEFAULT-VALUE})")
  double speedUp = 1;

  @Mixin ListenerOptions listeners = new ListenerOptions();

  static final String DEMO_POLICY = "/io/inferoute/demo/demo.yaml";
  static final Locality EDGE_SITE = Locality.parse("local/edge-a");
  private static final String MODEL = "llama-3.1-8b";

  @Spec CommandSpec spec;

  /** One step of the walk-through: what happens, and the engine's explanation of its decision. */
  record Step(String title, Explanation explanation) {}

  @Override
  public Integer call() throws Exception {
    if (!walkthrough) {
      return new LiveDemo(spec.commandLine().getOut(), spec.commandLine().getErr())
          .run(loadDemoPolicy(), listeners, speedUp, durationSeconds);
    }
    PrintWriter out = spec.commandLine().getOut();
    RoutingPolicy policy = loadDemoPolicy();
    out.println("Inferoute demo: policy \"" + policy.name() + "\", " + policy.endpoints().size()
        + " endpoints, client at edge site " + EDGE_SITE + "\n");
    for (Step step : walkThrough(policy)) {
      out.println("== " + step.title());
      out.println(step.explanation().toTable());
    }
    out.println("Try it on your own policy: java -jar gateway/target/inferoute.jar explain"
        + " --policy docs/examples/demo.yaml --request docs/examples/request-chat.json");
    out.flush();
    return 0;
  }

  /** The scenarios, each decided (and recorded) after it is explained. */
  static List<Step> walkThrough(RoutingPolicy policy) {
    List<Step> steps = new ArrayList<>();
    try (RoutingEngine engine = RoutingEngine.create(policy, Ticker.systemTicker())) {
      String system = "You are a helpful assistant for the operations team. ".repeat(20);
      steps.add(step(engine, "1. Interactive chat from the edge site, short prompt (SLO: TTFT p95 300 ms)",
          chat(system + "How do I rotate the TLS certificates?", "alice")));
      steps.add(step(engine, "2. The next turn of that chat: its prefix is cached where turn 1 ran",
          chat(system + "How do I rotate the TLS certificates? And the CA?", "alice")));
      steps.add(step(engine, "3. A 48,000-character document on the interactive route",
          chat("Summarise: " + "lorem ipsum dolor sit amet ".repeat(1_800), "bob")));
      steps.add(step(engine, "4. A batch request (x-priority: batch): cost objective, regional and cloud only, budget 0.5 per 1M tokens",
          new RoutingRequest(MODEL, "/v1/completions", Headers.of(Map.of("x-priority", "batch")),
              "Classify these tickets.", 8, 512, EDGE_SITE, null)));
      failEdge(engine);
      steps.add(step(engine, "5. Both edge nodes answered 5 consecutive 5xx: their breakers are open",
          chat(system + "Is the edge back?", "carol")));
      steps.add(step(engine, "6. A model nobody serves",
          RoutingRequest.of("gpt-unknown", "hello", EDGE_SITE)));
    }
    return steps;
  }

  private static Step step(RoutingEngine engine, String title, RoutingRequest r) {
    Step step = new Step(title, engine.explain(r));
    engine.decide(r);
    return step;
  }

  static RoutingPolicy loadDemoPolicy() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(DEMO_POLICY)) {
      if (in == null) {
        throw new IllegalStateException("the demo policy " + DEMO_POLICY + " is missing from the jar");
      }
      PolicyLoadResult result =
          PolicyLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo.yaml");
      return result.requirePolicy();
    }
  }

  private static RoutingRequest chat(String prompt, String session) {
    return RoutingRequest.of(MODEL, prompt, EDGE_SITE).withHeaders(
        Headers.of(Map.of("x-priority", "interactive", "x-session-id", session)));
  }

  private static void failEdge(RoutingEngine engine) {
    for (Endpoint e : engine.fleet().endpoints()) {
      if (e.spec().tier().equals("edge-gpu")) {
        for (int i = 0; i < 5; i++) {
          engine.dispatched(e);
          engine.completed(e, new Completion(Outcome.FAILURE_5XX, 5_000_000, 6_000_000, -1));
        }
      }
    }
  }
}
