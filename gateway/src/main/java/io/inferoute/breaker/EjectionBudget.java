package io.inferoute.breaker;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fleet-wide max-ejection-percent guard shared by all breakers of one fleet. Lock-free.
 *
 * <p>As in Envoy, one more ejection is allowed when {@code (ejected + 1) × 100 ≤ maxEjectionPercent
 * × fleetSize}, and the first ejection is always allowed whatever the percentage or fleet size
 * ("at least one host is ejected regardless"): 10% of a fleet of 3 still lets one endpoint out.
 * Shrinking the fleet never un-ejects anyone; it only refuses further ejections until enough are
 * released.
 */
public final class EjectionBudget {
  private final int maxEjectionPercent;
  private final AtomicInteger ejected = new AtomicInteger();
  private volatile int fleetSize;

  private EjectionBudget(int maxEjectionPercent) {
    this.maxEjectionPercent = maxEjectionPercent;
  }

  /** A budget allowing {@code maxEjectionPercent}% of the fleet (but always one) to be ejected. */
  public static EjectionBudget create(int maxEjectionPercent) {
    if (maxEjectionPercent < 0 || maxEjectionPercent > 100) {
      throw new IllegalArgumentException(
          "maxEjectionPercent: " + maxEjectionPercent + " (expected: 0..100)");
    }
    return new EjectionBudget(maxEjectionPercent);
  }

  /** Sets the number of endpoints in the fleet; called when the fleet snapshot changes. */
  public void setFleetSize(int endpoints) {
    if (endpoints < 0) {
      throw new IllegalArgumentException("endpoints: " + endpoints + " (expected: >= 0)");
    }
    fleetSize = endpoints;
  }

  /** Takes one ejection; false when ejecting one more would exceed the percentage (first one always succeeds). */
  public boolean tryEject() {
    for (;;) {
      int current = ejected.get();
      if (current > 0 && !fits(current + 1)) {
        return false;
      }
      if (ejected.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  /** Gives back one ejection; never goes below zero. */
  public void release() {
    for (;;) {
      int current = ejected.get();
      // A release without a matching eject is a caller bug; clamping keeps the count meaningful.
      if (current == 0 || ejected.compareAndSet(current, current - 1)) {
        return;
      }
    }
  }

  /** Ejections currently held. */
  public int ejected() {
    return ejected.get();
  }

  private boolean fits(int ejections) {
    return (long) ejections * 100 <= (long) maxEjectionPercent * fleetSize;
  }
}
