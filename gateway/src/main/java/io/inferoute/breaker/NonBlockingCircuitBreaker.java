package io.inferoute.breaker;

import io.inferoute.time.Ticker;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link CircuitBreaker}: an immutable {@link BreakerStatus} in an {@link AtomicReference},
 * moved by CAS, with listeners told after each successful CAS.
 *
 * <p>The budget is the one side effect inside a CAS loop: a CLOSED → OPEN move takes a budget unit
 * before its CAS and gives it back if the CAS loses, so {@link EjectionBudget#ejected()} may count
 * one in-flight attempt for an instant but never leaks. Every move off a budget-holding status
 * (HALF_OPEN → CLOSED, retirement) releases exactly the unit that status held, after its CAS won.
 */
final class NonBlockingCircuitBreaker implements CircuitBreaker {
  private static final System.Logger logger =
      System.getLogger(NonBlockingCircuitBreaker.class.getName());

  private final String endpointName;
  private final BreakerRules rules;
  private final Ticker ticker;
  private final EjectionBudget budget;
  private final AtomicReference<BreakerStatus> status;
  private final CopyOnWriteArrayList<BreakerListener> listeners = new CopyOnWriteArrayList<>();

  NonBlockingCircuitBreaker(
      String endpointName, BreakerRules rules, Ticker ticker, EjectionBudget budget) {
    this.endpointName = endpointName;
    this.rules = rules;
    this.ticker = ticker;
    this.budget = budget;
    this.status = new AtomicReference<>(ClosedStatus.fresh(0, ticker.read(), rules));
  }

  @Override
  public boolean allowsRequests() {
    BreakerStatus s = status.get();
    return s.state() == BreakerState.CLOSED || s.allows(ticker.read(), rules);
  }

  @Override
  public boolean tryDispatch() {
    for (;;) {
      BreakerStatus current = status.get();
      if (current.state() == BreakerState.CLOSED) {
        return true; // the hot path: no clock read, no CAS
      }
      BreakerStatus next = current.afterDispatch(ticker.read(), rules);
      if (next == null) {
        return false;
      }
      if (next == current || status.compareAndSet(current, next)) {
        notifyListeners(current, next);
        return true;
      }
    }
  }

  @Override
  public void onOutcome(Outcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    for (;;) {
      BreakerStatus current = status.get();
      BreakerStatus next = current.afterOutcome(outcome, ticker.read(), rules);
      if (next == current) {
        return;
      }
      boolean takesBudget = next.holdsBudget() && !current.holdsBudget();
      if (takesBudget && !budget.tryEject()) {
        takesBudget = false;
        // Only a CLOSED status ejects without holding budget already.
        next = ((ClosedStatus) current).ejectionRefused(rules);
      }
      if (status.compareAndSet(current, next)) {
        releaseBudgetIfLeft(current, next);
        notifyListeners(current, next);
        return;
      }
      if (takesBudget) {
        budget.release(); // lost the race: the unit was never used
      }
    }
  }

  @Override
  public BreakerState state() {
    return status.get().state();
  }

  @Override
  public int ejections() {
    return status.get().ejections(ticker.read(), rules);
  }

  @Override
  public void addListener(BreakerListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public void release() {
    for (;;) {
      BreakerStatus current = status.get();
      if (current instanceof RetiredStatus) {
        return;
      }
      RetiredStatus retired = new RetiredStatus(current);
      if (status.compareAndSet(current, retired)) {
        releaseBudgetIfLeft(current, retired);
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "CircuitBreaker[" + endpointName + ", " + status.get() + "]";
  }

  /** The current status, for tests of this package. */
  BreakerStatus status() {
    return status.get();
  }

  private void releaseBudgetIfLeft(BreakerStatus from, BreakerStatus to) {
    if (from.holdsBudget() && !to.holdsBudget()) {
      budget.release();
    }
  }

  private void notifyListeners(BreakerStatus from, BreakerStatus to) {
    if (from.state() == to.state()) {
      return;
    }
    for (BreakerListener listener : listeners) {
      try {
        listener.onTransition(endpointName, from.state(), to.state());
      } catch (Throwable t) {
        logger.log(Level.WARNING, "breaker listener failed on " + endpointName + " "
            + from.state() + " -> " + to.state() + "; ignored", t);
      }
    }
  }
}
