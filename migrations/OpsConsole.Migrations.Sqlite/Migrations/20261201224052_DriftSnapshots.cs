using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsConsole.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DriftSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DriftSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Model = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReferenceFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    ReferenceTo = table.Column<long>(type: "INTEGER", nullable: false),
                    ReferenceRows = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrentFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrentTo = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrentRows = table.Column<long>(type: "INTEGER", nullable: false),
                    DriftShare = table.Column<double>(type: "REAL", nullable: false),
                    DatasetDrift = table.Column<bool>(type: "INTEGER", nullable: false),
                    ColumnsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftSnapshots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DriftSnapshots_Model_ComputedAt",
                table: "DriftSnapshots",
                columns: new[] { "Model", "ComputedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DriftSnapshots");
        }
    }
}
