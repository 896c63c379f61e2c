package io.inferoute.istio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferoute.istio.LocalityLbSetting.Distribute;
import io.inferoute.istio.WeightSettings.Mode;
import io.inferoute.policy.BreakerSettings;
import io.inferoute.policy.Locality;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Every setting the calculator produces, from any telemetry and any earlier state, is one istiod
 * accepts: its webhook rules on every output, and the DestinationRule CRD schema on a deterministic
 * subset (every {@value #SCHEMA_EVERY}th try, 500 of 10,000: the JSON-schema check is the slow part)
 * when the shared schemas are present.
 */
class LocalityWeightProperties {

  private static final int SCHEMA_EVERY = 20;
  private static final DestinationRuleTarget TARGET =
      new DestinationRuleTarget("llm", "inference", "llm-locality", "llm.inference.svc.cluster.local");

  private final AtomicInteger tries = new AtomicInteger();
  private final AtomicInteger schemaChecked = new AtomicInteger();

  @Property(tries = 10_000, seed = "20260101")
  void everyOutputPassesTheWebhookRulesAndTheSchema(
      @ForAll("snapshots") MeshTelemetry before,
      @ForAll("snapshots") MeshTelemetry after,
      @ForAll("gatewayLists") List<Locality> gateways,
      @ForAll("settings") WeightSettings settings) {
    LocalityWeightCalculator calculator = new LocalityWeightCalculator(settings);
    WeightState state = calculator.update(WeightState.empty(), before, gateways).next();
    MeshTelemetry later = new MeshTelemetry(before.at().plusSeconds(after.at().getEpochSecond() % 120),
        after.localities());
    WeightUpdate update = calculator.update(state, later, gateways);

    boolean schema = tries.incrementAndGet() % SCHEMA_EVERY == 0;
    for (LocalityLbSetting s : calculator.targets(later, gateways).values()) {
      checkIstioAccepts(s, schema);
    }
    update.changes().forEach((service, s) -> {
      checkIstioAccepts(s, schema);
      checkHealthyLocalitiesListed(s, later, service);
      checkStepLimit(state, service, s, settings);
    });
  }

  @AfterProperty
  void schemaWasCheckedWhenPresent() {
    if (IstioTestFiles.schemasIfPresent().isPresent() && tries.get() >= 10_000) {
      assertThat(schemaChecked.get()).isGreaterThanOrEqualTo(10_000 / SCHEMA_EVERY);
    }
  }

  private void checkIstioAccepts(LocalityLbSetting s, boolean schema) {
    JsonNode rule = Yaml.tree(DestinationRules.full(TARGET, s, BreakerSettings.DEFAULT));
    assertThat(LocalityLbValidator.checkDestinationRule(rule).errors()).as("%s", rule).isEmpty();
    if (schema && IstioTestFiles.schemasIfPresent().isPresent()) {
      assertThat(IstioTestFiles.schemasIfPresent().get().violations(rule)).as("%s", rule).isEmpty();
      schemaChecked.incrementAndGet();
    }
  }

  /** Every pattern holding a healthy locality appears in each entry (when at most 100 exist). */
  private static void checkHealthyLocalitiesListed(LocalityLbSetting s, MeshTelemetry t, String service) {
    List<LocalityTelemetry> healthy = t.byService().get(service).stream().filter(LocalityTelemetry::healthy).toList();
    Set<String> expected = new HashSet<>(LocalityPatterns.destinations(
        healthy.stream().map(LocalityTelemetry::locality).toList()).values());
    for (Distribute d : s.distribute()) {
      assertThat(d.to().keySet()).isEqualTo(expected);
    }
  }

  private static void checkStepLimit(WeightState state, String service, LocalityLbSetting s, WeightSettings settings) {
    state.published(service).map(WeightState.Published::setting)
        .filter(previous -> LocalityWeightCalculator.sameShape(previous, s))
        .ifPresent(previous -> assertThat(LocalityWeightCalculator.maxMove(previous, s))
            .isLessThanOrEqualTo(settings.maxStepPoints()));
  }

  @Provide
  Arbitrary<MeshTelemetry> snapshots() {
    Arbitrary<Instant> at = Arbitraries.longs().between(0, 1_000_000).map(Instant::ofEpochSecond);
    return Combinators.combine(at, rows().list().ofMaxSize(14)).as(MeshTelemetry::new);
  }

  private Arbitrary<LocalityTelemetry> rows() {
    Arbitrary<String> service = Arbitraries.of("llm", "embed", "rerank");
    Arbitrary<Integer> healthy = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0)), Tuple.of(4, Arbitraries.integers().between(1, 50)));
    Arbitrary<Integer> capacity = Arbitraries.integers().between(0, 5_000);
    Arbitrary<Integer> load = Arbitraries.integers().between(0, 6_000);
    Arbitrary<Long> ttft = Arbitraries.longs().between(-1, 20_000_000_000L);
    Arbitrary<Duration> slo = Arbitraries.longs().between(1, 5_000).map(Duration::ofMillis).injectNull(0.3);
    Arbitrary<Double> errorRate = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(0.0)), Tuple.of(2, Arbitraries.doubles().between(0, 1)));
    Arbitrary<Double> cost = Arbitraries.doubles().between(0, 100);
    Arbitrary<Object[]> extras = Combinators.combine(ttft, slo, errorRate, cost)
        .as((a, b, c, d) -> new Object[] {a, b, c, d});
    return Combinators.combine(service, localities(), healthy, capacity, load, load, extras)
        .as((s, l, h, c, inFlight, queued, x) -> new LocalityTelemetry(s, l, h, c, inFlight, queued % 500,
            (Long) x[0], (Duration) x[1], (Double) x[2], (Double) x[3]));
  }

  private static Arbitrary<Locality> localities() {
    Arbitrary<String> region = Arbitraries.of("eu-west1", "us-east1", "asia-northeast1", "edge");
    Arbitrary<String> zone = Arbitraries.of("", "a", "b", "paris-edge");
    Arbitrary<String> subzone = Arbitraries.of("", "rack-1", "rack-2");
    Arbitrary<Locality> known = Combinators.combine(region, zone, subzone)
        .as((r, z, s) -> new Locality(r, z, z.isEmpty() ? "" : s));
    return Arbitraries.frequencyOf(Tuple.of(20, known),
        Tuple.of(1, Arbitraries.just(Locality.UNKNOWN)));
  }

  @Provide
  Arbitrary<List<Locality>> gatewayLists() {
    return localities().list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<WeightSettings> settings() {
    Arbitrary<Mode> mode = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Mode.DISTRIBUTE)),
        Tuple.of(1, Arbitraries.just(Mode.FAILOVER)));
    return Combinators.combine(mode, Arbitraries.integers().between(0, 30), Arbitraries.integers().between(1, 100),
            Arbitraries.integers().between(0, 90), Arbitraries.doubles().between(0, 1))
        .as((m, hysteresis, step, interval, costSensitivity) -> new WeightSettings(m, hysteresis, step,
            Duration.ofSeconds(interval), 1, 0.5, 0.1, costSensitivity));
  }
}
