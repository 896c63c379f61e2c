package io.inferoute.testing;

import io.inferoute.time.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Ticker} that only moves when a test advances it; safe to share between threads. */
public final class FakeTicker implements Ticker {
  private final AtomicLong nanos = new AtomicLong();

  /** Moves time forward by {@code duration}. */
  public void advance(Duration duration) {
    advance(duration.toNanos());
  }

  /** Moves time forward by {@code nanos}. */
  public void advance(long nanos) {
    this.nanos.addAndGet(nanos);
  }

  @Override
  public long read() {
    return nanos.get();
  }
}
