package io.refzarr.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Spark contexts for refzarr's jobs. */
public final class SparkContexts {
  private SparkContexts() {}

  /**
   * A context on {@code master}, or, when it is null, the master {@code spark-submit} set ({@code
   * spark.master}) or else embedded {@code local[*]}. No web UI unless asked for; an embedded
   * (local) driver listens on 127.0.0.1 only.
   */
  public static JavaSparkContext create(String master, String appName) {
    SparkConf conf =
        new SparkConf()
            .setAppName(appName)
            .setIfMissing("spark.master", "local[*]")
            .setIfMissing("spark.ui.enabled", "false");
    if (master != null) {
      conf.setMaster(master);
    }
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1")
          .setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    return new JavaSparkContext(conf);
  }
}
