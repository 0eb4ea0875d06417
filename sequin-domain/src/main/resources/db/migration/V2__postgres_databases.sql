-- Source databases: the Postgres servers we read changes from. Passwords are encrypted with the
-- Vault (AES-GCM, base64); the plaintext never reaches this table.
CREATE TABLE postgres_databases (
    id                          uuid PRIMARY KEY,
    name                        text NOT NULL UNIQUE,
    hostname                    text NOT NULL,
    port                        integer NOT NULL DEFAULT 5432,
    database                    text NOT NULL,
    username                    text NOT NULL DEFAULT 'postgres',
    password_encrypted          text,
    ssl                         boolean NOT NULL DEFAULT false,
    ipv6                        boolean NOT NULL DEFAULT false,
    pool_size                   integer NOT NULL DEFAULT 10,
    queue_interval              integer NOT NULL DEFAULT 1000,
    queue_target                integer NOT NULL DEFAULT 50,
    annotations                 jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- The primary of a replica source, without its password (used for pg_logical_emit_message).
    primary_config              jsonb,
    primary_password_encrypted  text,
    inserted_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);

-- One slot and publication per database (Sequin's model). Its own id, because the API and sinks
-- refer to the slot separately from the database.
CREATE TABLE replication_slots (
    id                    uuid PRIMARY KEY,
    postgres_database_id  uuid NOT NULL UNIQUE REFERENCES postgres_databases (id) ON DELETE CASCADE,
    slot_name             text NOT NULL,
    publication_name      text NOT NULL,
    status                text NOT NULL DEFAULT 'active',
    inserted_at           timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
