using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsConsole.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PredictionRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PredictionRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Model = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MinuteStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    LatencyJson = table.Column<string>(type: "TEXT", nullable: false),
                    ConfidenceSum = table.Column<double>(type: "REAL", nullable: false),
                    ConfidenceCount = table.Column<long>(type: "INTEGER", nullable: false),
                    LabelsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ServedByJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PredictionRollups", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PredictionRollups_Model_MinuteStart",
                table: "PredictionRollups",
                columns: new[] { "Model", "MinuteStart" });

            migrationBuilder.CreateIndex(
                name: "IX_PredictionRollups_Model_Version_Segment_MinuteStart",
                table: "PredictionRollups",
                columns: new[] { "Model", "Version", "Segment", "MinuteStart" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PredictionRollups");
        }
    }
}
