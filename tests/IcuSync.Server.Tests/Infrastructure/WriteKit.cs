using IcuSync.Server.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace IcuSync.Server.Tests.Infrastructure;

/// <summary>Shared by the write-tool and write-intent tests: a known workout text and the audit log the writes leave.</summary>
internal static class WriteKit
{
    /// <summary>A 56-minute threshold ride: 10 + 3 × (8 + 4) + 10 minutes.</summary>
    public const string ThresholdRide = "Warmup\n- 10m ramp 50%-75%\n\nMain Set 3x\n- 8m 95-100%\n- 4m 55%\n\nCooldown\n- 10m 50%";

    public const int ThresholdRideSeconds = 3360;

    public static async Task<IReadOnlyList<AuditRecord>> AuditAsync(IcuSyncTestHost host) =>
        await host.Server.App.Services.GetRequiredService<AuditLog>().ListAsync(1000, null, null, CancellationToken.None);
}
