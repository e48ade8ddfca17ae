/**
 * Scaling policies: from what a control loop observes each interval (replicas, load, the load's
 * history) to the replica count it should ask for, with the reason ({@link
 * dev.alo.engine.scale.ScalingPolicy}, {@link dev.alo.engine.scale.ScalingConfig}); and the replay
 * that measures what a policy would have cost on a demand trace ({@link
 * dev.alo.engine.scale.Replay}). Pure: time arrives in the observations, nothing reads a clock.
 */
@NullMarked
package dev.alo.engine.scale;

import org.jspecify.annotations.NullMarked;
