package dev.sequin.account;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiTokenRepository extends JpaRepository<ApiToken, UUID> {

    boolean existsByTokenHash(String tokenHash);

    Optional<ApiToken> findByName(String name);
}
