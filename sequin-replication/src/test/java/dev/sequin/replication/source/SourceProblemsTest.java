package dev.sequin.replication.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.crypto.Secret;
import dev.sequin.message.TableName;
import dev.sequin.replication.source.SourceProblem.Codes;
import dev.sequin.source.SourceDatabase;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class SourceProblemsTest {

    private static final SourceDatabase DB = new SourceDatabase(UUID.randomUUID(), "src", "db.example", 5433, "shop",
            "app_user", Secret.of("hunter22"), false, false, 10, "{}", UUID.randomUUID(), "sequin_slot", "sequin_pub");

    @Test
    void postgresOlderThan12IsRefusedWith12AndNewerAccepted() {
        assertThat(SourceProblems.version(110009, "11.9")).hasValueSatisfying(p -> {
            assertThat(p.code()).isEqualTo(Codes.VERSION_UNSUPPORTED);
            assertThat(p.message()).contains("Postgres 11.9 is older than 12").contains("upgrade");
        });
        assertThat(SourceProblems.version(120000, "12.0")).isEmpty();
        assertThat(SourceProblems.version(170002, "17.2")).isEmpty();
    }

    @Test
    void walLevelOtherThanLogicalNamesTheSettingAndTheRestart() {
        assertThat(SourceProblems.walLevel("logical")).isEmpty();
        SourceProblem problem = SourceProblems.walLevel("replica").orElseThrow();
        assertThat(problem.code()).isEqualTo(Codes.WAL_LEVEL_NOT_LOGICAL);
        assertThat(problem.message()).contains("wal_level is \"replica\"")
                .contains("ALTER SYSTEM SET wal_level = logical;").contains("restart");
    }

    @Test
    void wrongPasswordAndUnknownRoleAreAuthenticationFailures() {
        SQLException wrongPassword = new PSQLException("FATAL: password authentication failed for user \"app_user\"",
                PSQLState.INVALID_PASSWORD);
        SourceProblem problem = SourceProblems.fromConnectFailure(wrongPassword, DB);
        assertThat(problem.code()).isEqualTo(Codes.AUTHENTICATION_FAILED);
        assertThat(problem.subject()).isEqualTo(SourceProblem.Subject.CREDENTIALS);
        assertThat(problem.message()).contains("app_user").contains("db.example:5433").doesNotContain("hunter22");

        SQLException noRole = new SQLException("FATAL: role \"x\" does not exist", "28000");
        assertThat(SourceProblems.fromConnectFailure(noRole, DB).code()).isEqualTo(Codes.AUTHENTICATION_FAILED);
    }

    @Test
    void networkCausesMeanUnreachableAndOtherFailuresKeepTheServerMessage() {
        SQLException unknownHost = new PSQLException("The connection attempt failed.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new UnknownHostException("db.example"));
        assertThat(SourceProblems.fromConnectFailure(unknownHost, DB).message())
                .contains("Cannot reach Postgres at db.example:5433: unknown host db.example");
        SQLException refused = new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
        assertThat(SourceProblems.fromConnectFailure(refused, DB).code()).isEqualTo(Codes.HOST_UNREACHABLE);
        assertThat(SourceProblems.fromConnectFailure(new SQLException("FATAL: database \"shop\" does not exist", "3D000"), DB)
                .code()).isEqualTo(Codes.DATABASE_MISSING);

        SourceProblem other = SourceProblems.fromConnectFailure(new SQLException("too many clients", "53300"), DB);
        assertThat(other.code()).isEqualTo(Codes.CONNECTION_FAILED);
        assertThat(other.message()).contains("too many clients").contains("53300");
    }

    @Test
    void defaultPublicationFollowsTheServerVersion() {
        assertThat(SourceProblems.createPublicationSql("sequin_pub", 170000))
                .isEqualTo("CREATE PUBLICATION \"sequin_pub\" FOR TABLES IN SCHEMA public WITH (publish_via_partition_root = true)");
        assertThat(SourceProblems.createPublicationSql("sequin_pub", 140000))
                .isEqualTo("CREATE PUBLICATION \"sequin_pub\" FOR ALL TABLES WITH (publish_via_partition_root = true)");
        assertThat(SourceProblems.createPublicationSql("sequin_pub", 120000))
                .isEqualTo("CREATE PUBLICATION \"sequin_pub\" FOR ALL TABLES");
    }

    @Test
    void namesInFixesAreQuotedSoTheSqlCannotBeHijacked() {
        String evil = "p\"; DROP TABLE users; --";
        assertThat(SourceProblems.tableNotPublished(evil, new TableName("public", "o'rders")).fix())
                .isEqualTo("ALTER PUBLICATION \"p\"\"; DROP TABLE users; --\" ADD TABLE \"public\".\"o'rders\";");
        assertThat(SourceProblems.slotMissing("it's").fix()).startsWith("SELECT pg_create_logical_replication_slot('it''s', 'pgoutput');");
        assertThat(SourceProblems.replicationPrivilegeMissing("Bob").fix()).contains("ALTER ROLE \"Bob\" WITH REPLICATION;")
                .contains("rds_replication");
    }

    @Test
    void slotJudgement() {
        SourceCheck.Options strict = SourceCheck.Options.checkOnly();
        SourceCheck.Options ours = new SourceCheck.Options(false, false, Set.of(), true);
        assertThat(SourceCheck.slotProblem(new SourceCheck.SlotRow("logical", "pgoutput", "shop", null, null), DB, "shop", strict)).isEmpty();
        assertThat(SourceCheck.slotProblem(new SourceCheck.SlotRow("logical", "test_decoding", "shop", null, null), DB, "shop", strict))
                .hasValueSatisfying(p -> assertThat(p.message()).contains("plugin \"test_decoding\"")
                        .contains("SELECT pg_drop_replication_slot('sequin_slot');"));
        assertThat(SourceCheck.slotProblem(new SourceCheck.SlotRow("physical", null, null, null, null), DB, "shop", strict))
                .hasValueSatisfying(p -> assertThat(p.message()).contains("a physical slot"));
        assertThat(SourceCheck.slotProblem(new SourceCheck.SlotRow("logical", "pgoutput", "other", null, null), DB, "shop", strict))
                .hasValueSatisfying(p -> assertThat(p.code()).isEqualTo(Codes.SLOT_WRONG_DATABASE));
        SourceCheck.SlotRow heldBySequin = new SourceCheck.SlotRow("logical", "pgoutput", "shop", 4242, "sequin");
        assertThat(SourceCheck.slotProblem(heldBySequin, DB, "shop", strict))
                .hasValueSatisfying(p -> assertThat(p.message()).contains("pid 4242").contains("pg_terminate_backend(4242)"));
        assertThat(SourceCheck.slotProblem(heldBySequin, DB, "shop", ours)).isEmpty();
        assertThat(SourceCheck.slotProblem(new SourceCheck.SlotRow("logical", "pgoutput", "shop", 7, "psql"), DB, "shop", ours))
                .isPresent();
    }
}
