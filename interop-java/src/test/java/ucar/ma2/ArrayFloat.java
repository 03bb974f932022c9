package ucar.ma2;

/** An array of {@code float} elements (readers test for it with {@code instanceof}). */
public class ArrayFloat extends Array {
  ArrayFloat(DataType type, int[] shape, int[] strides, int offset, Object storage) {
    super(type, shape, strides, offset, storage);
  }
}
