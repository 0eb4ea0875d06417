-- The delivered-ledger as ranges of commit_idx within a transaction. An acknowledged batch is
-- mostly consecutive changes of one or two transactions, so it becomes one or two rows instead of
-- one index entry per message: the ledger write was the largest cost of a pull API ack of 1,000.
CREATE TABLE sink_ack_ranges (
    sink_id    uuid NOT NULL,
    commit_lsn numeric(20, 0) NOT NULL,
    first_idx  integer NOT NULL,
    last_idx   integer NOT NULL,
    PRIMARY KEY (sink_id, commit_lsn, first_idx)
);

INSERT INTO sink_ack_ranges (sink_id, commit_lsn, first_idx, last_idx)
SELECT sink_id, commit_lsn, commit_idx, commit_idx FROM sink_acks;

DROP TABLE sink_acks;
