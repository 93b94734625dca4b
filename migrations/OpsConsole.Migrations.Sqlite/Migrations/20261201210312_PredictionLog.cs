using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsConsole.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PredictionLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Predictions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    FeaturesJson = table.Column<string>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ProbabilitiesJson = table.Column<string>(type: "TEXT", nullable: true),
                    Confidence = table.Column<double>(type: "REAL", nullable: true),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    LatencyMs = table.Column<double>(type: "REAL", nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ServedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Predictions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Predictions_Model_At",
                table: "Predictions",
                columns: new[] { "Model", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Predictions_RequestId",
                table: "Predictions",
                column: "RequestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Predictions");
        }
    }
}
