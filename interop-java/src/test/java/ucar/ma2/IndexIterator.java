package ucar.ma2;

/** Visits the elements of an array in C order, reading or writing each once. */
public interface IndexIterator {
  boolean hasNext();

  double getDoubleNext();

  float getFloatNext();

  long getLongNext();

  int getIntNext();

  short getShortNext();

  byte getByteNext();

  boolean getBooleanNext();

  Object getObjectNext();

  void setDoubleNext(double v);

  void setFloatNext(float v);

  void setLongNext(long v);

  void setIntNext(int v);

  void setShortNext(short v);

  void setByteNext(byte v);

  void setBooleanNext(boolean v);

  void setObjectNext(Object v);
}
