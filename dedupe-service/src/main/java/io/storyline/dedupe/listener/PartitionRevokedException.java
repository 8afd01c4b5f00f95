package io.storyline.dedupe.listener;

/**
 * A batch holds records of a partition this instance no longer owns: it was revoked (and perhaps given back,
 * restored afresh) while the records were in flight. The batch's transaction must abort so that they are decided
 * once, by the partition's owner, on the partition's real state.
 */
final class PartitionRevokedException extends IllegalStateException {

    private final boolean beforeAnyDecision;

    PartitionRevokedException(int partition, boolean beforeAnyDecision) {
        super("partition " + partition + " is not assigned to this instance any more; its in-flight records are left "
                + "to its owner" + (beforeAnyDecision ? "" : " (revoked mid-batch)"));
        this.beforeAnyDecision = beforeAnyDecision;
    }

    /** This exception in {@code failure}'s cause chain, or null. */
    static PartitionRevokedException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PartitionRevokedException revoked) {
                return revoked;
            }
        }
        return null;
    }

    /** True when the batch was refused before any article was decided, so no in-memory state moved ahead. */
    boolean beforeAnyDecision() {
        return beforeAnyDecision;
    }
}
