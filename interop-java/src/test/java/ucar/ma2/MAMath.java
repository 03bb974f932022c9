package ucar.ma2;

/** Whole-array operations (the one the readers use). */
public final class MAMath {
  private MAMath() {}

  /** Sets every element to {@code value}, converted to the element type. */
  public static void setDouble(Array a, double value) {
    IndexIterator it = a.getIndexIterator();
    while (it.hasNext()) {
      it.setDoubleNext(value);
    }
  }
}
