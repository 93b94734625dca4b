using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsConsole.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ShadowOutcomesFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ServingPolicyJson",
                table: "Models",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "PredictionFlags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PredictionId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    FlaggedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FlaggedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PredictionFlags", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PredictionOutcomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PredictionId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PredictionOutcomes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ShadowComparisons",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Model = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ShadowVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    PrimaryVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PrimaryPredictionId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    PrimaryLabel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ShadowLabel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Agrees = table.Column<bool>(type: "INTEGER", nullable: false),
                    PrimaryConfidence = table.Column<double>(type: "REAL", nullable: true),
                    ShadowConfidence = table.Column<double>(type: "REAL", nullable: true),
                    PrimaryValue = table.Column<double>(type: "REAL", nullable: true),
                    ShadowValue = table.Column<double>(type: "REAL", nullable: true),
                    PrimaryLatencyMs = table.Column<double>(type: "REAL", nullable: false),
                    ShadowLatencyMs = table.Column<double>(type: "REAL", nullable: false),
                    FeaturesJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShadowComparisons", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PredictionFlags_Model_FlaggedAt",
                table: "PredictionFlags",
                columns: new[] { "Model", "FlaggedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PredictionFlags_PredictionId",
                table: "PredictionFlags",
                column: "PredictionId");

            migrationBuilder.CreateIndex(
                name: "IX_PredictionOutcomes_PredictionId",
                table: "PredictionOutcomes",
                column: "PredictionId");

            migrationBuilder.CreateIndex(
                name: "IX_PredictionOutcomes_ReceivedAt",
                table: "PredictionOutcomes",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PredictionOutcomes_RequestId",
                table: "PredictionOutcomes",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_ShadowComparisons_At",
                table: "ShadowComparisons",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ShadowComparisons_Model_ShadowVersion_PrimaryVersion_At",
                table: "ShadowComparisons",
                columns: new[] { "Model", "ShadowVersion", "PrimaryVersion", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PredictionFlags");

            migrationBuilder.DropTable(
                name: "PredictionOutcomes");

            migrationBuilder.DropTable(
                name: "ShadowComparisons");

            migrationBuilder.DropColumn(
                name: "ServingPolicyJson",
                table: "Models");
        }
    }
}
