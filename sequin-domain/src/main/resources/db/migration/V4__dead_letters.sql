-- Messages that will not be delivered (retries exhausted, or rejected by the destination).
-- Kept with everything needed to inspect and replay them; nothing leaves a queue unrecorded.
CREATE TABLE dead_letters (
    id              uuid PRIMARY KEY,
    sink_id         uuid NOT NULL,
    table_schema    text NOT NULL,
    table_name      text NOT NULL,
    action          text NOT NULL,
    commit_lsn      numeric(20, 0) NOT NULL,
    commit_idx      integer NOT NULL,
    commit_timestamp_us bigint NOT NULL,
    idempotency_key text NOT NULL,
    group_key       text,
    record_pks      jsonb NOT NULL,
    record          jsonb NOT NULL,
    changes         jsonb,
    transaction_annotations jsonb,
    attempts        integer NOT NULL,
    error           text NOT NULL,
    inserted_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX dead_letters_sink_idx ON dead_letters (sink_id, inserted_at);
