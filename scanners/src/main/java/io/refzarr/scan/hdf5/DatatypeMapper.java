package io.refzarr.scan.hdf5;

import io.jhdf.object.datatype.BitField;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.OpaqueDataType;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import io.refzarr.zarr.DType;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** HDF5 datatypes to numpy dtypes, as h5py presents them (byte order kept). */
final class DatatypeMapper {
  private DatatypeMapper() {}

  static ZarrType map(DataType type) throws Unsupported {
    if (type instanceof FixedPoint) {
      FixedPoint t = (FixedPoint) type;
      return integer(
          t.isSigned() ? DType.Kind.INT : DType.Kind.UINT, t.getSize(), t.getByteOrder());
    }
    if (type instanceof FloatingPoint) {
      FloatingPoint t = (FloatingPoint) type;
      int size = t.getSize();
      if (size != 2 && size != 4 && size != 8) {
        throw new Unsupported("floating-point type of " + size + " bytes");
      }
      return new ZarrType(DType.of(DType.Kind.FLOAT, t.getByteOrder(), size), size);
    }
    if (type instanceof EnumDataType) {
      return enumType((EnumDataType) type);
    }
    if (type instanceof BitField) {
      return integer(DType.Kind.UINT, type.getSize(), ((BitField) type).getByteOrder());
    }
    if (type instanceof StringData) {
      if (((StringData) type).getPaddingType() == StringData.PaddingType.SPACE_PADDED) {
        // h5py and the HDF5 library read these without their trailing spaces; no Zarr codec strips
        // them
        throw new Unsupported(
            "fixed-length strings padded with spaces (the HDF5 library strips the padding"
                + " when it reads them; no Zarr codec does)");
      }
      return new ZarrType(DType.of(DType.Kind.BYTES, null, type.getSize()), type.getSize());
    }
    if (type instanceof VariableLength && ((VariableLength) type).isVariableLengthString()) {
      return new ZarrType(DType.of(DType.Kind.OBJECT, null, 8), type.getSize());
    }
    if (type instanceof CompoundDataType) {
      return compound((CompoundDataType) type);
    }
    if (type instanceof OpaqueDataType) {
      return opaque((OpaqueDataType) type);
    }
    throw new Unsupported(
        "datatype "
            + type.getClass().getSimpleName()
            + " (class "
            + type.getDataClass()
            + ") has no Zarr v2 equivalent");
  }

  private static ZarrType integer(DType.Kind kind, int size, ByteOrder order) throws Unsupported {
    if (size != 1 && size != 2 && size != 4 && size != 8) {
      throw new Unsupported("integer type of " + size + " bytes");
    }
    return new ZarrType(DType.of(kind, order, size), size);
  }

  /** h5py reads a one-byte enum {FALSE: 0, TRUE: 1} as bool; other enums as their base integers. */
  private static ZarrType enumType(EnumDataType type) throws Unsupported {
    if (isBoolEnum(type)) {
      return new ZarrType(DType.of(DType.Kind.BOOL, null, 1), 1);
    }
    return map(type.getBaseType());
  }

  /**
   * The one-byte enum {FALSE: 0, TRUE: 1} that h5py writes for numpy bool (and reads back as bool).
   */
  static boolean isBoolEnum(EnumDataType type) {
    Map<Integer, String> mapping = type.getEnumMapping();
    return type.getSize() == 1
        && mapping.size() == 2
        && "FALSE".equals(mapping.get(0))
        && "TRUE".equals(mapping.get(1));
  }

  /**
   * A packed compound of plain members as a numpy structured dtype (padding has no list form);
   * h5py's complex numbers (members {@code r} and {@code i} of one float type) as numpy complex.
   */
  private static ZarrType compound(CompoundDataType type) throws Unsupported {
    List<CompoundDataType.CompoundDataMember> members = new ArrayList<>(type.getMembers());
    members.sort(Comparator.comparingInt(CompoundDataType.CompoundDataMember::getOffset));
    ZarrType complex = complex(members, type.getSize());
    if (complex != null) {
      return complex;
    }
    List<Object> fields = new ArrayList<>();
    int offset = 0;
    for (CompoundDataType.CompoundDataMember m : members) {
      if (m.getOffset() != offset) {
        throw new Unsupported("compound type with padding before member " + m.getName());
      }
      if (m.getDimensionSize() != null && m.getDimensionSize().length > 0) {
        throw new Unsupported("compound member " + m.getName() + " is an array");
      }
      ZarrType member = map(m.getDataType());
      if (member.kind() == DType.Kind.OBJECT || member.kind() == DType.Kind.STRUCTURED) {
        throw new Unsupported("compound member " + m.getName() + " of kind " + member.kind());
      }
      fields.add(List.of(m.getName(), member.dtype().toJson()));
      offset += member.itemSize();
    }
    if (offset != type.getSize()) {
      throw new Unsupported("compound type with trailing padding");
    }
    return new ZarrType(DType.parse(fields), type.getSize());
  }

  private static ZarrType complex(List<CompoundDataType.CompoundDataMember> members, int size)
      throws Unsupported {
    if (members.size() != 2
        || !members.get(0).getName().equals("r")
        || !members.get(1).getName().equals("i")
        || !(members.get(0).getDataType() instanceof FloatingPoint)) {
      return null;
    }
    ZarrType re = map(members.get(0).getDataType());
    ZarrType im = map(members.get(1).getDataType());
    if (!re.dtype().equals(im.dtype())
        || members.get(1).getOffset() != re.itemSize()
        || size != 2 * re.itemSize()
        || re.itemSize() == 2) {
      return null;
    }
    return new ZarrType(DType.of(DType.Kind.COMPLEX, re.dtype().order(), size), size);
  }

  /**
   * Opaque data as h5py reads it: with a {@code NUMPY:} tag (h5py's own, for datetime64,
   * timedelta64 and other types HDF5 has none for) the tagged dtype when it has the opaque size;
   * else raw bytes {@code |Vn}.
   */
  private static ZarrType opaque(OpaqueDataType type) {
    String tag = type.getAsciiTag() == null ? "" : type.getAsciiTag().trim();
    if (tag.startsWith("NUMPY:")) {
      try {
        DType tagged = DType.parse(tag.substring("NUMPY:".length()));
        if (tagged.itemSize() == type.getSize()
            && tagged.kind() != DType.Kind.OBJECT
            && tagged.kind() != DType.Kind.STRUCTURED) {
          return new ZarrType(tagged, type.getSize());
        }
      } catch (RuntimeException e) {
        // not a dtype this model knows: raw bytes, as h5py reads a tag it does not know
      }
    }
    return new ZarrType(DType.of(DType.Kind.VOID, null, type.getSize()), type.getSize());
  }
}
