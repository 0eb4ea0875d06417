-- A sink's durable backlog: messages spilled from memory (the sink is paused, failing, slow, or
-- memory is full) and messages replayed from the dead-letter store. Read back in commit order
-- (commit_lsn, commit_idx), a page at a time. Once a message is here, the slot may confirm past it
-- (invariant I1). The key makes a re-sent change (after a restart) a no-op.
--
-- JSON parts are stored as text, byte for byte as they will be sent.
CREATE TABLE sink_messages (
    sink_id          uuid NOT NULL,
    commit_lsn       numeric(20, 0) NOT NULL,
    commit_idx       integer NOT NULL,
    group_key        text,
    action           text NOT NULL,
    table_schema     text NOT NULL,
    table_name       text NOT NULL,
    commit_timestamp_us bigint NOT NULL,
    record_pks       text NOT NULL,
    record           text NOT NULL,
    changes          text,
    transaction_annotations text,
    attempts         integer NOT NULL DEFAULT 0,
    last_error       text,
    inserted_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sink_id, commit_lsn, commit_idx)
);

-- What each sink has acknowledged above its slot's confirmed position: after a crash the slot
-- replays from that position, and these rows keep already-acknowledged messages from being sent
-- again (invariant I3). Pruned as the confirmed position advances.
CREATE TABLE sink_acks (
    sink_id    uuid NOT NULL,
    commit_lsn numeric(20, 0) NOT NULL,
    commit_idx integer NOT NULL,
    PRIMARY KEY (sink_id, commit_lsn, commit_idx)
);
