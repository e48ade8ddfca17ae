package dev.alo.engine.scale;

/**
 * What a policy cost on a replayed demand, counted after the warmup.
 *
 * @param policy the policy's name
 * @param serverHours replicas in existence (starting ones included) × time
 * @param violationMinutes minutes of intervals whose ready replicas ran above the SLO utilisation
 * @param violationPercent those intervals in percent of the scored ones
 * @param actions changes of the desired count
 * @param directionChangesPerDay changes whose direction differs from the previous change's, per day
 * @param p99Response the 99th percentile response time, seconds, over all requests, each interval
 *     an M/M/c queue of its ready replicas; infinite when more than 1 % of the requests arrive in
 *     overloaded intervals
 * @param maxServers the most replicas in existence at once
 * @param timeline desired and ready replicas of every interval, for plots
 */
public record ReplayResult(
    String policy,
    double serverHours,
    double violationMinutes,
    double violationPercent,
    int actions,
    double directionChangesPerDay,
    double p99Response,
    int maxServers,
    ReplayTimeline timeline) {}
