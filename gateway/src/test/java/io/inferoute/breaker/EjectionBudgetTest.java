package io.inferoute.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EjectionBudgetTest {
  @ParameterizedTest(name = "{1}% of {0} -> {2}")
  @CsvSource({
    "1, 10, 1", "3, 10, 1", "10, 10, 1", "100, 10, 10",
    "3, 50, 1", "4, 50, 2", "3, 100, 3", "100, 0, 1", "0, 10, 1",
  })
  void allowsMaxPercentButAlwaysAtLeastOne(int fleet, int percent, int allowed) {
    EjectionBudget budget = EjectionBudget.create(percent);
    budget.setFleetSize(fleet);

    for (int i = 0; i < allowed; i++) {
      assertThat(budget.tryEject()).as("ejection %d", i + 1).isTrue();
    }
    assertThat(budget.tryEject()).isFalse();
    assertThat(budget.ejected()).isEqualTo(allowed);
  }

  @Test
  void releaseFreesARefusedSlot() {
    EjectionBudget budget = EjectionBudget.create(10);
    budget.setFleetSize(10);
    assertThat(budget.tryEject()).isTrue();
    assertThat(budget.tryEject()).isFalse();

    budget.release();

    assertThat(budget.ejected()).isZero();
    assertThat(budget.tryEject()).isTrue();
  }

  @Test
  void releaseNeverGoesNegative() {
    EjectionBudget budget = EjectionBudget.create(10);
    budget.release();
    budget.release();
    assertThat(budget.ejected()).isZero();
  }

  @Test
  void shrinkingTheFleetRefusesFurtherEjectionsButKeepsExistingOnes() {
    EjectionBudget budget = EjectionBudget.create(10);
    budget.setFleetSize(100);
    for (int i = 0; i < 5; i++) {
      budget.tryEject();
    }

    budget.setFleetSize(20);

    assertThat(budget.ejected()).isEqualTo(5);
    assertThat(budget.tryEject()).isFalse();
    budget.setFleetSize(60);
    assertThat(budget.tryEject()).isTrue();
  }

  @Test
  void rejectsOutOfRangeArguments() {
    assertThatThrownBy(() -> EjectionBudget.create(101))
        .hasMessage("maxEjectionPercent: 101 (expected: 0..100)");
    assertThatThrownBy(() -> EjectionBudget.create(-1))
        .hasMessage("maxEjectionPercent: -1 (expected: 0..100)");
    assertThatThrownBy(() -> EjectionBudget.create(10).setFleetSize(-1))
        .hasMessage("endpoints: -1 (expected: >= 0)");
  }
}
