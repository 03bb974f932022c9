package ucar.ma2;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A strided view (shape, strides, offset) over one Java array. Views made by {@link
 * #sectionNoReduce} and {@link #permute} share the storage, so writes through them reach it, as the
 * readers expect.
 */
public class Array {
  final DataType type;
  final int[] shape;
  final int[] strides;
  final int offset;
  final Object storage;

  Array(DataType type, int[] shape, int[] strides, int offset, Object storage) {
    this.type = type;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    this.storage = storage;
  }

  // ---- factories ----

  /** An array over {@code storage} (a Java array of the type's storage class, used as is). */
  public static Array factory(DataType type, int[] shape, Object storage) {
    return of(type, shape.clone(), cStrides(shape), 0, storage);
  }

  public static Array factory(DataType type, Index index, Object storage) {
    return factory(type, index.shape, storage);
  }

  /** A new zeroed array. */
  public static Array factory(DataType type, int[] shape) {
    return factory(
        type,
        shape,
        java.lang.reflect.Array.newInstance(type.getPrimitiveClassType(), size(shape)));
  }

  /** An array of the elements in {@code bytes} from its position, in its byte order. */
  public static Array factory(DataType type, int[] shape, ByteBuffer bytes) {
    int n = size(shape);
    ByteBuffer b = bytes.duplicate().order(bytes.order());
    Class<?> c = type.getPrimitiveClassType();
    Object storage;
    if (c == byte.class) {
      byte[] s = new byte[n];
      b.get(s);
      storage = s;
    } else if (c == short.class) {
      short[] s = new short[n];
      b.asShortBuffer().get(s);
      storage = s;
    } else if (c == int.class) {
      int[] s = new int[n];
      b.asIntBuffer().get(s);
      storage = s;
    } else if (c == long.class) {
      long[] s = new long[n];
      b.asLongBuffer().get(s);
      storage = s;
    } else if (c == float.class) {
      float[] s = new float[n];
      b.asFloatBuffer().get(s);
      storage = s;
    } else if (c == double.class) {
      double[] s = new double[n];
      b.asDoubleBuffer().get(s);
      storage = s;
    } else if (c == boolean.class) {
      boolean[] s = new boolean[n];
      for (int i = 0; i < n; i++) {
        s[i] = b.get() != 0;
      }
      storage = s;
    } else {
      throw new UnsupportedOperationException("no byte layout for " + type);
    }
    return factory(type, shape, storage);
  }

  private static Array of(DataType type, int[] shape, int[] strides, int offset, Object storage) {
    Class<?> c = type.getPrimitiveClassType();
    if (c == float.class) {
      return new ArrayFloat(type, shape, strides, offset, storage);
    }
    if (c == double.class) {
      return new ArrayDouble(type, shape, strides, offset, storage);
    }
    if (c == boolean.class) {
      return new ArrayBoolean(type, shape, strides, offset, storage);
    }
    return new Array(type, shape, strides, offset, storage);
  }

  private static int[] cStrides(int[] shape) {
    int[] s = new int[shape.length];
    int stride = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      s[d] = stride;
      stride *= shape[d];
    }
    return s;
  }

  private static int size(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return Math.toIntExact(n);
  }

  // ---- shape and views ----

  public int[] getShape() {
    return shape.clone();
  }

  public int getRank() {
    return shape.length;
  }

  public long getSize() {
    return size(shape);
  }

  public Class<?> getElementType() {
    return type.getPrimitiveClassType();
  }

  public DataType getDataType() {
    return type;
  }

  public Index getIndex() {
    return new Index(shape);
  }

  /** The backing Java array (of the whole storage, not only this view). */
  public Object getStorage() {
    return storage;
  }

  /**
   * A view of the box at {@code origin} of {@code shape}, every {@code stride}th element (null: 1).
   */
  public Array sectionNoReduce(int[] origin, int[] shape, int[] stride)
      throws InvalidRangeException {
    int off = offset;
    int[] st = new int[shape.length];
    for (int d = 0; d < shape.length; d++) {
      int step = stride == null ? 1 : stride[d];
      if (origin[d] < 0
          || shape[d] < 0
          || (shape[d] > 0 && origin[d] + (shape[d] - 1) * step >= this.shape[d])) {
        throw new InvalidRangeException("section outside dimension " + d);
      }
      off += origin[d] * strides[d];
      st[d] = strides[d] * step;
    }
    return of(type, shape.clone(), st, off, storage);
  }

  /** A view with the dimensions in the order {@code dims}. */
  public Array permute(int[] dims) {
    int[] sh = new int[dims.length];
    int[] st = new int[dims.length];
    for (int d = 0; d < dims.length; d++) {
      sh[d] = shape[dims[d]];
      st[d] = strides[dims[d]];
    }
    return of(type, sh, st, offset, storage);
  }

  // ---- elements ----

  int address(int[] index) {
    int a = offset;
    for (int d = 0; d < index.length; d++) {
      a += index[d] * strides[d];
    }
    return a;
  }

  public long getLong(Index i) {
    return Elements.getLong(storage, address(i.current), type.isUnsigned());
  }

  public void setLong(Index i, long value) {
    Elements.setLong(storage, address(i.current), value);
  }

  public IndexIterator getIndexIterator() {
    return new Cursor(this);
  }

  /** Iterates over the box the ranges give (all of a dimension where a range is null). */
  public IndexIterator getRangeIterator(List<Range> ranges) throws InvalidRangeException {
    int[] origin = new int[shape.length];
    int[] sh = shape.clone();
    for (int d = 0; d < shape.length; d++) {
      Range r = ranges.get(d);
      if (r != null) {
        origin[d] = r.first;
        sh[d] = r.length();
      }
    }
    return sectionNoReduce(origin, sh, null).getIndexIterator();
  }

  /** The elements in C order in a new Java array. */
  public Object copyTo1DJavaArray() {
    Object out = java.lang.reflect.Array.newInstance(type.getPrimitiveClassType(), size(shape));
    Cursor c = new Cursor(this);
    for (int i = 0; c.hasNext(); i++) {
      Elements.copy(storage, c.nextAddress(), out, i);
    }
    return out;
  }

  /**
   * The elements in C order as {@code wanted}'s Java array: the storage itself when it already is
   * one.
   */
  public Object get1DJavaArray(DataType wanted) {
    boolean plain =
        offset == 0
            && java.util.Arrays.equals(strides, cStrides(shape))
            && java.lang.reflect.Array.getLength(storage) == size(shape);
    if (wanted.getPrimitiveClassType() == type.getPrimitiveClassType()) {
      return plain ? storage : copyTo1DJavaArray();
    }
    Array out = factory(wanted, shape);
    IndexIterator from = getIndexIterator();
    IndexIterator to = out.getIndexIterator();
    while (from.hasNext()) {
      to.setDoubleNext(from.getDoubleNext());
    }
    return out.storage;
  }

  public ByteBuffer getDataAsByteBuffer(ByteOrder order) {
    Object flat = copyTo1DJavaArray();
    int n = size(shape);
    int width = Elements.width(type.getPrimitiveClassType());
    ByteBuffer b = ByteBuffer.allocate(n * width).order(order);
    for (int i = 0; i < n; i++) {
      Elements.put(b, flat, i);
    }
    b.flip();
    return b;
  }

  /** Walks a view in C order. */
  private static final class Cursor implements IndexIterator {
    private final Array a;
    private final int[] index;
    private long left;

    Cursor(Array a) {
      this.a = a;
      this.index = new int[a.shape.length];
      this.left = size(a.shape);
    }

    @Override
    public boolean hasNext() {
      return left > 0;
    }

    int nextAddress() {
      int address = a.address(index);
      left--;
      for (int d = index.length - 1; d >= 0; d--) {
        if (++index[d] < a.shape[d]) {
          break;
        }
        index[d] = 0;
      }
      return address;
    }

    @Override
    public double getDoubleNext() {
      return Elements.getDouble(a.storage, nextAddress(), a.type.isUnsigned());
    }

    @Override
    public float getFloatNext() {
      return (float) getDoubleNext();
    }

    @Override
    public long getLongNext() {
      return Elements.getLong(a.storage, nextAddress(), a.type.isUnsigned());
    }

    @Override
    public int getIntNext() {
      return (int) getLongNext();
    }

    @Override
    public short getShortNext() {
      return (short) getLongNext();
    }

    @Override
    public byte getByteNext() {
      return (byte) getLongNext();
    }

    @Override
    public boolean getBooleanNext() {
      return Elements.getBoolean(a.storage, nextAddress());
    }

    @Override
    public Object getObjectNext() {
      return java.lang.reflect.Array.get(a.storage, nextAddress());
    }

    @Override
    public void setDoubleNext(double v) {
      Elements.setDouble(a.storage, nextAddress(), v);
    }

    @Override
    public void setFloatNext(float v) {
      setDoubleNext(v);
    }

    @Override
    public void setLongNext(long v) {
      Elements.setLong(a.storage, nextAddress(), v);
    }

    @Override
    public void setIntNext(int v) {
      setLongNext(v);
    }

    @Override
    public void setShortNext(short v) {
      setLongNext(v);
    }

    @Override
    public void setByteNext(byte v) {
      setLongNext(v);
    }

    @Override
    public void setBooleanNext(boolean v) {
      Elements.setBoolean(a.storage, nextAddress(), v);
    }

    @Override
    public void setObjectNext(Object v) {
      java.lang.reflect.Array.set(a.storage, nextAddress(), v);
    }
  }
}
