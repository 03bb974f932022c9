package io.refzarr.combine;

/**
 * A decoded CF time: microseconds since 1970-01-01T00:00 counted in {@code calendar}'s days. Times
 * of different calendars do not compare.
 */
record CfDate(CfCalendar calendar, long micros)
    implements Comparable<CfDate>, java.io.Serializable {
  @Override
  public int compareTo(CfDate o) {
    if (calendar != o.calendar) {
      throw new IllegalArgumentException(
          "times of calendars " + calendar + " and " + o.calendar + " do not compare");
    }
    return Long.compare(micros, o.micros);
  }
}
