package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine;
import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Mixin;
import io.refzarr.cli.args.CommandLine.Model.CommandSpec;
import io.refzarr.cli.args.CommandLine.Spec;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Entry point of the {@code refzarr} command. */
@Command(
    name = "refzarr",
    // -h/--help and -V/--version (and the version) on every command too, without their required
    // arguments (as the parser gives every command)
    mixinStandardHelpOptions = true,
    version = "refzarr 0.1.0-SNAPSHOT",
    description = {
      "Virtual Zarr: kerchunk-compatible reference sets on the JVM.",
      "The options of the commands that read a set (--root, --remote-protocol, --remote-option, --template,"
          + " --default-target) may also come before the command; the command's own win."
    })
public final class Main implements Runnable {
  /**
   * Every command, in the order the usage help lists them (the parser builds the model of the one
   * named only).
   */
  static final List<Class<?>> COMMANDS =
      List.of(
          DemoCommand.class,
          LsCommand.class,
          CatCommand.class,
          InfoCommand.class,
          ScanCommand.class,
          CombineCommand.class,
          ScanCombineCommand.class,
          ConvertCommand.class,
          GetCommand.class,
          InlineCommand.class,
          RenameTargetCommand.class,
          DereferenceCommand.class,
          VerifyCommand.class,
          ConsolidateCommand.class,
          SubchunkCommand.class,
          InlineArrayCommand.class,
          ServeCommand.class,
          MountCommand.class);

  /** Where commands that write bytes ({@code cat}) write them. */
  final OutputStream binaryOut;

  /** The options of the commands that read a set, given before the command. */
  @Mixin RefsOptions refs;

  @Spec CommandSpec spec;

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
    COMMANDS.forEach(cl::addSubcommand);
    cl.setOut(out);
    cl.setErr(err);
    cl.setBeforeRun(Main::refuseUnusedGlobalOptions);
    cl.setExecutionExceptionHandler(
        (ex, cmd) -> {
          cmd.getErr().println("refzarr: " + Errors.describe(ex));
          return 1;
        });
    return cl.execute(args);
  }

  /**
   * Options given before a command that takes none of them ({@code refzarr --root DIR scan ...})
   * would be ignored silently: refused instead.
   */
  private static void refuseUnusedGlobalOptions(CommandLine parsed) {
    CommandSpec command = parsed.getCommandSpec();
    if (command.parent() == null || !command.parent().<Main>userObject().refs.given()) {
      return;
    }
    boolean takesThem =
        command.mixins().values().stream().anyMatch(m -> m.userObject() instanceof RefsOptions);
    if (!takesThem) {
      throw new CommandLine.ParameterException(
          command.commandLine(),
          "refzarr "
              + command.name()
              + " does not take --root, --remote-protocol, --remote-option, --template or --default-target before"
              + " the command (only ls, cat, info, get, convert, inline, rename-target, dereference, verify, consolidate, subchunk and inline-array do); give its own options after it");
    }
  }

  private static PrintWriter utf8(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
