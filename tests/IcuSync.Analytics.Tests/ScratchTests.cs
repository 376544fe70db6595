using System.Diagnostics;
using System.Numerics;
using IcuSync.Analytics.Power;
using Xunit.Abstractions;

namespace IcuSync.Analytics.Tests;

public sealed class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void Scratch()
    {
        var six = TestStreams.Ride(6 * 3600);
        var prefix = new double[six.Length + 1];
        var sums = MeanMax.BuildPrefixSums(six, prefix);
        output.WriteLine($"accelerated {Vector.IsHardwareAccelerated} width {Vector<double>.Count}");
        double sink = 0;
        for (var round = 0; round < 3; round++)
        {
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            for (var k = 0; k < 1000; k++)
            {
                sink += MeanMax.MaxWindowSum(sums, 100);
            }

            process.Refresh();
            var cpu = process.TotalProcessorTime - cpu0;
            output.WriteLine($"vector: {cpu.TotalMilliseconds * 1e6 / (1000.0 * 21500):0.000} ns/element");

            process.Refresh();
            cpu0 = process.TotalProcessorTime;
            for (var k = 0; k < 1000; k++)
            {
                var best = double.NegativeInfinity;
                for (var i = 0; i + 100 < sums.Length; i++)
                {
                    var s = sums[i + 100] - sums[i];
                    if (s > best)
                    {
                        best = s;
                    }
                }

                sink += best;
            }

            process.Refresh();
            cpu = process.TotalProcessorTime - cpu0;
            output.WriteLine($"scalar: {cpu.TotalMilliseconds * 1e6 / (1000.0 * 21500):0.000} ns/element");
        }

        Assert.True(sink > 0);
    }
}
