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

  private final long server;
  private final long client;
  private final long otherThreads;
  private final long process;
  private final long at = System.nanoTime();
  private final Map<Long, Long> serverThreads;

  private CpuSplit(long server, long client, long otherThreads, long process,
      Map<Long, Long> serverThreads) {
    this.server = server;
    this.client = client;
    this.otherThreads = otherThreads;
    this.process = process;
    this.serverThreads = serverThreads;
  }

  /** CPU time used so far, by kind of thread (threads that ended since are lost to "rest"). */
  static CpuSplit now() {
    long server = 0;
    long client = 0;
    long other = 0;
    Map<Long, Long> serverThreads = new HashMap<>();
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long cpu = THREADS.getThreadCpuTime(ids[i]);
      if (infos[i] == null || cpu < 0) {
        continue;
      }
      String name = infos[i].getThreadName();
      if (name.startsWith(ClientLoops.THREAD_PREFIX)) {
        client += cpu;
      } else if (name.startsWith("grpc-default-worker") || name.startsWith("grpc-nio-worker")) {
        server += cpu;
        serverThreads.put(ids[i], cpu);
      } else {
        other += cpu;
      }
    }
    return new CpuSplit(server, client, other, OS.getProcessCpuTime(), serverThreads);
  }

  /** The period from {@code before} to this snapshot, in µs per request, as one line. */
  String perRequestSince(CpuSplit before, long requests) {
    double n = Math.max(1, requests) * 1000.0;
    long s = server - before.server;
    long c = client - before.client;
    long o = otherThreads - before.otherThreads;
    long total = process - before.process;
    long busiest = 0;
    for (Map.Entry<Long, Long> t : serverThreads.entrySet()) {
      busiest = Math.max(busiest, t.getValue() - before.serverThreads.getOrDefault(t.getKey(), 0L));
    }
    return String.format(Locale.ROOT, "CPU µs/request: server %.1f, driver %.1f, other threads"
        + " %.1f, GC/JIT/VM %.1f, process %.1f; busiest server thread %.0f%% busy", s / n, c / n,
        o / n, (total - s - c - o) / n, total / n, 100.0 * busiest / Math.max(1, at - before.at));
  }
}
