package io.inferoute.testing;

import io.inferoute.time.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.NullMarked;

/** A {@link Ticker} that stands still until a test advances it; thread-safe. */
@NullMarked
public final class FakeTicker implements Ticker {
  private final AtomicLong nanos = new AtomicLong();

  /** Moves time forward by {@code duration}. */
  public FakeTicker advance(Duration duration) {
    return advance(duration.toNanos());
  }

  /** Moves time forward by {@code nanos} nanoseconds. */
  public FakeTicker advance(long nanos) {
    this.nanos.addAndGet(nanos);
    return this;
  }

  @Override
  public long read() {
    return nanos.get();
  }
}
