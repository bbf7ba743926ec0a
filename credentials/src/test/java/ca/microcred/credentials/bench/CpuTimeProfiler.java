package ca.microcred.credentials.bench;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports operations per CPU-second of the benchmark JVM (all its threads: benchmark, JIT, GC). On a machine
 * shared with other work the wall-clock score says little; the CPU cost per operation does, and capacity on
 * N dedicated cores is about N times this figure. Use with {@code -prof ca.microcred.credentials.bench.CpuTimeProfiler}.
 */
public class CpuTimeProfiler implements InternalProfiler {

    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "operations per CPU-second of the benchmark process";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = processCpuNanos();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        double cpuSeconds = (processCpuNanos() - cpuAtStart) / 1e9;
        long ops = result.getMetadata().getAllOps();
        double perCpuSecond = cpuSeconds > 0 ? ops / cpuSeconds : Double.NaN;
        return List.of(new ScalarResult("ops/cpu-s", perCpuSecond, "ops/cpu-s", AggregationPolicy.AVG));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
