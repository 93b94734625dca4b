using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsConsole.Migrations.SqlServer.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Model = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    Segment = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    MinuteStart = table.Column<long>(type: "bigint", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false),
                    LatencyJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ConfidenceSum = table.Column<double>(type: "float", nullable: false),
                    ConfidenceCount = table.Column<long>(type: "bigint", nullable: false),
                    LabelsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ServedByJson = table.Column<string>(type: "nvarchar(max)", nullable: false)
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
