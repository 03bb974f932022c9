package ucar.ma2;

/** A range outside an array or with last before first. */
public class InvalidRangeException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidRangeException(String message) {
    super(message);
  }
}
