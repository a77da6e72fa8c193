/**
 * Checks what the clients of the Raft key-value store saw: is their history linearizable?
 *
 * <p>A {@link io.distviz.raft.check.KvHistory} lists {@link io.distviz.raft.check.KvOperation}s (put, get,
 * delete, compare-and-set) with their invocation and response times in virtual microseconds; operations that
 * never got an answer are pending and may or may not have taken effect.
 * {@link io.distviz.raft.check.Linearizability#check} splits the history by key (linearizability is local,
 * Herlihy and Wing 1990) and searches each key's operations for an order that respects real time and explains
 * every output (Wing and Gong 1993, with Lowe's memo of explored configurations, as in Porcupine and
 * Knossos). The search is bounded by a step budget; running out gives "undecided", never a wrong answer.
 *
 * <p>Pure and deterministic like the engines: no JavaFX, no clock, no threads, and no iteration whose order
 * depends on hashing.
 */
package io.distviz.raft.check;
