package io.inferoute.http;

import io.vertx.core.Context;
import java.util.concurrent.TimeUnit;

/**
 * One exchange's short wait in the {@link WaitQueue}: a single deadline however often it is woken
 * and queued again, one timer, and a cancel for every way the exchange can end. Confined to the
 * exchange's event loop except {@link #wake}, which hops onto it.
 */
final class SlotWait implements WaitQueue.Waiter {
  private final GatewayState gw;
  private final Context context;
  private final Runnable retry;
  private final Runnable expired;
  private long timer = -1;
  private long deadlineNanos;
  private boolean waiting;

  /**
   * @param retry runs on the event loop when a slot was released: decide again
   * @param expired runs on the event loop when the wait is over without a slot
   */
  SlotWait(GatewayState gw, Context context, Runnable retry, Runnable expired) {
    this.gw = gw;
    this.context = context;
    this.retry = retry;
    this.expired = expired;
  }

  /** Queues the exchange until a slot frees or the wait ends; false when it may not wait. */
  boolean tryWait() {
    long now = gw.ticker.read();
    boolean first = timer < 0;
    if (first) {
      deadlineNanos = now + gw.settings.interactiveQueueWait().toNanos();
    }
    long left = deadlineNanos - now;
    if (left <= 0 || !gw.waitQueue.offer(this)) {
      return false;
    }
    waiting = true;
    if (first) {
      timer = gw.vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)), id -> onTimer());
    }
    return true;
  }

  @Override
  public void wake() {
    context.runOnContext(v -> {
      if (!waiting) {
        gw.waitQueue.signal(); // this exchange is gone: the slot is someone else's
        return;
      }
      waiting = false;
      retry.run();
    });
  }

  private void onTimer() {
    if (waiting) {
      waiting = false;
      gw.waitQueue.remove(this);
      expired.run();
    }
  }

  /** Leaves the queue and stops the timer; the exchange ended some other way. */
  void cancel() {
    if (waiting) {
      waiting = false;
      gw.waitQueue.remove(this);
    }
    if (timer >= 0) {
      gw.vertx.cancelTimer(timer);
    }
  }
}
