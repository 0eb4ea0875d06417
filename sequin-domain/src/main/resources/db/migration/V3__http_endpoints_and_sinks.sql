-- HTTP endpoints: where webhook sinks send. Header order is kept (a JSON array of [name, value]
-- pairs, because jsonb objects do not keep key order). Encrypted headers and the signing secret
-- are Vault ciphertext (AES-GCM, base64); their plaintext never reaches this table.
CREATE TABLE http_endpoints (
    id                         uuid PRIMARY KEY,
    name                       text NOT NULL UNIQUE,
    url                        text NOT NULL,
    headers                    jsonb NOT NULL DEFAULT '[]'::jsonb,
    encrypted_headers          text,
    signing_secret_encrypted   text,
    inserted_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now()
);

-- Sinks (Sequin's "sink consumers"). The destination's own settings are columns for the types we
-- deliver to today (webhook, sequin_stream); the flexible parts of the definition are jsonb.
CREATE TABLE sinks (
    id                      uuid PRIMARY KEY,
    name                    text NOT NULL UNIQUE,
    postgres_database_id    uuid NOT NULL REFERENCES postgres_databases (id),
    status                  text NOT NULL DEFAULT 'active'
                                CHECK (status IN ('active', 'paused', 'disabled')),
    -- {include_schemas, exclude_schemas, include_tables, exclude_tables}, each a list or null.
    source                  jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- [{name: "schema.table", group_column_names: [...]}]
    tables                  jsonb NOT NULL DEFAULT '[]'::jsonb,
    actions                 text[] NOT NULL DEFAULT ARRAY['insert', 'update', 'delete'],
    destination_type        text NOT NULL CHECK (destination_type IN ('webhook', 'sequin_stream')),
    http_endpoint_id        uuid REFERENCES http_endpoints (id),
    http_endpoint_path      text,
    batch                   boolean NOT NULL DEFAULT true,
    filter_function         text,
    transform_function      text,
    routing_function        text,
    enrichment_function     text,
    message_grouping        boolean NOT NULL DEFAULT true,
    batch_size              integer NOT NULL DEFAULT 1 CHECK (batch_size BETWEEN 1 AND 1000),
    max_retry_count         integer CHECK (max_retry_count >= 0),
    load_shedding_policy    text NOT NULL DEFAULT 'pause_on_full'
                                CHECK (load_shedding_policy IN ('pause_on_full', 'discard_on_full')),
    timestamp_format        text NOT NULL DEFAULT 'iso8601'
                                CHECK (timestamp_format IN ('iso8601', 'unix_microsecond')),
    message_kind            text NOT NULL DEFAULT 'event' CHECK (message_kind IN ('event', 'record')),
    annotations             jsonb NOT NULL DEFAULT '{}'::jsonb,
    ack_wait_ms             integer NOT NULL DEFAULT 30000 CHECK (ack_wait_ms >= 500),
    max_ack_pending         integer NOT NULL DEFAULT 10000 CHECK (max_ack_pending >= 1),
    max_waiting             integer NOT NULL DEFAULT 20 CHECK (max_waiting >= 1),
    batch_timeout_ms        integer CHECK (batch_timeout_ms >= 0),
    max_memory_mb           integer CHECK (max_memory_mb >= 1),
    retry                   jsonb,
    initial_backfill        jsonb,
    inserted_at             timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    -- As Sequin's own constraint: an unbatched webhook sends one message per request.
    CONSTRAINT sinks_unbatched_webhook_batch_size CHECK (batch OR batch_size = 1),
    CONSTRAINT sinks_webhook_has_endpoint CHECK (destination_type <> 'webhook' OR http_endpoint_id IS NOT NULL)
);

CREATE INDEX sinks_postgres_database_id ON sinks (postgres_database_id);
CREATE INDEX sinks_http_endpoint_id ON sinks (http_endpoint_id);
