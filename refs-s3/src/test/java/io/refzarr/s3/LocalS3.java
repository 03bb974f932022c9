package io.refzarr.s3;

import java.net.URI;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An in-memory s3proxy on 127.0.0.1 (anonymous access) and an SDK client for filling it. Public, in
 * the test-jar, for the command line's S3 tests.
 */
public final class LocalS3 implements AutoCloseable {
  private final S3Proxy proxy;
  private final S3Client client;

  public LocalS3() throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.NONE, null, null)
            .build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(10);
    }
    client =
        S3Client.builder()
            .endpointOverride(URI.create(endpoint()))
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .build();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** The source options that reach this server (or {@code endpoint}, a front of it). */
  public static Map<String, Object> options(String endpoint) {
    return Map.of(
        "s3.endpoint",
        endpoint,
        "s3.pathStyle",
        true,
        "s3.anonymous",
        true,
        "s3.region",
        "us-east-1");
  }

  public void createBucket(String bucket) {
    client.createBucket(b -> b.bucket(bucket));
  }

  public void put(String bucket, String key, byte[] data) {
    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
  }

  @Override
  public void close() throws Exception {
    client.close();
    proxy.stop();
  }
}
