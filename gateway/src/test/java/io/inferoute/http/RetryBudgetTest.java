package io.inferoute.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
  @Test
  void allowsTheMinimumConcurrentRetriesWhateverTheLoad() {
    RetryBudget budget = new RetryBudget(20, 3, new AtomicInteger(1));

    assertThat(budget.tryAcquire()).isTrue();
    assertThat(budget.tryAcquire()).isTrue();
    assertThat(budget.tryAcquire()).isTrue();
    assertThat(budget.tryAcquire()).isFalse();
  }

  @Test
  void allowsRetriesUpToTheShareOfActiveRequests() {
    AtomicInteger active = new AtomicInteger(100);
    RetryBudget budget = new RetryBudget(20, 3, active);

    int granted = 0;
    while (budget.tryAcquire()) {
      granted++;
    }

    assertThat(granted).isEqualTo(20);
    assertThat(budget.active()).isEqualTo(20);
  }

  @Test
  void aReleasedPermitCanBeTakenAgain() {
    RetryBudget budget = new RetryBudget(0, 1, new AtomicInteger(50));

    assertThat(budget.tryAcquire()).isTrue();
    assertThat(budget.tryAcquire()).isFalse();
    budget.release();

    assertThat(budget.tryAcquire()).isTrue();
  }
}
