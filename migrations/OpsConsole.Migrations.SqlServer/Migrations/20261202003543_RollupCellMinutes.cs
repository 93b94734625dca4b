using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsConsole.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RollupCellMinutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Minutes",
                table: "PredictionRollups",
                type: "int",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Minutes",
                table: "PredictionRollups");
        }
    }
}
