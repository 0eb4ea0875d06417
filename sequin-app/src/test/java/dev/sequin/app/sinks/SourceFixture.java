package dev.sequin.app.sinks;

import dev.sequin.crypto.Vault;
import dev.sequin.source.PostgresDatabase;
import dev.sequin.source.PostgresDatabaseRepository;
import dev.sequin.testing.TestPostgres;
import java.util.UUID;

/**
 * A real source database for sink tests: a fresh database on the test Postgres with a few tables,
 * registered as a {@code postgres_databases} entry through the repository.
 */
final class SourceFixture {

    private SourceFixture() {
    }

    /** Creates the source and its tables; returns the database entry's name. */
    static String create(PostgresDatabaseRepository repository, Vault vault) {
        TestPostgres pg = TestPostgres.shared();
        String dbname = pg.createDatabase("sink_src");
        pg.execute(dbname,
                "CREATE TABLE public.orders (id bigint PRIMARY KEY, tenant text, status text)",
                "CREATE SCHEMA billing",
                "CREATE TABLE billing.invoices (id uuid PRIMARY KEY, customer_id bigint)",
                "CREATE TABLE public.\"MixedCase\" (id int PRIMARY KEY)");
        String name = "src-" + UUID.randomUUID().toString().substring(0, 8);
        PostgresDatabase db = new PostgresDatabase(name);
        db.setHostname(pg.host());
        db.setPort(pg.port());
        db.setDatabase(dbname);
        db.setUsername(pg.username());
        db.setPasswordEncrypted(vault.encrypt(pg.password()));
        db.attachSlot("slot_" + dbname, "pub_" + dbname);
        repository.save(db);
        return name;
    }
}
