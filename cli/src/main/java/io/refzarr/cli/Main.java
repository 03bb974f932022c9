package io.refzarr.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code refzarr} command. */
@Command(
    name = "refzarr",
    mixinStandardHelpOptions = true,
    version = "refzarr 0.1.0-SNAPSHOT",
    description = "Virtual Zarr: kerchunk-compatible reference sets on the JVM.",
    subcommands = {
      DemoCommand.class,
      LsCommand.class,
      CatCommand.class,
      InfoCommand.class,
      ScanCommand.class,
      CombineCommand.class,
      ScanCombineCommand.class,
      ConvertCommand.class,
      GetCommand.class,
      ServeCommand.class,
      MountCommand.class,
    })
public final class Main implements Runnable {

  /** Where commands that write bytes ({@code cat}) write them. */
  final OutputStream binaryOut;

  private Main(OutputStream binaryOut) {
    this.binaryOut = binaryOut;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line with text and bytes going to {@code out}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter textOut = utf8(out);
    PrintWriter textErr = utf8(err);
    int status = run(args, out, textOut, textErr);
    textOut.flush();
    textErr.flush();
    return status;
  }

  private static int run(String[] args, OutputStream binaryOut, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main(binaryOut));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          cmd.getErr().println("refzarr: " + Errors.describe(ex));
          return 1;
        });
    return cl.execute(args);
  }

  private static PrintWriter utf8(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
