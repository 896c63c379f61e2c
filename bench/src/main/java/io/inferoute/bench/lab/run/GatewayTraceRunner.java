package io.inferoute.bench.lab.run;

import io.inferoute.bench.lab.FleetNode;
import io.inferoute.bench.lab.LabRequest;
import io.inferoute.bench.lab.Outcome;
import io.inferoute.bench.lab.RunOutput;
import io.inferoute.bench.lab.RunSpec;
import io.inferoute.bench.lab.TraceRunner;
import io.inferoute.sim.SimulatedFleet;
import io.inferoute.sim.SimulatedServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs lab traces through real gateway processes: the simulated fleet runs in this JVM for the
 * runner's life; each {@link #run} resets it (empty caches and queues), writes and validates the
 * run's policy, starts the run's gateway replicas as child processes ({@code
 * io.inferoute.cli.Main serve}), sends the trace open-loop over HTTP or as Envoy over ext_proc,
 * and stops the children. Child output goes to {@code serve-*.log} in the log directory, never to
 * the console; a shutdown hook kills children left by an aborted run.
 */
public final class GatewayTraceRunner implements TraceRunner {
  /** How long one request may take before it counts as timed out. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private static final int WARM_UP_PER_REPLICA = 40;

  private final List<FleetNode> nodes;
  private final SimulatedFleet fleet;
  private final PrintStream log;
  private final Path logDir;
  private final String classpath;
  private final ClassArchive classes;
  private final LabClient client = new LabClient();
  private final HttpClient readiness = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(1)).build();
  private final Set<GatewayChild> children = ConcurrentHashMap.newKeySet();
  private final Thread reaper = new Thread(this::killChildren, "lab-child-reaper");
  // Children of a finished run stop in the background while the next run starts: a JVM's exit
  // costs about half a second, and nothing of the next run depends on it (fresh ports, simulators
  // reset, every request of the old run answered).
  private final ExecutorService stopper = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "lab-child-stopper");
    t.setDaemon(true);
    return t;
  });
  private int runs;

  private GatewayTraceRunner(List<FleetNode> nodes, SimulatedFleet fleet, PrintStream log, Path logDir,
      String classpath) {
    this.nodes = nodes;
    this.fleet = fleet;
    this.log = log;
    this.logDir = logDir;
    this.classpath = classpath;
    this.classes = new ClassArchive(logDir.resolve("gateway-classes.jsa"), classpath);
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Starts the simulators of {@code fleet} on free loopback ports; children log under {@code
   * bench/target/lab} (or {@code target/lab} when run from the bench module).
   */
  public static GatewayTraceRunner start(List<FleetNode> fleet, PrintStream log) {
    Path bench = Path.of("bench", "target");
    return start(fleet, log, (Files.isDirectory(bench) ? bench : Path.of("target")).resolve("lab"),
        GatewayChild.currentClasspath());
  }

  /**
   * Starts the simulators of {@code fleet}; children get {@code classpath} (which must hold the
   * gateway) and write their output and policies under {@code logDir}.
   */
  public static GatewayTraceRunner start(List<FleetNode> fleet, PrintStream log, Path logDir,
      String classpath) {
    List<FleetNode> nodes = List.copyOf(fleet);
    SimulatedFleet sims = SimulatedFleet.start(nodes.stream().map(LabFleet::simulator).toList());
    return new GatewayTraceRunner(nodes, sims, log, logDir, classpath);
  }

  @Override
  public List<FleetNode> fleet() {
    return nodes;
  }

  /** The simulator of the node named {@code name}, e.g. to check its port. */
  public SimulatedServer simulator(String name) {
    return fleet.server(name);
  }

  @Override
  public RunOutput run(RunSpec spec, List<LabRequest> trace) throws Exception {
    checkModels(trace);
    resetSimulators();
    int run = ++runs;
    String tag = String.format(Locale.ROOT, "%03d-%s-%s-%s", run, spec.scenario(),
        spec.strategy().name(), spec.path()).toLowerCase(Locale.ROOT);
    Files.createDirectories(logDir);
    Path policy = logDir.resolve("policy-" + tag + ".yaml");
    LabPolicy.write(policy, LabPolicy.yaml(spec, nodes, ports()));
    List<GatewayChild> replicas = new ArrayList<>();
    boolean writesArchive = false;
    try {
      for (int i = 0; i < spec.replicas(); i++) {
        List<String> options = classes.jvmOptions();
        writesArchive |= options.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit"));
        GatewayChild child = GatewayChild.start(classpath, options, policy,
            logDir.resolve("serve-" + tag + "-" + i + ".log"));
        children.add(child);
        replicas.add(child);
      }
      for (GatewayChild child : replicas) {
        child.awaitReady(readiness);
      }
      log.println("lab: run " + tag + ": " + trace.size() + " requests, " + spec.replicas()
          + " replica(s), policy " + policy);
      OpenLoop.Result result;
      try (RequestSender sender = sender(spec.path(), replicas)) {
        OpenLoop loop = new OpenLoop(client.vertx(), fleet, REQUEST_TIMEOUT.toNanos(), log);
        warmUp(loop, spec, sender, tag);
        result = loop.run(spec, trace, sender);
      }
      log.println("lab: run " + tag + ": " + summary(result.outcomes()));
      return new RunOutput(spec, result.outcomes(), result.wallNanos());
    } finally {
      for (GatewayChild child : replicas) {
        if (writesArchive) {
          // Writing the class archive takes seconds of CPU at exit: not beside a measured run.
          stop(child);
        } else {
          stopper.execute(() -> stop(child));
        }
      }
    }
  }

