package io.inferoute.http;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The short, bounded queue where interactive requests wait for a slot when every candidate is
 * saturated. A released endpoint slot wakes the oldest waiter, which decides again on its own
 * event loop; a waiter whose time runs out removes itself and is shed. Thread-safe.
 */
final class WaitQueue {
  /** One waiting request. */
  interface Waiter {
    /** A slot was released: try again. Called on any thread; must hop to the waiter's loop. */
    void wake();
  }

  private final int capacity;
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();

  WaitQueue(int capacity) {
    this.capacity = capacity;
  }

  /** Enqueues {@code waiter}, or returns false when the queue is full. */
  boolean offer(Waiter waiter) {
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      return false;
    }
    waiters.add(waiter);
    return true;
  }

  /** Removes {@code waiter} if it still waits (it timed out or its client left). */
  void remove(Waiter waiter) {
    if (waiters.remove(waiter)) {
      size.decrementAndGet();
    }
  }

  /** A slot was released somewhere: wakes the oldest waiter, if any. */
  void signal() {
    if (size.get() == 0) {
      return; // the common case: nobody waits, no queue traffic
    }
    Waiter w = waiters.poll();
    if (w != null) {
      size.decrementAndGet();
      w.wake();
    }
  }

  int size() {
    return size.get();
  }
}
