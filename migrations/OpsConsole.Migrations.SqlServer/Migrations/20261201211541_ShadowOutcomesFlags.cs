using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsConsole.Migrations.SqlServer.Migrations
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
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "PredictionFlags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PredictionId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Model = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    FlaggedAt = table.Column<long>(type: "bigint", nullable: false),
                    FlaggedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PredictionFlags", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PredictionOutcomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PredictionId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    RequestId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Label = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PredictionOutcomes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ShadowComparisons",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Model = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ShadowVersion = table.Column<int>(type: "int", nullable: false),
                    PrimaryVersion = table.Column<int>(type: "int", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Segment = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    RequestId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    PrimaryPredictionId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    PrimaryLabel = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ShadowLabel = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Agrees = table.Column<bool>(type: "bit", nullable: false),
                    PrimaryConfidence = table.Column<double>(type: "float", nullable: true),
                    ShadowConfidence = table.Column<double>(type: "float", nullable: true),
                    PrimaryValue = table.Column<double>(type: "float", nullable: true),
                    ShadowValue = table.Column<double>(type: "float", nullable: true),
                    PrimaryLatencyMs = table.Column<double>(type: "float", nullable: false),
                    ShadowLatencyMs = table.Column<double>(type: "float", nullable: false),
                    FeaturesJson = table.Column<string>(type: "nvarchar(max)", nullable: true)
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
