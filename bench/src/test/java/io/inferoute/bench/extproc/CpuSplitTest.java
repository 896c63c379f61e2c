package io.inferoute.bench.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CpuSplitTest {
  @Test
  void aDriverThreadsCpuTimeCountsAsTheDriversNotTheServers() throws Exception {
    CountDownLatch spun = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CpuSplit before = CpuSplit.now();
    Thread spinner = new Thread(() -> {
      spinFor50Ms();
      spun.countDown();
      await(release);
    }, ClientLoops.THREAD_PREFIX + "-test");
    spinner.start();
    assertThat(spun.await(10, TimeUnit.SECONDS)).isTrue();
    // Read while the thread lives: an ended thread's time is no longer listed.
    String line = CpuSplit.now().perRequestSince(before, 1);
    release.countDown();
    spinner.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(field(line, "driver")).as(line).isGreaterThanOrEqualTo(45_000); // µs, one request
    assertThat(field(line, "server")).as(line).isLessThan(5_000);
    assertThat(line).contains("busiest server thread");
  }

  @Test
  void aThreadThatEndsDuringThePeriodTakesNoTimeAwayFromTheOthers() throws Exception {
    CountDownLatch spun = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread ender = new Thread(() -> {
      spinFor50Ms();
      spun.countDown();
      await(release);
    }, "cpu-split-test-ender");
    ender.start();
    assertThat(spun.await(10, TimeUnit.SECONDS)).isTrue();
    CpuSplit before = CpuSplit.now(); // counts the ender's 50 ms
    release.countDown();
    ender.join(TimeUnit.SECONDS.toMillis(10));

    String line = CpuSplit.now().perRequestSince(before, 1); // the ender is gone

    // Its 50 ms were used before the period: no kind of thread may come out negative.
    assertThat(field(line, "other threads")).as(line).isGreaterThanOrEqualTo(0);
    assertThat(field(line, "server")).as(line).isGreaterThanOrEqualTo(0);
    assertThat(field(line, "driver")).as(line).isGreaterThanOrEqualTo(0);
  }

  // Spins until this thread has used 50 ms of CPU (not wall time: a busy machine may preempt it),
  // or 10 s have passed.
  private static void spinFor50Ms() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    long x = 0;
    while (threads.getCurrentThreadCpuTime() - start < TimeUnit.MILLISECONDS.toNanos(50)
        && System.nanoTime() < deadline) {
      for (int i = 0; i < 10_000; i++) {
        x += x * 31 + 7;
      }
    }
    if (x == 42) {
      System.out.println(x);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static double field(String line, String name) {
    Matcher m = Pattern.compile(name + " (-?[0-9.]+)").matcher(line);
    assertThat(m.find()).as(line).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
