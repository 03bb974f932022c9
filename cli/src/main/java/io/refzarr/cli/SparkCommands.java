package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine;
import io.refzarr.scan.ScanAllReport;
import io.refzarr.scan.ScanInput;
import io.refzarr.spark.CombineJobOptions;
import io.refzarr.spark.CombineReport;
import io.refzarr.spark.ScanSettings;
import io.refzarr.spark.SparkEngine;
import io.refzarr.spark.SpecFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code scan-combine --engine spark} and {@code scan --output-dir --engine spark}: the same work
 * on Spark ({@code io.refzarr.spark}). Spark is not part of the CLI's default class path (it is
 * large and a cluster brings its own): without it the command says how to get it.
 */
final class SparkCommands {
  private SparkCommands() {}

  static int scanCombine(ScanCombineCommand c) throws IOException {
    CommandLine cl = c.spec.commandLine();
    requireSpark(cl);
    List<ScanInput> inputs =
        CombineOptions.expandNames(c.inputs).stream().map(ScanInput::of).toList();
    // executors resolve relative targets against the driver's directory, not their own
    Path root =
        c.options.root != null ? c.options.root.toAbsolutePath() : Path.of("").toAbsolutePath();
    CombineOptions.Settings settings = c.options.settings(cl, root);
    SpecFactory factory = settings::builder;
    CombineJobOptions job =
        new CombineJobOptions(
            c.partitions == null ? 0 : c.partitions,
            c.treeDepth,
            settings.batchSize(),
            ScanSettings.of(c.scanOptions()));
    PrintWriter err = cl.getErr();
    CombineReport report =
        SparkEngine.scanCombine(
            c.master,
            inputs,
            factory,
            job,
            c.output.output(cl),
            c.output.sinkOptions(cl),
            c.options.progressListener(cl),
            s -> {
              if (c.options.progress) {
                err.println(s);
              }
            });
    if (c.report != null) {
      RunReports.write(report, c.report);
    }
    report.failed().forEach(f -> err.println("refzarr: failed " + f.input() + ": " + f.reason()));
    cl.getOut()
        .printf("%s: scanned and combined on Spark: %s%n", c.output.output, report.summary());
    return report.failed().isEmpty() ? 0 : 1;
  }

  /** {@code scan FILE... --output-dir DIR --engine spark}: simple parallel on the executors. */
  static ScanAllReport scanAll(ScanCommand c) throws IOException {
    CommandLine cl = c.spec.commandLine();
    requireSpark(cl);
    List<ScanInput> inputs =
        CombineOptions.expandNames(c.inputs).stream().map(ScanInput::of).toList();
    return SparkEngine.scanAll(
        c.master,
        inputs,
        c.outputDir,
        ScanSettings.of(c.options()),
        c.format,
        c.output.sinkOptions(cl).recordSize(),
        c.parallelism == null ? 0 : c.parallelism,
        s -> {});
  }

  /** Refuses --engine spark, saying how to get Spark, when its classes are missing. */
  static void requireSpark(CommandLine cl) {
    try {
      Class.forName(SparkEngine.SPARK_CLASS, false, SparkCommands.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new CommandLine.ParameterException(
          cl,
          "--engine spark needs Apache Spark on the class path: build"
              + " the CLI with 'mvn -o package -pl cli -am -Pspark -DskipTests' (Spark's jars go to cli/target/lib),"
              + " or run it with spark-submit (README, Scaling out)");
    }
  }
}
