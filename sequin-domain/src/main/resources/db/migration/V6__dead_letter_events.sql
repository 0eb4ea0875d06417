-- The audit trail of the dead-letter store (contract §8 R4): every message moved into it, and
-- every operator action on it (replay, discard). Rows outlive the dead letters they name, so
-- there is no foreign key to dead_letters.
CREATE TABLE dead_letter_events (
    id              bigserial PRIMARY KEY,
    sink_id         uuid NOT NULL,
    dead_letter_id  uuid NOT NULL,
    event           text NOT NULL CHECK (event IN ('stored', 'replayed', 'discarded')),
    idempotency_key text NOT NULL,
    table_schema    text NOT NULL,
    table_name      text NOT NULL,
    reason          text,
    actor           text NOT NULL,
    at              timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX dead_letter_events_sink_idx ON dead_letter_events (sink_id, id);

-- The JSON parts of a dead letter are kept as text, byte for byte as the sink would receive
-- them: jsonb reorders keys and normalises numbers, so a replayed or inspected message would no
-- longer be the one that failed. (Values already stored keep jsonb's rendering.)
ALTER TABLE dead_letters
    ALTER COLUMN record_pks TYPE text,
    ALTER COLUMN record TYPE text,
    ALTER COLUMN changes TYPE text,
    ALTER COLUMN transaction_annotations TYPE text;

-- Keyset pagination of a sink's list, newest first; error filters scan within the sink.
CREATE INDEX dead_letters_sink_page_idx ON dead_letters (sink_id, inserted_at DESC, id DESC);
