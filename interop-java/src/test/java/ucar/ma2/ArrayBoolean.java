package ucar.ma2;

/** An array of {@code boolean} elements (readers test for it with {@code instanceof}). */
public class ArrayBoolean extends Array {
  ArrayBoolean(DataType type, int[] shape, int[] strides, int offset, Object storage) {
    super(type, shape, strides, offset, storage);
  }
}
