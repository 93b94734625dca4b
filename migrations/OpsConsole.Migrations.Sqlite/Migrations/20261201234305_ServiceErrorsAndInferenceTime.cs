using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsConsole.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceErrorsAndInferenceTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "InferenceMs",
                table: "Predictions",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "InferenceMs",
                table: "PredictionRollups",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.CreateTable(
                name: "ServiceErrorRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Model = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    MinuteStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Feature = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceErrorRollups", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceErrorRollups_Model_MinuteStart",
                table: "ServiceErrorRollups",
                columns: new[] { "Model", "MinuteStart" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceErrorRollups_Model_Version_MinuteStart_Kind_Feature",
                table: "ServiceErrorRollups",
                columns: new[] { "Model", "Version", "MinuteStart", "Kind", "Feature" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ServiceErrorRollups");

            migrationBuilder.DropColumn(
                name: "InferenceMs",
                table: "Predictions");

            migrationBuilder.DropColumn(
                name: "InferenceMs",
                table: "PredictionRollups");
        }
    }
}
