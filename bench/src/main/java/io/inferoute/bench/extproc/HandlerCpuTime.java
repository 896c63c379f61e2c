package io.inferoute.bench.extproc;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link ExtProcHandlerBenchmark}'s request loop timed in thread CPU time rather than wall time:
 * on a machine shared with other builds (load averages of 10 and more) the wall time of a
 * microbenchmark mostly measures the scheduler, while the CPU time a thread spends per request
 * still compares two builds fairly when they run alternately.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.inferoute.bench.extproc.HandlerCpuTime
 * [bodyBytes] [rounds] [responseChunks]}: prints the median and the best round's CPU µs per request
 * (with {@code responseChunks} > 0 each request's stream also carries a streamed SSE response of
 * that many events back through the feedback path).
 */
public final class HandlerCpuTime {
  private HandlerCpuTime() {}

  public static void main(String[] args) {
    int bodyBytes = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    int responseChunks = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    ExtProcHandlerBenchmark bench = new ExtProcHandlerBenchmark();
    bench.bodyBytes = bodyBytes;
    bench.endpoints = 100;
    bench.responseChunks = responseChunks;
    bench.setUp();
    int perRound = bodyBytes > 16_384 ? 2_000 : 40_000;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < perRound * 3; i++) {
      bench.request();
    }
    double[] micros = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < perRound; i++) {
        bench.request();
      }
      micros[r] = (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / perRound;
    }
    bench.tearDown();
    Arrays.sort(micros);
    System.out.printf(Locale.ROOT,
        "body %d B, %d response chunks: CPU per request median %.2f µs, best %.2f µs%n",
        bodyBytes, responseChunks, micros[rounds / 2], micros[0]);
  }
}
