package io.refzarr.s3;

import io.refzarr.source.ByteRangeReader;
import io.refzarr.source.ContentRange;
import io.refzarr.source.IdentityPins;
import io.refzarr.source.RetryableException;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads {@code s3://bucket/key} targets with ranged GETs. The SDK retries throttling, 5xx replies
 * and I/O errors; this reader retries bodies whose {@code Content-Range} or length do not match the
 * request, and pins each object's ETag on first use.
 */
final class S3ByteRangeReader implements ByteRangeReader {

  private final S3Client s3;
  private final int attempts;
  private final IdentityPins pins = new IdentityPins();

  S3ByteRangeReader(S3Client s3, int attempts) {
    this.s3 = s3;
    this.attempts = attempts;
  }

  @Override
  public void read(URI target, long offset, ByteBuffer dst) throws IOException {
    int length = dst.remaining();
    if (length == 0) {
      return;
    }
    RetryableException last = null;
    for (int n = 0; n < attempts; n++) {
      try {
        dst.put(get(target, offset, length));
        return;
      } catch (RetryableException e) {
        last = e;
      }
    }
    throw new IOException(
        "GET "
            + target
            + " bytes="
            + offset
            + "-"
            + (offset + length - 1)
            + " failed after "
            + attempts
            + " attempts: "
            + last.getMessage(),
        last);
  }

  private byte[] get(URI target, long offset, int length) throws IOException {
    S3Location loc = S3Location.of(target);
    long end = offset + length - 1;
    ResponseBytes<GetObjectResponse> r;
    try {
      r =
          s3.getObjectAsBytes(
              b -> b.bucket(loc.bucket()).key(loc.key()).range("bytes=" + offset + "-" + end));
    } catch (SdkException e) {
      throw failure(target, e, "GET bytes=" + offset + "-" + end);
    }
    pins.check(target, r.response().eTag() == null ? null : "ETag " + r.response().eTag());
    checkRange(target, r.response().contentRange(), offset, end);
    byte[] body = r.asByteArrayUnsafe();
    if (body.length != length) {
      throw new RetryableException(
          "truncated body for bytes "
              + offset
              + "-"
              + end
              + " of "
              + target
              + ": "
              + body.length
              + " of "
              + length
              + " bytes",
          null);
    }
    return body;
  }

  private static void checkRange(URI target, String contentRange, long offset, long end)
      throws IOException {
    ContentRange cr = ContentRange.parse(target, contentRange, offset, end);
    if (cr.stopsBefore(offset, end)) {
      throw new EOFException(cr.targetEndsMessage(target, offset, end));
    }
    cr.requireExactly(target, offset, end);
  }

  @Override
  public long size(URI target) throws IOException {
    S3Location loc = S3Location.of(target);
    HeadObjectResponse r;
    try {
      r = s3.headObject(b -> b.bucket(loc.bucket()).key(loc.key()));
    } catch (SdkException e) {
      throw failure(target, e, "HEAD");
    }
    pins.check(target, r.eTag() == null ? null : "ETag " + r.eTag());
    return r.contentLength();
  }

  private static IOException failure(URI target, SdkException e, String what) {
    if (e instanceof S3Exception) {
      int status = ((S3Exception) e).statusCode();
      if (status == 404) {
        return (IOException)
            new NoSuchFileException(target.toString(), null, "S3 404 for " + what).initCause(e);
      }
      if (status == 416) {
        return (IOException)
            new EOFException("the range is past the end of " + target + " (" + what + ")")
                .initCause(e);
      }
      return new IOException(
          "S3 "
              + status
              + " for "
              + what
              + " of "
              + target
              + ": "
              + ((S3Exception) e).awsErrorDetails().errorMessage(),
          e);
    }
    return new IOException(what + " of " + target + " failed: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    s3.close();
  }
}
