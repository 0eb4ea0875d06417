package dev.sequin.app.security;

import dev.sequin.account.ApiTokenRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api} requests by {@code Authorization: Bearer <token>} against the hashed
 * tokens in our database. A missing, malformed or duplicate header, or an unknown token, is a 401
 * in Sequin's shape (contract §4).
 */
final class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private final VerifiedTokens tokens;

    ApiTokenAuthenticationFilter(ApiTokenRepository tokens) {
        this.tokens = new VerifiedTokens(tokens);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/api") || path.startsWith("/api/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> headers = Collections.list(request.getHeaders("Authorization"));
        if (headers.isEmpty()) {
            reject(response, "Please provide an API token in the Authorization header, as `Authorization: Bearer <token>`");
            return;
        }
        if (headers.size() > 1) {
            reject(response, "Please send exactly one Authorization header");
            return;
        }
        String header = headers.get(0);
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            reject(response, "The Authorization header must be of the form `Bearer <token>`");
            return;
        }
        String token = header.substring(7).trim();
        if (!tokens.isValid(token)) {
            reject(response, "The API token is invalid");
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated("api-token", null, AuthorityUtils.createAuthorityList("ROLE_API")));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static void reject(HttpServletResponse response, String summary) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"summary\":\"" + summary.replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
