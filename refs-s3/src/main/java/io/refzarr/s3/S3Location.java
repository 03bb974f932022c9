package io.refzarr.s3;

import java.net.MalformedURLException;
import java.net.URI;

/** The bucket and key of an {@code s3://bucket/key} URL. */
record S3Location(String bucket, String key) {

  static S3Location of(URI uri) throws MalformedURLException {
    String bucket = uri.getAuthority();
    String path = uri.getPath();
    if (bucket == null || bucket.isEmpty() || path == null || path.length() < 2) {
      throw new MalformedURLException("not an S3 object URL (s3://bucket/key): " + uri);
    }
    return new S3Location(bucket, path.substring(1));
  }
}
