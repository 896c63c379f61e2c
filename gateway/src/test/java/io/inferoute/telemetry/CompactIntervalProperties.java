package io.inferoute.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CompactIntervalProperties {

  @Property(tries = 500)
  void addToRestoresTheCountsItPacked(
      @ForAll @Size(max = 200)
          Map<@IntRange(min = 0, max = Buckets.COUNT - 1) Integer,
                  @IntRange(min = 1, max = Integer.MAX_VALUE) Integer>
              countsByBucket) {
    AtomicIntegerArray counts = new AtomicIntegerArray(Buckets.COUNT);
    countsByBucket.forEach(counts::set);
    long total = countsByBucket.values().stream().mapToLong(Integer::longValue).sum();

    CompactInterval packed = CompactInterval.of(counts, scratch());
    AtomicIntegerArray restored = new AtomicIntegerArray(Buckets.COUNT);
    packed.addTo(restored);

    assertThat(packed.total()).isEqualTo(total);
    assertThat(restored).hasToString(counts.toString());
    if (countsByBucket.isEmpty()) {
      assertThat(packed).isSameAs(CompactInterval.EMPTY);
    }
  }

  @Test
  void addToSaturatesInsteadOfWrapping() {
    AtomicIntegerArray counts = new AtomicIntegerArray(Buckets.COUNT);
    counts.set(7, Integer.MAX_VALUE);
    CompactInterval packed = CompactInterval.of(counts, scratch());

    packed.addTo(counts);

    assertThat(counts.get(7)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void worstCaseCostsAtMostSixBytesPerBucket() {
    AtomicIntegerArray counts = new AtomicIntegerArray(Buckets.COUNT);
    for (int i = 0; i < Buckets.COUNT; i++) {
      counts.set(i, Integer.MAX_VALUE);
    }

    long bytes = CompactInterval.of(counts, scratch()).footprintBytes();

    // 1 byte of gap + 5 bytes of count per bucket, plus the object and array headers.
    assertThat(bytes).isLessThanOrEqualTo(6L * Buckets.COUNT + 2 * Footprint.OBJECT);
  }

  private static byte[] scratch() {
    return new byte[CompactInterval.MAX_ENCODED_BYTES];
  }
}
