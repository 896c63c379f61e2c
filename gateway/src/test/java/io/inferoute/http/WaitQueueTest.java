package io.inferoute.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitQueueTest {
  @Test
  void wakesTheOldestWaiterOncePerSignal() {
    WaitQueue queue = new WaitQueue(4);
    List<String> woken = new ArrayList<>();
    queue.offer(() -> woken.add("a"));
    queue.offer(() -> woken.add("b"));

    queue.signal();

    assertThat(woken).containsExactly("a");
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void refusesWaitersBeyondItsCapacity() {
    WaitQueue queue = new WaitQueue(1);

    assertThat(queue.offer(() -> { })).isTrue();
    assertThat(queue.offer(() -> { })).isFalse();
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void aRemovedWaiterIsNeverWoken() {
    WaitQueue queue = new WaitQueue(2);
    List<String> woken = new ArrayList<>();
    WaitQueue.Waiter gone = () -> woken.add("gone");
    queue.offer(gone);
    queue.remove(gone);

    queue.signal();

    assertThat(woken).isEmpty();
    assertThat(queue.size()).isZero();
  }
}
