package dev.sequin.source;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The logical replication slot and publication of one source database. It has its own id because
 * Sequin's API lists it separately ({@code replication_slots:[{id, slot_name, publication_name,
 * status}]}) and sinks belong to a slot.
 */
@Entity
@Table(name = "replication_slots")
public class ReplicationSlot {

    @Id
    private UUID id;

    @OneToOne(optional = false)
    @JoinColumn(name = "postgres_database_id", nullable = false, unique = true)
    private PostgresDatabase database;

    @Column(name = "slot_name", nullable = false)
    private String slotName;

    @Column(name = "publication_name", nullable = false)
    private String publicationName;

    /** {@code active} or {@code disabled}, as Sequin reports it. */
    @Column(nullable = false)
    private String status = "active";

    @Column(name = "inserted_at", nullable = false, updatable = false)
    private Instant insertedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ReplicationSlot() {
    }

    ReplicationSlot(PostgresDatabase database, String slotName, String publicationName) {
        this.id = UUID.randomUUID();
        this.database = database;
        this.slotName = slotName;
        this.publicationName = publicationName;
        this.insertedAt = Instant.now();
        this.updatedAt = insertedAt;
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public UUID getId() { return id; }
    public PostgresDatabase getDatabase() { return database; }
    public String getSlotName() { return slotName; }
    public void setSlotName(String slotName) { this.slotName = slotName; }
    public String getPublicationName() { return publicationName; }
    public void setPublicationName(String publicationName) { this.publicationName = publicationName; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
}
