package io.refzarr.lazy;

import io.refzarr.refs.InvalidReferenceSetException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The columns of a record file, found by name as fsspec reads them: {@code path} (binary, normally
 * a string), {@code offset} and {@code size} (int64, int32 tolerated), {@code raw} (binary). A file
 * may hold only {@code path/offset/size} or only {@code raw}.
 */
final class Columns {
  final ColumnDescriptor path;
  final ColumnDescriptor offset;
  final ColumnDescriptor size;
  final ColumnDescriptor raw;
  final MessageType projection;

  private Columns(MessageType schema, String source) throws InvalidReferenceSetException {
    path = find(schema, "path", source, PrimitiveTypeName.BINARY);
    offset = find(schema, "offset", source, PrimitiveTypeName.INT64, PrimitiveTypeName.INT32);
    size = find(schema, "size", source, PrimitiveTypeName.INT64, PrimitiveTypeName.INT32);
    raw = find(schema, "raw", source, PrimitiveTypeName.BINARY);
    if (path != null && (offset == null || size == null)) {
      throw new InvalidReferenceSetException(
          source,
          "",
          "has a \"path\" column but no "
              + (offset == null ? "\"offset\"" : "\"size\"")
              + " column");
    }
    if (path == null && raw == null) {
      throw new InvalidReferenceSetException(
          source,
          "",
          "has neither a \"path\" nor a \"raw\" column (columns: " + schema.getFields() + ")");
    }
    List<Type> fields = new ArrayList<>();
    for (ColumnDescriptor c : all()) {
      fields.add(schema.getType(c.getPath()));
    }
    projection = new MessageType(schema.getName(), fields);
  }

  private Columns(Columns all) {
    path = all.path;
    offset = all.offset;
    size = all.size;
    raw = null;
    List<Type> fields = new ArrayList<>(all.projection.getFields());
    fields.removeIf(t -> t.getName().equals("raw"));
    projection = new MessageType(all.projection.getName(), fields);
  }

  /** The same columns without {@code raw}, for row groups whose {@code raw} is all null. */
  Columns withoutRaw() {
    return raw == null || path == null ? this : new Columns(this);
  }

  static Columns of(MessageType schema, String source) throws InvalidReferenceSetException {
    return new Columns(schema, source);
  }

  /** The columns present, in the order path, offset, size, raw. */
  List<ColumnDescriptor> all() {
    List<ColumnDescriptor> out = new ArrayList<>(4);
    for (ColumnDescriptor c : new ColumnDescriptor[] {path, offset, size, raw}) {
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /** The column that defines block (page) boundaries. */
  ColumnDescriptor first() {
    return offset != null ? offset : raw;
  }

  private static ColumnDescriptor find(
      MessageType schema, String name, String source, PrimitiveTypeName... types)
      throws InvalidReferenceSetException {
    if (!schema.containsField(name)) {
      return null;
    }
    Type t = schema.getType(name);
    if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
      throw new InvalidReferenceSetException(
          source, "", "column \"" + name + "\" must be a flat " + types[0] + " column, found " + t);
    }
    PrimitiveType p = t.asPrimitiveType();
    for (PrimitiveTypeName ok : types) {
      if (p.getPrimitiveTypeName() == ok) {
        return schema.getColumnDescription(new String[] {name});
      }
    }
    throw new InvalidReferenceSetException(
        source,
        "",
        "column \"" + name + "\" has type " + p.getPrimitiveTypeName() + ", expected " + types[0]);
  }
}
