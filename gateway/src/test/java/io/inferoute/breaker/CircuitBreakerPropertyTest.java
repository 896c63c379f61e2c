package io.inferoute.breaker;

import io.inferoute.policy.BreakerSettings;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/** Random sequences of outcomes, dispatches and time advances follow the breaker's state machine. */
class CircuitBreakerPropertyTest {

  @Property(tries = 300)
  void transitionsFollowTheStateMachine(@ForAll("chains") ActionChain<BreakerModel> chain) {
    chain.withInvariant("breaker invariants", BreakerModel::checkInvariants).run();
  }

  @Provide
  Arbitrary<ActionChain<BreakerModel>> chains() {
    return settings().flatMap(s -> ActionChain.<BreakerModel>startWith(() -> new BreakerModel(s))
        .withAction(3, Action.just(Transformer.mutate("dispatch", BreakerModel::dispatch)))
        .withAction(4, (Action.Independent<BreakerModel>) CircuitBreakerPropertyTest::report)
        .withAction(2, (Action.Dependent<BreakerModel>) CircuitBreakerPropertyTest::advance)
        .withMaxTransformations(80));
  }

  private static Arbitrary<Transformer<BreakerModel>> report() {
    return Arbitraries.of(Outcome.class)
        .map(o -> Transformer.mutate("report " + o, m -> m.report(o)));
  }

  /** Time steps around the settings' own scales, so every boundary gets hit and just missed. */
  private static Arbitrary<Transformer<BreakerModel>> advance(BreakerModel m) {
    long base = m.rules.baseEjectionNanos();
    long max = m.rules.maxEjectionNanos();
    long bucket = m.rules.bucketNanos();
    return Arbitraries.oneOf(
            Arbitraries.of(1L, bucket, base - 1, base, max - 1, max),
            Arbitraries.longs().between(0, 3 * max))
        .map(n -> Transformer.mutate("advance " + n + "ns", model -> model.advance(n)));
  }

  private static Arbitrary<BreakerSettings> settings() {
    Arbitrary<Integer> consecutive = Arbitraries.integers().between(0, 4);
    Arbitrary<Integer> ratePercent = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(0)),
        Tuple.of(1, Arbitraries.integers().between(1, 100)));
    Arbitrary<Integer> minRequests = Arbitraries.integers().between(1, 8);
    Arbitrary<Integer> intervalMillis = Arbitraries.integers().between(1, 20_000);
    Arbitrary<Integer> baseMillis = Arbitraries.integers().between(1, 10_000);
    Arbitrary<Integer> maxFactor = Arbitraries.integers().between(1, 12);
    Arbitrary<Integer> trials = Arbitraries.integers().between(1, 4);
    return Combinators.combine(consecutive, consecutive, ratePercent, minRequests, intervalMillis,
            baseMillis, maxFactor, trials)
        .as((c5xx, cGateway, rate, min, interval, base, factor, trial) -> new BreakerSettings(
            c5xx, cGateway, Duration.ofMillis(interval), rate, min, Duration.ofMillis(base),
            Duration.ofMillis(base).multipliedBy(factor).plusMillis(factor > 1 ? base / 3 : 0),
            10, trial, 50));
  }
}
