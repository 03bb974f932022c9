package ucar.ma2;

import java.nio.ByteBuffer;

/**
 * Reads and writes one element of a Java array of any primitive type, converting as Java casts do.
 */
final class Elements {
  private Elements() {}

  static long getLong(Object s, int i, boolean unsigned) {
    if (s instanceof byte[] b) {
      return unsigned ? b[i] & 0xffL : b[i];
    }
    if (s instanceof short[] b) {
      return unsigned ? b[i] & 0xffffL : b[i];
    }
    if (s instanceof int[] b) {
      return unsigned ? b[i] & 0xffffffffL : b[i];
    }
    if (s instanceof long[] b) {
      return b[i];
    }
    if (s instanceof float[] b) {
      return (long) b[i];
    }
    if (s instanceof double[] b) {
      return (long) b[i];
    }
    if (s instanceof boolean[] b) {
      return b[i] ? 1 : 0;
    }
    return ((Number) java.lang.reflect.Array.get(s, i)).longValue();
  }

  static double getDouble(Object s, int i, boolean unsigned) {
    if (s instanceof float[] b) {
      return b[i];
    }
    if (s instanceof double[] b) {
      return b[i];
    }
    return getLong(s, i, unsigned);
  }

  static boolean getBoolean(Object s, int i) {
    return s instanceof boolean[] b ? b[i] : getLong(s, i, false) != 0;
  }

  static void setLong(Object s, int i, long v) {
    if (s instanceof byte[] b) {
      b[i] = (byte) v;
    } else if (s instanceof short[] b) {
      b[i] = (short) v;
    } else if (s instanceof int[] b) {
      b[i] = (int) v;
    } else if (s instanceof long[] b) {
      b[i] = v;
    } else if (s instanceof float[] b) {
      b[i] = v;
    } else if (s instanceof double[] b) {
      b[i] = v;
    } else if (s instanceof boolean[] b) {
      b[i] = v != 0;
    } else {
      java.lang.reflect.Array.set(s, i, v);
    }
  }

  static void setDouble(Object s, int i, double v) {
    if (s instanceof float[] b) {
      b[i] = (float) v;
    } else if (s instanceof double[] b) {
      b[i] = v;
    } else {
      setLong(s, i, (long) v);
    }
  }

  static void setBoolean(Object s, int i, boolean v) {
    if (s instanceof boolean[] b) {
      b[i] = v;
    } else {
      setLong(s, i, v ? 1 : 0);
    }
  }

  static void copy(Object from, int i, Object to, int j) {
    java.lang.reflect.Array.set(to, j, java.lang.reflect.Array.get(from, i));
  }

  static int width(Class<?> c) {
    if (c == byte.class || c == boolean.class) {
      return 1;
    }
    if (c == short.class || c == char.class) {
      return 2;
    }
    return c == int.class || c == float.class ? 4 : 8;
  }

  static void put(ByteBuffer b, Object s, int i) {
    if (s instanceof byte[] a) {
      b.put(a[i]);
    } else if (s instanceof boolean[] a) {
      b.put((byte) (a[i] ? 1 : 0));
    } else if (s instanceof short[] a) {
      b.putShort(a[i]);
    } else if (s instanceof int[] a) {
      b.putInt(a[i]);
    } else if (s instanceof long[] a) {
      b.putLong(a[i]);
    } else if (s instanceof float[] a) {
      b.putFloat(a[i]);
    } else if (s instanceof double[] a) {
      b.putDouble(a[i]);
    } else {
      throw new UnsupportedOperationException("no byte layout for " + s.getClass());
    }
  }
}
