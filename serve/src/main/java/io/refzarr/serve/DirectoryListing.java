package io.refzarr.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTML page answering a directory URL: one link per entry, with absolute hrefs (directories end
 * in {@code /}) because fsspec's HTTP file system and GDAL's {@code /vsicurl/} list directories by
 * scraping links from such a page.
 */
final class DirectoryListing {
  private DirectoryListing() {}

  /** The page for {@code dir}, whose URL path is {@code urlPath} (ending in {@code /}). */
  static byte[] html(Path dir, String urlPath) throws IOException {
    StringBuilder page =
        new StringBuilder(256)
            .append("<!DOCTYPE html>\n<html><head><title>Index of ")
            .append(escape(urlPath))
            .append("</title></head><body>\n<h1>Index of ")
            .append(escape(urlPath))
            .append("</h1>\n<ul>\n");
    for (String name : entries(dir)) {
      String href =
          escape(
              urlPath
                  + Urls.encodeSegment(name.replace("/", ""))
                  + (name.endsWith("/") ? "/" : ""));
      page.append("<li><a href=\"")
          .append(href)
          .append("\">")
          .append(escape(name))
          .append("</a></li>\n");
    }
    return page.append("</ul>\n</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> entries(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        names.add(Files.isDirectory(child) ? name + "/" : name);
      }
    }
    names.sort(null);
    return names;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
