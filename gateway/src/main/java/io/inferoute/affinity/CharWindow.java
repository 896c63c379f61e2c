package io.inferoute.affinity;

/**
 * A reusable view of {@code length} characters of another {@link CharSequence} starting at {@code
 * offset}: lets the hasher read one block without {@code subSequence}, which copies for {@link
 * String}. Confined to one thread.
 */
final class CharWindow implements CharSequence {
  private CharSequence source = "";
  private int offset;
  private int length;

  CharWindow over(CharSequence source, int offset, int length) {
    this.source = source;
    this.offset = offset;
    this.length = length;
    return this;
  }

  void release() {
    source = "";
    offset = 0;
    length = 0;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException("index: " + index + " (expected: 0.." + (length - 1) + ")");
    }
    return source.charAt(offset + index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    // Off the hot path (hash4j does not call it); a copy is fine here.
    return source.subSequence(offset + start, offset + end);
  }

  @Override
  public String toString() {
    return source.subSequence(offset, offset + length).toString();
  }
}
