package io.refzarr.source;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * The built-in {@code http}/{@code https} source. Source options: {@code http.headers} (Map, sent
 * with every request), {@code http.connectTimeoutMs} (default 10,000), {@code http.timeoutMs}
 * (whole exchange, default 30,000), {@code http.version} ({@code HTTP_1_1} or {@code HTTP_2},
 * default {@code HTTP_2} with fallback), {@code http.sslContext} (an {@link SSLContext}, for
 * private certificate authorities), and the retry options {@code http.maxAttempts}, {@code
 * http.retryBaseDelayMs}, {@code http.retryMaxDelayMs} (see {@link RetryPolicy}). Clients (and so
 * their connection pools) are shared by all file systems of the JVM that use the same version,
 * connect timeout and TLS context.
 */
final class HttpByteRangeReaderProvider implements ByteRangeReaderProvider {
  /** Clients by settings, shared by every file system of the JVM so that connections stay warm. */
  private static final Map<List<Object>, HttpClient> CLIENTS = new ConcurrentHashMap<>();

  @Override
  public Set<String> schemes() {
    return Set.of("http", "https");
  }

  @Override
  public ByteRangeReader create(SourceContext context) {
    HttpClient.Version version =
        HttpClient.Version.valueOf(
            context.stringOption("http.version", "HTTP_2").toUpperCase(Locale.ROOT));
    Duration connectTimeout =
        context.durationOption("http.connectTimeoutMs", Duration.ofSeconds(10));
    Object ssl = context.options().get("http.sslContext");
    if (ssl != null && !(ssl instanceof SSLContext)) {
      throw new IllegalArgumentException(
          "source option http.sslContext must be an SSLContext, not " + ssl);
    }
    // a list keyed by the SSLContext instance: Arrays.asList allows the null of "the default
    // context"
    HttpClient client =
        CLIENTS.computeIfAbsent(
            Arrays.asList(version, connectTimeout, ssl),
            k -> newClient(version, connectTimeout, (SSLContext) ssl));
    return new HttpByteRangeReader(
        client,
        context.mapOption("http.headers"),
        context.durationOption("http.timeoutMs", Duration.ofSeconds(30)),
        RetryPolicy.fromOptions(context, "http"));
  }

  private static HttpClient newClient(
      HttpClient.Version version, Duration connectTimeout, SSLContext ssl) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(version)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL);
    if (ssl != null) {
      b.sslContext(ssl);
    }
    return b.build();
  }
}
