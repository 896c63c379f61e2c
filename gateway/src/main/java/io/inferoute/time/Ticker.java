package io.inferoute.time;

/**
 * A source of monotonic nanoseconds; injected everywhere time matters so tests advance a fake one
 * instead of sleeping.
 */
@FunctionalInterface
public interface Ticker {
  /** Nanoseconds from an arbitrary origin; only differences mean anything. */
  long read();

  /** The JVM's monotonic clock, {@link System#nanoTime()}. */
  static Ticker systemTicker() {
    return SystemTicker.INSTANCE;
  }
}

enum SystemTicker implements Ticker {
  INSTANCE;

  @Override
  public long read() {
    return System.nanoTime();
  }
}
