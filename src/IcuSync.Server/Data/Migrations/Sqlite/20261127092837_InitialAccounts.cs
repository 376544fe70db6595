using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IcuSync.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AthleteAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IntervalsAthleteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CredentialKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProtectedCredential = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CredentialScopes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DirectCoach = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RosterRefreshedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AthleteAccounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AthleteAccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    InvitedCoachId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TokenId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InvitedCoaches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvitedCoaches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RateLimitHits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateLimitHits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RosterEntries",
                columns: table => new
                {
                    CoachAccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AthleteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Permission = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RefreshedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RosterEntries", x => new { x.CoachAccountId, x.AthleteId });
                    table.ForeignKey(
                        name: "FK_RosterEntries_AthleteAccounts_CoachAccountId",
                        column: x => x.CoachAccountId,
                        principalTable: "AthleteAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoachInvites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AthleteAccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InvitedCoachId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IsOwnCoachEmail = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachInvites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoachInvites_AthleteAccounts_AthleteAccountId",
                        column: x => x.AthleteAccountId,
                        principalTable: "AthleteAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CoachInvites_InvitedCoaches_InvitedCoachId",
                        column: x => x.InvitedCoachId,
                        principalTable: "InvitedCoaches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConfirmationLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    InvitedCoachId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConfirmationLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConfirmationLinks_InvitedCoaches_InvitedCoachId",
                        column: x => x.InvitedCoachId,
                        principalTable: "InvitedCoaches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "McpTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AthleteAccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    InvitedCoachId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    ProtectedValue = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SelectedAthleteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_McpTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_McpTokens_AthleteAccounts_AthleteAccountId",
                        column: x => x.AthleteAccountId,
                        principalTable: "AthleteAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_McpTokens_InvitedCoaches_InvitedCoachId",
                        column: x => x.InvitedCoachId,
                        principalTable: "InvitedCoaches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoachGrants",
                columns: table => new
                {
                    InviteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tool = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachGrants", x => new { x.InviteId, x.Tool });
                    table.ForeignKey(
                        name: "FK_CoachGrants_CoachInvites_InviteId",
                        column: x => x.InviteId,
                        principalTable: "CoachInvites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AthleteAccounts_Email",
                table: "AthleteAccounts",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AthleteAccounts_IntervalsAthleteId",
                table: "AthleteAccounts",
                column: "IntervalsAthleteId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AthleteAccountId",
                table: "AuditEntries",
                column: "AthleteAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_InvitedCoachId",
                table: "AuditEntries",
                column: "InvitedCoachId");

            migrationBuilder.CreateIndex(
                name: "IX_CoachInvites_AthleteAccountId_InvitedCoachId",
                table: "CoachInvites",
                columns: new[] { "AthleteAccountId", "InvitedCoachId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CoachInvites_InvitedCoachId",
                table: "CoachInvites",
                column: "InvitedCoachId");

            migrationBuilder.CreateIndex(
                name: "IX_ConfirmationLinks_Hash",
                table: "ConfirmationLinks",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConfirmationLinks_InvitedCoachId",
                table: "ConfirmationLinks",
                column: "InvitedCoachId");

            migrationBuilder.CreateIndex(
                name: "IX_InvitedCoaches_Email",
                table: "InvitedCoaches",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_McpTokens_AthleteAccountId",
                table: "McpTokens",
                column: "AthleteAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_McpTokens_Hash",
                table: "McpTokens",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_McpTokens_InvitedCoachId",
                table: "McpTokens",
                column: "InvitedCoachId");

            migrationBuilder.CreateIndex(
                name: "IX_McpTokens_OwnerKey",
                table: "McpTokens",
                column: "OwnerKey",
                unique: true,
                filter: "\"RevokedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_RateLimitHits_At",
                table: "RateLimitHits",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_RateLimitHits_Key_At",
                table: "RateLimitHits",
                columns: new[] { "Key", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CoachGrants");

            migrationBuilder.DropTable(
                name: "ConfirmationLinks");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "McpTokens");

            migrationBuilder.DropTable(
                name: "RateLimitHits");

            migrationBuilder.DropTable(
                name: "RosterEntries");

            migrationBuilder.DropTable(
                name: "CoachInvites");

            migrationBuilder.DropTable(
                name: "AthleteAccounts");

            migrationBuilder.DropTable(
                name: "InvitedCoaches");
        }
    }
}
