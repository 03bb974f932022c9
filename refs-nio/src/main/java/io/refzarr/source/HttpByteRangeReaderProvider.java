package io.refzarr.source;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The built-in {@code http}/{@code https} source. Source options: {@code http.headers} (Map, sent with every
 * request), {@code http.connectTimeoutMs} (default 10,000), {@code http.timeoutMs} (whole exchange, default
 * 30,000), {@code http.version} ({@code HTTP_1_1} or {@code HTTP_2}, default {@code HTTP_2} with fallback),
 * {@code http.sslContext} (an {@link SSLContext}, for private certificate authorities), and the retry options {@code http.maxAttempts}, {@code http.retryBaseDelayMs}, {@code http.retryMaxDelayMs}
 * (see {@link RetryPolicy}).
 */
final class HttpByteRangeReaderProvider implements ByteRangeReaderProvider {

  @Override
  public Set<String> schemes() {
    return Set.of("http", "https");
  }

  @Override
  public ByteRangeReader create(SourceContext context) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(HttpClient.Version.valueOf(context.stringOption("http.version", "HTTP_2").toUpperCase(Locale.ROOT)))
        .connectTimeout(context.durationOption("http.connectTimeoutMs", Duration.ofSeconds(10)))
        .followRedirects(HttpClient.Redirect.NORMAL);
    Object ssl = context.options().get("http.sslContext");
    if (ssl != null) {
      if (!(ssl instanceof SSLContext)) {
        throw new IllegalArgumentException("source option http.sslContext must be an SSLContext, not " + ssl);
      }
      b.sslContext((SSLContext) ssl);
    }
    return new HttpByteRangeReader(b.build(), context.mapOption("http.headers"),
        context.durationOption("http.timeoutMs", Duration.ofSeconds(30)), RetryPolicy.fromOptions(context, "http"));
  }
}
