package ucar.ma2;

/** The indices {@code first..last} (inclusive) of one dimension. */
public class Range {
  final int first;
  final int last;

  public Range(int first, int last) throws InvalidRangeException {
    if (first < 0 || last < first) {
      throw new InvalidRangeException("bad range " + first + ":" + last);
    }
    this.first = first;
    this.last = last;
  }

  public int first() {
    return first;
  }

  public int last() {
    return last;
  }

  public int length() {
    return last - first + 1;
  }
}
