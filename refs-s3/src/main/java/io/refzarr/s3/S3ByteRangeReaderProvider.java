package io.refzarr.s3;

import io.refzarr.source.ByteRangeReader;
import io.refzarr.source.ByteRangeReaderProvider;
import io.refzarr.source.SourceContext;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Creates the S3 source from a file system's source options (see the package documentation). */
public final class S3ByteRangeReaderProvider implements ByteRangeReaderProvider {

  @Override
  public Set<String> schemes() {
    return Set.of("s3", "s3a");
  }

  @Override
  public ByteRangeReader create(SourceContext context) {
    int attempts = (int) context.longOption("s3.maxAttempts", 4);
    if (attempts < 1) {
      throw new IllegalArgumentException("s3.maxAttempts must be >= 1: " + attempts);
    }
    Duration timeout = context.durationOption("s3.timeoutMs", Duration.ofSeconds(30));
    S3ClientBuilder b =
        S3Client.builder()
            .region(region(context))
            .forcePathStyle(context.booleanOption("s3.pathStyle", false))
            .overrideConfiguration(
                o -> o.retryStrategy(r -> r.maxAttempts(attempts)).apiCallTimeout(timeout));
    String endpoint = context.stringOption("s3.endpoint", null);
    if (endpoint != null) {
      b.endpointOverride(URI.create(endpoint));
    }
    credentials(context, b);
    return new S3ByteRangeReader(b.build(), attempts);
  }

  private static Region region(SourceContext context) {
    String region = context.stringOption("s3.region", null);
    if (region != null) {
      return Region.of(region);
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (RuntimeException e) {
      return Region
          .US_EAST_1; // none configured: like fsspec, let the bucket's endpoint sort it out
    }
  }

  private static void credentials(SourceContext context, S3ClientBuilder b) {
    String key = context.stringOption("s3.accessKeyId", null);
    if (context.booleanOption("s3.anonymous", false)) {
      b.credentialsProvider(AnonymousCredentialsProvider.create());
    } else if (key != null) {
      String secret = context.stringOption("s3.secretAccessKey", null);
      if (secret == null) {
        throw new IllegalArgumentException("s3.accessKeyId is set but s3.secretAccessKey is not");
      }
      b.credentialsProvider(
          StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)));
    } else {
      b.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
  }
}
