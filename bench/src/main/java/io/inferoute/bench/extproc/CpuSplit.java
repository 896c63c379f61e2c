package io.inferoute.bench.extproc;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a measured period's CPU time went, per request: the servers' transport threads (gRPC's
 * shared event loops, where both servers' handlers run on a direct executor), the driver's own
 * loops, other Java threads (the engine's harvester, timers) and the rest of the process (GC, JIT;
 * threads Java does not list).
 *
 * <p>Only one server is loaded at a time, so the server share of a period is that server's. The
 * busiest server thread's share of the period shows when a server is bound by one event loop (its
 * connections landed on one thread) rather than by the cores.
 */
final class CpuSplit {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);

  private enum Kind { SERVER, DRIVER, OTHER }

  private record Sample(Kind kind, long cpu) {}

  private final long process;
  private final long at = System.nanoTime();
  private final Map<Long, Sample> threads;

  private CpuSplit(long process, Map<Long, Sample> threads) {
    this.process = process;
    this.threads = threads;
  }

  /** CPU time used so far by each live thread, and by the process. */
  static CpuSplit now() {
    Map<Long, Sample> threads = new HashMap<>();
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long cpu = THREADS.getThreadCpuTime(ids[i]);
      if (infos[i] == null || cpu < 0) {
        continue;
      }
      String name = infos[i].getThreadName();
      Kind kind = name.startsWith(ClientLoops.THREAD_PREFIX) ? Kind.DRIVER
          : name.startsWith("grpc-default-worker") || name.startsWith("grpc-nio-worker")
              ? Kind.SERVER : Kind.OTHER;
      threads.put(ids[i], new Sample(kind, cpu));
    }
    return new CpuSplit(OS.getProcessCpuTime(), threads);
  }

  /**
   * The period from {@code before} to this snapshot, in µs per request, as one line. Each thread
   * counts what it used in the period (a thread started meanwhile, all of its time); what a thread
   * that ended meanwhile used falls to GC/JIT/VM, the rest of the process.
   */
  String perRequestSince(CpuSplit before, long requests) {
    double n = Math.max(1, requests) * 1000.0;
    long[] byKind = new long[Kind.values().length];
    long busiest = 0;
    for (Map.Entry<Long, Sample> t : threads.entrySet()) {
      Sample was = before.threads.get(t.getKey());
      long used = t.getValue().cpu() - (was == null ? 0 : was.cpu());
      byKind[t.getValue().kind().ordinal()] += used;
      if (t.getValue().kind() == Kind.SERVER) {
        busiest = Math.max(busiest, used);
      }
    }
    long s = byKind[Kind.SERVER.ordinal()];
    long c = byKind[Kind.DRIVER.ordinal()];
    long o = byKind[Kind.OTHER.ordinal()];
    long total = process - before.process;
    return String.format(Locale.ROOT, "CPU µs/request: server %.1f, driver %.1f, other threads"
        + " %.1f, GC/JIT/VM %.1f, process %.1f; busiest server thread %.0f%% busy", s / n, c / n,
        o / n, (total - s - c - o) / n, total / n, 100.0 * busiest / Math.max(1, at - before.at));
  }
}
