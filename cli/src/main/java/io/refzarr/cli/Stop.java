package io.refzarr.cli;

import java.io.IOException;

/**
 * Runs a stop action when the JVM is asked to end (Ctrl-C, SIGTERM), printing what fails: serve,
 * mount.
 */
final class Stop {
  private Stop() {}

  interface Action {
    void run() throws IOException;
  }

  static void onShutdown(Action action) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    action.run();
                  } catch (IOException | RuntimeException e) {
                    System.err.println("refzarr: while stopping: " + Errors.describe(e));
                  }
                },
                "refzarr-stop"));
  }
}
