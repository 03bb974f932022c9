package ucar.ma2;

/** A position in an array of some shape. */
public class Index {
  final int[] shape;
  final int[] current;

  Index(int[] shape) {
    this.shape = shape.clone();
    this.current = new int[shape.length];
  }

  public static Index factory(int[] shape) {
    return new Index(shape);
  }

  public Index set(int[] index) {
    System.arraycopy(index, 0, current, 0, current.length);
    return this;
  }

  public int[] getShape() {
    return shape.clone();
  }
}
