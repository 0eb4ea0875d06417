package dev.sequin.app.security;

import dev.sequin.account.ApiTokenRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * {@code /api/**} needs a bearer API token and nothing else (no sessions, no CSRF: tokens are not
 * ambient credentials). {@code /health} and {@code /info} are open, as in Sequin.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokenRepository tokens) throws Exception {
        http.securityMatcher("/api/**", "/health", "/info/**", "/info")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/health", "/info", "/info/**").permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }
}
