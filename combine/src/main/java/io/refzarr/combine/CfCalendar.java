package io.refzarr.combine;

import java.time.LocalDate;
import java.util.Locale;

/** CF calendars: day numbers of dates (day 0 = 1970-01-01 of that calendar). */
enum CfCalendar {
  /** {@code standard}/{@code gregorian}: computed proleptically (exact after 1582-10-15). */
  STANDARD,
  PROLEPTIC_GREGORIAN,
  NOLEAP,
  ALL_LEAP,
  DAY_360,
  JULIAN;

  private static final int[] CUM = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  private static final int[] CUM_LEAP = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335};

  static CfCalendar parse(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "standard":
      case "gregorian":
        return STANDARD;
      case "proleptic_gregorian":
        return PROLEPTIC_GREGORIAN;
      case "noleap":
      case "365_day":
        return NOLEAP;
      case "all_leap":
      case "366_day":
        return ALL_LEAP;
      case "360_day":
        return DAY_360;
      case "julian":
        return JULIAN;
      default:
        throw new IllegalArgumentException("unknown CF calendar \"" + name + "\"");
    }
  }

  /** Whether times of this calendar are real instants (usable as numpy datetimes). */
  boolean isGregorian() {
    return this == STANDARD || this == PROLEPTIC_GREGORIAN;
  }

  long epochDay(int y, int m, int d) {
    switch (this) {
      case NOLEAP:
        return 365L * (y - 1970) + CUM[m - 1] + d - 1;
      case ALL_LEAP:
        return 366L * (y - 1970) + CUM_LEAP[m - 1] + d - 1;
      case DAY_360:
        return 360L * (y - 1970) + 30L * (m - 1) + d - 1;
      case JULIAN:
        return julianDayNumber(y, m, d) - 2440588L;
      default:
        return LocalDate.of(y, m, d).toEpochDay();
    }
  }

  private static long julianDayNumber(long y, long m, long d) {
    long a = (14 - m) / 12;
    long yy = y + 4800 - a;
    long mm = m + 12 * a - 3;
    return d + (153 * mm + 2) / 5 + 365 * yy + Math.floorDiv(yy, 4) - 32083;
  }
}
