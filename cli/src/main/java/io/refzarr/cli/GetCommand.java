package io.refzarr.cli;

import io.refzarr.bridge.ArrayData;
import io.refzarr.bridge.DataType;
import io.refzarr.bridge.Slice;
import io.refzarr.bridge.ZarrArray;
import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.cli.args.CommandLine.ParameterException;
import io.refzarr.cli.args.CommandLine.Parameters;
import io.refzarr.internal.io.AtomicOutputs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystem;
import java.nio.file.Path;

/** {@code refzarr get}: decoded values of an array (or a slice of it) as a NumPy file or JSON. */
@Command(
    name = "get",
    description = "Read an array (or a slice) and write it as .npy, or print it as JSON.")
final class GetCommand extends SetCommand {
  static final int MAX_JSON_VALUES = 100_000;

  @Parameters(
      index = "1",
      paramLabel = "ARRAY",
      description = "Array path, such as temp or forecast/surface/pressure.")
  String array;

  @Option(
      names = "--slice",
      paramLabel = "SEL",
      description = "numpy-style selection per axis, e.g. 0:10,5,: or ::2 (default: everything).")
  String slice = "";

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write a NumPy .npy file (- for standard output).")
  Path output;

  @io.refzarr.cli.args.CommandLine.ParentCommand Main main;

  @Option(
      names = "--json",
      description = "Print the values as nested JSON lists (at most 100,000 values).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if ((output == null) == !json) {
      throw new ParameterException(spec.commandLine(), "give exactly one of -o FILE and --json");
    }
    try (FileSystem fs = options.open(input)) {
      ZarrArray a = ZarrArray.open(fs.getPath("/").resolve(array));
      Slice s = parseSlice(a);
      if (json && s.size() > MAX_JSON_VALUES) {
        throw new ParameterException(
            spec.commandLine(),
            "the selection holds "
                + s.size()
                + " values, more than --json prints; use -o FILE.npy or a smaller --slice");
      }
      if (json) {
        printJson(a.read(s));
      } else if (output.toString().equals("-")) {
        toStandardOutput(a, s);
      } else if (a.dataType().kind() == DataType.Kind.STRING) {
        AtomicOutputs.write(output, os -> NpyWriter.writeStrings(a, s, os));
      } else {
        AtomicOutputs.writeChannel(output, (ch, seekable) -> NpyWriter.write(a, s, ch, seekable));
      }
    }
    return 0;
  }

  // -o -: the .npy in order on standard output, for a pipe (a file there is a shell's business)
  private void toStandardOutput(ZarrArray a, Slice s) throws IOException {
    OutputStream out = main.binaryOut;
    if (a.dataType().kind() == DataType.Kind.STRING) {
      NpyWriter.writeStrings(a, s, out);
    } else {
      NpyWriter.writeInOrder(a, s, Channels.newChannel(out));
    }
    out.flush();
  }

  private Slice parseSlice(ZarrArray a) {
    try {
      Slice s = Slice.parse(slice, a.shape());
      s.size(); // a selection of more elements than a long counts: refused here, with the array
      return s;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ParameterException(spec.commandLine(), "array '" + array + "': " + e.getMessage());
    }
  }

  private void printJson(ArrayData data) {
    String text =
        "{\"array\": "
            + JsonValues.quote(array)
            + ", \"dtype\": "
            + JsonValues.quote(data.dataType().typestr())
            + ", \"shape\": "
            + java.util.Arrays.toString(data.shape())
            + ", \"values\": "
            + JsonValues.format(data)
            + "}";
    spec.commandLine().getOut().println(text);
    spec.commandLine().getOut().flush();
  }
}
