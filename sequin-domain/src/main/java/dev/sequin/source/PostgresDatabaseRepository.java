package dev.sequin.source;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Stored source databases; each is loaded with its replication slot. */
public interface PostgresDatabaseRepository extends JpaRepository<PostgresDatabase, UUID> {

    Optional<PostgresDatabase> findByName(String name);

    boolean existsByName(String name);

    List<PostgresDatabase> findAllByOrderByInsertedAtAscNameAsc();
}
