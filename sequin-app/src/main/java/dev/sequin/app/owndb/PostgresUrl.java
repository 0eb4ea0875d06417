package dev.sequin.app.owndb;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A {@code postgresql://user:pass@host:port/db} URL (or {@code postgres://}, or a JDBC URL) taken
 * apart. Passwords may be percent-encoded, as in libpq URLs.
 */
record PostgresUrl(String hostname, int port, String database, String username, String password) {

    static PostgresUrl parse(String url) {
        String text = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri = URI.create(text);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("PG_URL must start with postgresql:// or postgres://");
        }
        String user = null;
        String pass = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            pass = parts.length > 1 ? decode(parts[1]) : null;
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String db = path.startsWith("/") ? path.substring(1) : path;
        return new PostgresUrl(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432,
                db.isEmpty() ? "postgres" : db, user, pass);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
