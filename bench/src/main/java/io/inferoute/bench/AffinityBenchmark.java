package io.inferoute.bench;

import io.inferoute.affinity.PrefixAffinityIndex;
import io.inferoute.affinity.PrefixHasher;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Prefix hashing of a 2,000-character prompt and the affinity lookup of its 31 blocks against
 * {@code candidates} endpoints, in an index warmed with 256 prompts (8 system prompts) recorded
 * round-robin until every candidate has served one: with 10,000 candidates each system-prompt block
 * has been served by 1,250 endpoints, the fleet size that used to make a lookup walk them all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AffinityBenchmark {
  @Param({"100", "10000"})
  int candidates;

  private PrefixAffinityIndex index;
  private String[] prompts;
  private long seed;
  private final long[] hashes = new long[256];
  private int[] ids;
  private int[] out;
  private int next;

  @Setup
  public void setUp() {
    index = PrefixAffinityIndex.create(1 << 20);
    ids = new int[candidates];
    out = new int[candidates];
    for (int i = 0; i < candidates; i++) {
      ids[i] = i;
      index.setCapacity(i, 16_384);
    }
    seed = PrefixHasher.modelSeed(BenchFleets.MODEL);
    prompts = BenchFleets.prompts(256, 2_000, 8);
    long[][] chains = new long[prompts.length][];
    for (int i = 0; i < prompts.length; i++) {
      int n = PrefixHasher.hashBlocks(prompts[i], seed, 64, 256, hashes);
      chains[i] = Arrays.copyOf(hashes, n);
    }
    for (int i = 0; i < Math.max(prompts.length, candidates); i++) {
      long[] chain = chains[i % prompts.length];
      index.record(chain, chain.length, i % candidates);
    }
  }

  @Benchmark
  public int hashPrompt() {
    next = (next + 1) & 255;
    return PrefixHasher.hashBlocks(prompts[next], seed, 64, 256, hashes);
  }

  @Benchmark
  public void hashAndMatch(Blackhole bh) {
    next = (next + 1) & 255;
    int n = PrefixHasher.hashBlocks(prompts[next], seed, 64, 256, hashes);
    index.matchLengths(hashes, n, ids, candidates, out);
    bh.consume(out);
  }
}
