using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IcuSync.Server.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IntervalsAthleteId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CredentialKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ProtectedCredential = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CredentialScopes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Plan = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DirectCoach = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RosterRefreshedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AthleteAccounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Event = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AthleteAccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    InvitedCoachId = table.Column<Guid>(type: "uuid", nullable: true),
                    TokenId = table.Column<Guid>(type: "uuid", nullable: true),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InvitedCoaches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvitedCoaches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RateLimitHits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateLimitHits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RosterEntries",
                columns: table => new
                {
                    CoachAccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    AthleteId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Permission = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RefreshedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AthleteAccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    InvitedCoachId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsOwnCoachEmail = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    InvitedCoachId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AthleteAccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    InvitedCoachId = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnerKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    ProtectedValue = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SelectedAthleteId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
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
                    InviteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tool = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
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
