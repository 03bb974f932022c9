/**
 * The S3 byte source: {@code s3://bucket/key} (and {@code s3a://}) targets read with ranged GETs of
 * the AWS SDK v2, found by {@link java.util.ServiceLoader} when this module is on the class path.
 * Configure it with the file system's {@code remoteOptions} (fsspec's {@code remote_options}):
 *
 * <table>
 *   <caption>source options</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code s3.anonymous}</td><td>false</td><td>unsigned requests (public buckets)</td></tr>
 *   <tr><td>{@code s3.region}</td><td>the SDK's region chain, else us-east-1</td><td>the bucket's region</td></tr>
 *   <tr><td>{@code s3.endpoint}</td><td>AWS</td><td>endpoint of an S3-compatible store, e.g. {@code http://127.0.0.1:9000}</td></tr>
 *   <tr><td>{@code s3.pathStyle}</td><td>false</td><td>path-style addressing (most S3-compatible stores)</td></tr>
 *   <tr><td>{@code s3.accessKeyId}, {@code s3.secretAccessKey}</td><td>none</td><td>static credentials; otherwise
 *       the SDK's default credential chain</td></tr>
 *   <tr><td>{@code s3.maxAttempts}</td><td>4</td><td>attempts per request (SDK retries on throttling, 5xx,
 *       I/O errors; refzarr's on short or mismatched bodies)</td></tr>
 *   <tr><td>{@code s3.timeoutMs}</td><td>30,000</td><td>time limit of one call, retries included</td></tr>
 * </table>
 *
 * <p>Every reply is checked ({@code Content-Range}, length) and the object's ETag is pinned on
 * first use: an object replaced mid-use fails with {@link
 * io.refzarr.source.TargetChangedException}.
 */
package io.refzarr.s3;
