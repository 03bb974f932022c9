package io.refzarr.scan.netcdf3;

import io.refzarr.scan.MalformedFileException;
import io.refzarr.scan.netcdf3.Header.Variable;
import java.util.List;

/**
 * Where the records are. Record variables are interleaved: record {@code i} of variable {@code v}
 * starts at {@code v.begin + i * recsize}, where {@code recsize} is the sum of the record
 * variables' per-record sizes, each padded to 4 bytes, except when there is exactly one record
 * variable, whose records are not padded (the format's special case, which kerchunk gets wrong:
 * baseline.md, item 5).
 *
 * @param recsize bytes from one record to the next (0 without record variables)
 * @param claimed the record count the header gives, or {@link Header#STREAMING}
 * @param present the records whose bytes of every record variable lie within the file
 */
record RecordLayout(long recsize, long claimed, long present) {

  static RecordLayout of(Header header, long fileSize, String file) throws MalformedFileException {
    List<Variable> vars = header.variables().stream().filter(Variable::isRecord).toList();
    if (vars.isEmpty()) {
      return new RecordLayout(0, header.numrecs(), Math.max(0, header.numrecs()));
    }
    long recsize = vars.size() == 1 ? vars.get(0).elementBytes() : paddedSum(vars, file);
    long fit = Long.MAX_VALUE;
    for (Variable v : vars) {
      fit = Math.min(fit, recordsWithin(v, recsize, fileSize));
    }
    long claimed = header.numrecs();
    return new RecordLayout(
        recsize, claimed, claimed == Header.STREAMING ? fit : Math.min(claimed, fit));
  }

  /** True when the header claims more records than the file holds (a crashed streaming writer). */
  boolean truncated() {
    return claimed != Header.STREAMING && present < claimed;
  }

  private static long paddedSum(List<Variable> vars, String file) throws MalformedFileException {
    long sum = 0;
    for (Variable v : vars) {
      if (v.elementBytes() > Long.MAX_VALUE - 3 || v.paddedBytes() > Long.MAX_VALUE - sum) {
        throw new MalformedFileException(
            file, v.headerOffset(), "the record size overflows 64 bits at variable " + v.name());
      }
      sum += v.paddedBytes();
    }
    return sum;
  }

  /** How many records of {@code v} lie entirely within the file. */
  private static long recordsWithin(Variable v, long recsize, long fileSize) {
    if (v.begin() > fileSize || v.elementBytes() > fileSize - v.begin()) {
      return 0;
    }
    return (fileSize - v.begin() - v.elementBytes()) / recsize + 1;
  }
}
