package ucar.ma2;

/** An array of {@code double} elements (readers test for it with {@code instanceof}). */
public class ArrayDouble extends Array {
  ArrayDouble(DataType type, int[] shape, int[] strides, int offset, Object storage) {
    super(type, shape, strides, offset, storage);
  }
}
