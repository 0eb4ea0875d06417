package dev.sequin.message;

/**
 * {@code (commit_lsn, commit_idx)}: the total order of changes in a slot, used for per-group
 * delivery order, de-duplication and the restart cursor (contract §1.4).
 */
public record Position(Lsn commitLsn, int commitIdx) implements Comparable<Position> {

    @Override
    public int compareTo(Position other) {
        int byLsn = commitLsn.compareTo(other.commitLsn);
        return byLsn != 0 ? byLsn : Integer.compare(commitIdx, other.commitIdx);
    }

    @Override
    public String toString() {
        return commitLsn + "#" + commitIdx;
    }
}
