package io.inferoute.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.HdrHistogram.Histogram;

/** {@link Buckets} must be HdrHistogram's layout, value by value. */
class BucketsProperties {
  private static final Histogram REFERENCE =
      new Histogram(Buckets.LOWEST_MICROS, Buckets.HIGHEST_MICROS, 2);

  @Property(tries = 3_000)
  void bucketBoundsMatchHdrHistogram(
      @ForAll @LongRange(min = 1, max = Buckets.HIGHEST_MICROS) long micros) {
    int index = Buckets.index(micros);

    assertThat(index).isBetween(0, Buckets.COUNT - 1);
    assertThat(Buckets.lowest(index)).isEqualTo(REFERENCE.lowestEquivalentValue(micros));
    assertThat(Buckets.highest(index)).isEqualTo(REFERENCE.highestEquivalentValue(micros));
    assertThat(Buckets.median(index)).isEqualTo(REFERENCE.medianEquivalentValue(micros));
  }

  @Example
  void countEndsWithTheBucketOfTheHighestValue() {
    assertThat(Buckets.index(Buckets.HIGHEST_MICROS)).isEqualTo(Buckets.COUNT - 1);
    assertThat(Buckets.index(Buckets.LOWEST_MICROS)).isEqualTo(1);
  }

  @Property(tries = 3_000)
  void neighbouringBucketsTileTheRangeWithoutGaps(
      @ForAll @LongRange(min = 0, max = Buckets.COUNT - 2) long index) {
    int i = (int) index;

    assertThat(Buckets.lowest(i + 1)).isEqualTo(Buckets.highest(i) + 1);
    assertThat(Buckets.index(Buckets.lowest(i))).isEqualTo(i);
    assertThat(Buckets.index(Buckets.highest(i))).isEqualTo(i);
  }
}
