package dev.sequin.source;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A source database as stored. The password (and the primary's) is held only as Vault ciphertext;
 * {@link SourceDatabases} decrypts it into a {@link SourceDatabase}. Mutable, as JPA entities are:
 * change it only inside a transaction that validated the whole change first.
 */
@Entity
@Table(name = "postgres_databases")
public class PostgresDatabase {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(nullable = false)
    private String hostname;

    private int port = 5432;

    @Column(nullable = false)
    private String database;

    @Column(nullable = false)
    private String username = "postgres";

    @Column(name = "password_encrypted")
    private String passwordEncrypted;

    private boolean ssl;

    private boolean ipv6;

    @Column(name = "pool_size")
    private int poolSize = 10;

    @Column(name = "queue_interval")
    private int queueInterval = 1000;

    @Column(name = "queue_target")
    private int queueTarget = 50;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String annotations = "{}";

    /** The primary's settings as a JSON object without its password, or {@code null}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "primary_config")
    private String primaryConfig;

    @Column(name = "primary_password_encrypted")
    private String primaryPasswordEncrypted;

    @Column(name = "inserted_at", nullable = false, updatable = false)
    private Instant insertedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @OneToOne(mappedBy = "database", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    private ReplicationSlot replicationSlot;

    protected PostgresDatabase() {
    }

    public PostgresDatabase(String name) {
        this(UUID.randomUUID(), name);
    }

    /** With a given id: the one its settings were checked under before it was stored. */
    public PostgresDatabase(UUID id, String name) {
        this.id = id;
        this.name = name;
        this.insertedAt = Instant.now();
        this.updatedAt = insertedAt;
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    /** Attaches the one slot of this database (replacing none: a database has exactly one). */
    public ReplicationSlot attachSlot(String slotName, String publicationName) {
        replicationSlot = new ReplicationSlot(this, slotName, publicationName);
        return replicationSlot;
    }

    public UUID getId() { return id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getHostname() { return hostname; }
    public void setHostname(String hostname) { this.hostname = hostname; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public String getDatabase() { return database; }
    public void setDatabase(String database) { this.database = database; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPasswordEncrypted() { return passwordEncrypted; }
    public void setPasswordEncrypted(String passwordEncrypted) { this.passwordEncrypted = passwordEncrypted; }
    public boolean isSsl() { return ssl; }
    public void setSsl(boolean ssl) { this.ssl = ssl; }
    public boolean isIpv6() { return ipv6; }
    public void setIpv6(boolean ipv6) { this.ipv6 = ipv6; }
    public int getPoolSize() { return poolSize; }
    public void setPoolSize(int poolSize) { this.poolSize = poolSize; }
    public int getQueueInterval() { return queueInterval; }
    public int getQueueTarget() { return queueTarget; }
    public String getAnnotations() { return annotations; }
    public void setAnnotations(String annotations) { this.annotations = annotations; }
    public String getPrimaryConfig() { return primaryConfig; }
    public void setPrimaryConfig(String primaryConfig) { this.primaryConfig = primaryConfig; }
    public String getPrimaryPasswordEncrypted() { return primaryPasswordEncrypted; }
    public void setPrimaryPasswordEncrypted(String value) { this.primaryPasswordEncrypted = value; }
    public Instant getInsertedAt() { return insertedAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public ReplicationSlot getReplicationSlot() { return replicationSlot; }
}
