package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.serve.ZarrHttpServer;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.FileSystem;

/**
 * {@code refzarr serve}: presents a reference set over HTTP as a static Zarr store until stopped.
 */
@Command(
    name = "serve",
    description = {
      "Serve a reference set over HTTP as a static Zarr store until Ctrl-C or SIGTERM.",
      "Read it with zarr.open_consolidated(\"http://127.0.0.1:PORT/\")."
    })
final class ServeCommand extends SetCommand {
  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8080",
      description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String bind;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "" + ZarrHttpServer.DEFAULT_THREADS,
      description = "Requests served at once (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    try (FileSystem fs = options.open(input)) {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(bind), port);
      ZarrHttpServer server =
          ZarrHttpServer.start(
              fs.getPath("/"), address, threads, line -> err.println("refzarr serve: " + line));
      Stop.onShutdown(
          () -> {
            server.close();
            fs.close();
          });
      PrintWriter out = spec.commandLine().getOut();
      out.println("serving " + input + " at " + server.uri() + " (Ctrl-C stops)");
      out.flush();
      server.awaitClose();
    }
    return 0;
  }
}
