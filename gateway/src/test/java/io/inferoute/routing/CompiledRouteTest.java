package io.inferoute.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompiledRouteTest {
  @Test
  void everyStrideIsCoprimeSoASampleNeverRepeatsAPosition() {
    for (int n = 2; n <= 2_000; n++) {
      for (int step : CompiledRoute.coprimeStrides(n)) {
        assertThat(step).isBetween(1, n - 1);
        assertThat(BigInteger.valueOf(step).gcd(BigInteger.valueOf(n)).intValue()).isEqualTo(1);
      }
      int[] strides = CompiledRoute.coprimeStrides(n);
      Set<Integer> visited = new HashSet<>();
      for (int k = 0, pos = n / 2; k < n; k++, pos = (pos + strides[n % 16]) % n) {
        visited.add(pos);
      }
      assertThat(visited).hasSize(n);
    }
  }
}
