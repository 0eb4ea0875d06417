package dev.sequin.app.databases;

import dev.sequin.app.api.ApiProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code url} form of a database's connection settings:
 * {@code postgresql://user:pass@host:5432/db} (or {@code postgres://}). Query parameters are
 * refused, as by Sequin: settings such as {@code sslmode} have their own fields.
 */
record SourceUrl(String hostname, Integer port, String database, String username, String password) {

    static SourceUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw invalid("must be a valid postgresql://user:password@host:port/database URL");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw invalid("must start with postgresql:// or postgres://");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("must not contain query parameters; use the ssl, ipv6 and pool_size fields");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw invalid("must name a host, as in postgresql://user:password@host:port/database");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String user = null;
        String pass = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = percentDecode(parts[0]);
            pass = parts.length > 1 ? percentDecode(parts[1]) : null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String db = percentDecode(path.startsWith("/") ? path.substring(1) : path);
        if (db.isEmpty() || db.contains("/")) {
            throw invalid("must name one database, as in postgresql://user:password@host:port/database");
        }
        return new SourceUrl(host, uri.getPort() > 0 ? uri.getPort() : null, db, user, pass);
    }

    /** Percent-decoding as libpq does it: {@code +} stays a plus, unlike form decoding. */
    private static String percentDecode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("has a malformed %-escape");
        }
    }

    private static ApiProblem invalid(String message) {
        return ApiProblem.invalid("url", message);
    }
}
