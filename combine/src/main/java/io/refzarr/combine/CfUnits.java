package io.refzarr.combine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CF time units ({@code "days since 2000-01-01"}) with a calendar: decode numbers to times and
 * back.
 */
record CfUnits(String units, CfCalendar calendar, long unitMicros, long originMicros) {
  private static final Pattern UNITS =
      Pattern.compile(
          "\\s*(\\w+)\\s+since\\s+(-?\\d{1,4})-(\\d{1,2})-(\\d{1,2})"
              + "(?:[ T](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,6}))?)?)?"
              + "\\s*(Z|UTC|[+-]\\d{1,2}(?::?\\d{2})?)?\\s*");

  /**
   * The units of an array's attributes ({@code units}, {@code calendar}, default standard).
   *
   * @param what the array, for messages
   * @param inputs the inputs it comes from, for messages
   */
  static CfUnits of(Map<String, Object> attrs, String what, List<String> inputs)
      throws CombineException {
    Object units = attrs.get("units");
    if (!(units instanceof String)) {
      throw bad(what, inputs, "has no string attribute units, so it cannot be decoded as CF time");
    }
    Object cal = attrs.getOrDefault("calendar", "standard");
    try {
      return parse((String) units, String.valueOf(cal));
    } catch (IllegalArgumentException e) {
      throw bad(what, inputs, e.getMessage());
    }
  }

  static CfUnits parse(String units, String calendarName) {
    Matcher m = UNITS.matcher(units);
    if (!m.matches()) {
      throw new IllegalArgumentException("not CF time units: \"" + units + "\"");
    }
    CfCalendar cal = CfCalendar.parse(calendarName);
    long day =
        cal.epochDay(
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4)));
    long micros = day * 86_400_000_000L + timeOfDay(m) - zoneOffset(m.group(9));
    return new CfUnits(units, cal, unitMicros(m.group(1)), micros);
  }

  CfDate decode(double value) {
    return new CfDate(calendar, originMicros + Math.round(value * unitMicros));
  }

  /** The number that encodes {@code t} in these units. */
  double encode(CfDate t) {
    if (t.calendar() != calendar) {
      throw new IllegalArgumentException(
          "a " + t.calendar() + " time cannot be encoded in calendar " + calendar);
    }
    long delta = t.micros() - originMicros;
    return delta % unitMicros == 0 ? (double) (delta / unitMicros) : (double) delta / unitMicros;
  }

  private static long timeOfDay(Matcher m) {
    if (m.group(5) == null) {
      return 0;
    }
    long s =
        Long.parseLong(m.group(5)) * 3600
            + Long.parseLong(m.group(6)) * 60
            + (m.group(7) == null ? 0 : Long.parseLong(m.group(7)));
    long frac = 0;
    if (m.group(8) != null) {
      frac = Long.parseLong((m.group(8) + "00000").substring(0, 6));
    }
    return s * 1_000_000L + frac;
  }

  private static long zoneOffset(String zone) {
    if (zone == null || zone.equals("Z") || zone.equals("UTC")) {
      return 0;
    }
    String digits = zone.substring(1).replace(":", "");
    int h =
        Integer.parseInt(digits.length() <= 2 ? digits : digits.substring(0, digits.length() - 2));
    int min = digits.length() <= 2 ? 0 : Integer.parseInt(digits.substring(digits.length() - 2));
    long off = (h * 3600L + min * 60L) * 1_000_000L;
    return zone.charAt(0) == '-' ? -off : off;
  }

  private static long unitMicros(String unit) {
    switch (unit.toLowerCase(Locale.ROOT)) {
      case "days":
      case "day":
      case "d":
        return 86_400_000_000L;
      case "hours":
      case "hour":
      case "hr":
      case "h":
        return 3_600_000_000L;
      case "minutes":
      case "minute":
      case "min":
        return 60_000_000L;
      case "seconds":
      case "second":
      case "sec":
      case "s":
        return 1_000_000L;
      case "milliseconds":
      case "millisecond":
      case "ms":
        return 1_000L;
      case "microseconds":
      case "microsecond":
      case "us":
        return 1L;
      default:
        throw new IllegalArgumentException("unsupported CF time unit \"" + unit + "\"");
    }
  }

  private static CombineException bad(String what, List<String> inputs, String message) {
    return new CombineException(
        CombineException.Reason.BAD_COORDINATE, inputs, what + ": " + message);
  }
}
