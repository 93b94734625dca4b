using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsConsole.Migrations.SqlServer.Migrations
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
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "InferenceMs",
                table: "PredictionRollups",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.CreateTable(
                name: "ServiceErrorRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Model = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    MinuteStart = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Feature = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
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