  /** Waits until the children of finished runs, which stop in the background, have exited. */
  void awaitStopped(Duration timeout) throws Exception {
    stopper.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void stop(GatewayChild child) {
    child.close();
    children.remove(child);
  }

  /** {@code N ok; errors {what=count}; served {endpoint=count}}. */
  static String summary(List<Outcome> outcomes) {
    Map<String, Integer> errors = new TreeMap<>();
    Map<String, Integer> served = new TreeMap<>();
    int ok = 0;
    for (Outcome o : outcomes) {
      if (o.ok()) {
        ok++;
      } else {
        errors.merge(String.valueOf(o.error()), 1, Integer::sum);
      }
      served.merge(String.valueOf(o.endpoint()), 1, Integer::sum);
    }
    return ok + "/" + outcomes.size() + " ok; errors " + errors + "; served " + served;
  }

  private RequestSender sender(RunSpec.GatewayPath path, List<GatewayChild> replicas) {
    return switch (path) {
      case HTTP -> new HttpSender(client, replicas.stream().map(GatewayChild::httpPort).toList());
      case EXT_PROC -> new ExtProcSender(client, replicas.stream().map(GatewayChild::extProcPort).toList());
    };
  }

  /**
   * A fresh JVM is slow for its first requests (class loading, interpreter): send each replica a
   * few small requests over the run's path first, then flush the simulators' caches so the run
   * starts cold. The gateway keeps what it learnt from them (a few latency samples, affinity
   * entries for prompts the trace never sends), alike for every strategy.
   */
  private void warmUp(OpenLoop loop, RunSpec spec, RequestSender sender, String tag) throws Exception {
    List<LabRequest> warm = WarmUp.trace(WARM_UP_PER_REPLICA * spec.replicas());
    RunSpec warmSpec = new RunSpec(spec.scenario(), spec.strategy(), spec.path(), spec.replicas(),
        null, spec.ttftSlo(), spec.seed() ^ 0x5DEECE66DL);
    log.println("lab: warm-up " + tag + ": " + summary(loop.run(warmSpec, warm, sender).outcomes()));
    List<CompletableFuture<Void>> flushes = new ArrayList<>();
    for (SimulatedServer server : fleet.servers()) {
      flushes.add(server.clearCache());
    }
    CompletableFuture.allOf(flushes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
  }

  /**
   * Every simulator listening (a revive is a no-op for one that is) with an empty cache. Not kill
   * and revive: between the two another process's outgoing connection may take the freed port.
   * Queues are empty already: the previous run's gateways are gone, and with them their requests.
   */
  private void resetSimulators() throws Exception {
    List<CompletableFuture<Void>> resets = new ArrayList<>();
    for (SimulatedServer server : fleet.servers()) {
      resets.add(server.revive().thenCompose(v -> server.clearCache()));
    }
    CompletableFuture.allOf(resets.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
  }

  private Map<String, Integer> ports() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (FleetNode node : nodes) {
      ports.put(node.name(), fleet.server(node.name()).port());
    }
    return ports;
  }

  private static void checkModels(List<LabRequest> trace) {
    for (LabRequest r : trace) {
      if (!r.model().equals(LabFleet.MODEL)) {
        throw new IllegalArgumentException("trace[" + r.index() + "].model: \"" + r.model()
            + "\" (expected: " + LabFleet.MODEL + ", the model the lab fleet serves)");
      }
    }
  }

  /** The child processes of runs still going, for a check that none is left behind. */
  Set<ProcessHandle> liveChildren() {
    Set<ProcessHandle> live = ConcurrentHashMap.newKeySet();
    children.forEach(c -> live.add(c.handle()));
    return live;
  }

  private void killChildren() {
    for (GatewayChild child : children) {
      child.handle().destroyForcibly();
    }
  }

  /** Stops any child still running, the client and the simulators. */
  @Override
  public void close() {
    stopper.shutdown();
    try {
      if (!stopper.awaitTermination(1, TimeUnit.MINUTES)) {
        log.println("lab: gateway children still stopping after 1 minute; killing them");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (GatewayChild child : children) {
      child.close();
    }
    children.clear();
    client.close();
    fleet.close();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs anyway.
    }
  }
}
