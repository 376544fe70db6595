using System.Runtime.CompilerServices;
using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IcuSync.Server.Accounts;

/// <summary>
/// The EF Core queries of resolving a coach's token and of the credential re-check every data read runs, compiled:
/// EF Core then skips building, funcletizing and looking up the LINQ expression on each call, which was most of a
/// cached call's database cost (SQLite's own work is tiny). A compiled query may only run against the model it was first run with,
/// and a process can hold several (SQLite and PostgreSQL, test hosts side by side), so there is one set per model.
/// </summary>
internal sealed class PrincipalQueries
{
    private static readonly ConditionalWeakTable<IModel, PrincipalQueries> PerModel = new();

    public static PrincipalQueries For(IcuSyncDbContext db) => PerModel.GetValue(db.Model, static _ => new PrincipalQueries());

    /// <summary>A direct coach's account (the token itself is read by <see cref="AccessReader"/>).</summary>
    public Func<IcuSyncDbContext, Guid, CancellationToken, Task<AthleteAccount?>> AccountById { get; } =
        EF.CompileAsyncQuery((IcuSyncDbContext db, Guid id, CancellationToken _) =>
            db.AthleteAccounts.AsNoTracking().FirstOrDefault(a => a.Id == id));

    /// <summary>An invited coach's invites with their grants and the inviting athlete's account.</summary>
    public Func<IcuSyncDbContext, Guid?, IAsyncEnumerable<InviteRow>> InvitesOf { get; } =
        EF.CompileAsyncQuery((IcuSyncDbContext db, Guid? invitedCoachId) =>
            db.CoachInvites.AsNoTracking()
                .Where(i => i.InvitedCoachId == invitedCoachId)
                .Select(i => new InviteRow(
                    i.IsOwnCoachEmail,
                    i.Grants.Select(g => g.Tool).ToList(),
                    i.AthleteAccount!.IntervalsAthleteId,
                    i.AthleteAccount.Name,
                    i.AthleteAccount.Plan)));

    /// <summary>The athlete's account, if the athlete token is live and the account is that athlete's.</summary>
    public Func<IcuSyncDbContext, Guid, string, CancellationToken, Task<HolderRow?>> AthleteHolder { get; } =
        EF.CompileAsyncQuery((IcuSyncDbContext db, Guid tokenId, string athleteId, CancellationToken _) =>
            (from t in db.McpTokens
             where t.Id == tokenId && t.RevokedAt == null && t.Kind == McpTokenKind.Athlete
             join a in db.AthleteAccounts on t.AthleteAccountId equals (Guid?)a.Id
             where a.IntervalsAthleteId == athleteId
             select new HolderRow(a.Id, a.IntervalsAthleteId, a.CredentialKind, a.ProtectedCredential, a.CredentialScopes))
            .FirstOrDefault());

    /// <summary>The inviting athlete's account, if the coach token is live and an invite from that athlete (on an active plan) stands.</summary>
    public Func<IcuSyncDbContext, Guid, string, CancellationToken, Task<HolderRow?>> InvitedCoachHolder { get; } =
        EF.CompileAsyncQuery((IcuSyncDbContext db, Guid tokenId, string athleteId, CancellationToken _) =>
            (from t in db.McpTokens
             where t.Id == tokenId && t.RevokedAt == null && t.Kind == McpTokenKind.InvitedCoach
             join i in db.CoachInvites on t.InvitedCoachId equals (Guid?)i.InvitedCoachId
             join a in db.AthleteAccounts on i.AthleteAccountId equals a.Id
             where a.IntervalsAthleteId == athleteId && a.Plan == PlanStatus.Active
             select new HolderRow(a.Id, a.IntervalsAthleteId, a.CredentialKind, a.ProtectedCredential, a.CredentialScopes))
            .FirstOrDefault());

    /// <summary>The direct coach's own account, if the token is live and the account still coaches on an active plan.</summary>
    public Func<IcuSyncDbContext, Guid, CancellationToken, Task<HolderRow?>> DirectCoachHolder { get; } =
        EF.CompileAsyncQuery((IcuSyncDbContext db, Guid tokenId, CancellationToken _) =>
            (from t in db.McpTokens
             where t.Id == tokenId && t.RevokedAt == null && t.Kind == McpTokenKind.DirectCoach
             join a in db.AthleteAccounts on t.AthleteAccountId equals (Guid?)a.Id
             where a.DirectCoach && a.Plan == PlanStatus.Active
             select new HolderRow(a.Id, a.IntervalsAthleteId, a.CredentialKind, a.ProtectedCredential, a.CredentialScopes))
            .FirstOrDefault());

    /// <summary>Whether the coach's stored roster reaches the athlete with some permission.</summary>
    public Func<IcuSyncDbContext, Guid, string, CancellationToken, Task<bool>> RosterReaches { get; } =
        EF.CompileAsyncQuery((IcuSyncDbContext db, Guid coachId, string athleteId, CancellationToken _) =>
            db.RosterEntries.Any(r => r.CoachAccountId == coachId && r.AthleteId == athleteId && r.Permission != RosterPermission.None));
}

internal sealed record InviteRow(bool IsOwnCoachEmail, List<string> Tools, string? IntervalsAthleteId, string Name, PlanStatus Plan);

/// <summary>Only what the credential check needs of the account that holds the credential.</summary>
internal sealed record HolderRow(Guid Id, string? IntervalsAthleteId, CredentialKind CredentialKind, string? ProtectedCredential, string? CredentialScopes);
