package io.refzarr.cli;

import java.io.PrintWriter;
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
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line; returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          cmd.getErr().println("refzarr: " + Errors.describe(ex));
          return 1;
        });
    return cl.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
